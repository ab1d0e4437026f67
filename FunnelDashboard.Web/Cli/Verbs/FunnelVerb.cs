using System.Globalization;
using System.Text.Json;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.Web.Api;

namespace FunnelDashboard.Web.Cli.Verbs;

public sealed class FunnelVerb : IVerb
{
    public string Name => "funnel";
    public string Arguments => "[--steps a,b,..] [--from yyyy-MM-dd] [--to yyyy-MM-dd] [--device D] [--sex S]\n" +
                               "         [--breakdown device|sex] [--window HOURS] [--json]";
    public string Summary => "print the funnel of the stored data (--json: the API's JSON)";

    public async Task<int> RunAsync(string[] args, CommandContext context, CancellationToken ct)
    {
        var parsed = new CommandArgs(args, FunnelQuery.ParameterNames, ["json"]);
        parsed.AtMost(0);
        var query = FunnelQuery.Parse(parsed.Value);
        if (!query.IsValid)
            throw new UsageException(string.Join(Environment.NewLine, query.Errors.Select(e => $"--{e.Key}: {string.Join(" ", e.Value)}")));

        await using var services = context.BuildServices();
        var store = services.GetRequiredService<IEventStore>();
        await store.InitializeAsync(ct);
        var result = FunnelEngine.Compute(await SnapshotLoader.GrowAsync(store, EventSnapshot.Empty, ct), query.Value!);
        if (parsed.Has("json"))
        {
            context.Output.WriteLine(JsonSerializer.Serialize(result, ApiJson.Options));
            return 0;
        }
        WriteTable(context.Output, "All users", result.Steps);
        foreach (var group in result.Groups ?? [])
            WriteTable(context.Output, group.Value, group.Steps);
        return 0;
    }

    static void WriteTable(TextWriter output, string title, IReadOnlyList<FunnelStep> steps)
    {
        output.WriteLine(title);
        output.WriteLine($"  {"step",-14}{"users",12}{"from prev",11}{"from start",12}{"drop-off",11}{"median to next",16}");
        foreach (var s in steps)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {s.Name,-14}{s.Users,12:N0}{s.ConversionFromPrevious,11:P1}{s.ConversionFromStart,12:P1}{s.DropOff,11:N0}{(s.MedianSecondsToNext is { } m ? $"{m:F0} s" : "-"),16}"));
        output.WriteLine();
    }
}
