using FunnelDashboard.ML.Forecasting;

namespace FunnelDashboard.Web.Cli.Verbs;

public sealed class GenerateSeriesVerb : IVerb
{
    public string Name => "generate-series";
    public string Arguments => "FILE.csv [--days 730] [--seed 1] [--start 2024-01-01]";
    public string Summary => "write a synthetic daily series (weekly seasonality, trend, noise)";

    public Task<int> RunAsync(string[] args, CommandContext context, CancellationToken ct)
    {
        var parsed = new CommandArgs(args, ["days", "seed", "start"]);
        var file = parsed.Required(0, "the file to write (generate-series FILE.csv)");
        parsed.AtMost(1);
        var days = parsed.Int("days", 730, 1);
        var seed = parsed.Int("seed", 1, 0);
        var start = parsed.Date("start", SeriesGenerator.DefaultStart);

        var series = SeriesGenerator.Generate(days, seed, start);
        DailySeriesCsv.Write(file, series);
        context.Output.WriteLine($"wrote {days} days ({series.Start:yyyy-MM-dd} to {series.End:yyyy-MM-dd}, seed {seed}) to {file}");
        return Task.FromResult(0);
    }
}
