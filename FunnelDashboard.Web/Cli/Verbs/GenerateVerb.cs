using FunnelDashboard.Core.Ingestion;

namespace FunnelDashboard.Web.Cli.Verbs;

public sealed class GenerateVerb : IVerb
{
    public string Name => "generate";
    public string Arguments => "DIR [--users N] [--seed S]";
    public string Summary => "write a dataset (the five CSVs) to DIR";

    public Task<int> RunAsync(string[] args, CommandContext context, CancellationToken ct)
    {
        var parsed = new CommandArgs(args, ["users", "seed"]);
        var folder = parsed.Required(0, "the folder to write (generate DIR)");
        parsed.AtMost(1);
        var users = parsed.Int("users", DatasetGenerator.DefaultUsers, 1, DatasetReader.MaxUsers);
        DatasetGenerator.Generate(folder, users, parsed.Long("seed", 42, long.MinValue, long.MaxValue));
        context.Output.WriteLine($"Wrote {users:N0} users to {Path.GetFullPath(folder)}");
        return Task.FromResult(0);
    }
}
