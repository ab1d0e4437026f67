using System.Data.Common;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Storage;

namespace FunnelDashboard.Web.Cli.Verbs;

public sealed class ImportVerb : IVerb
{
    public string Name => "import";
    public string Arguments => "DIR [--seed S]";
    public string Summary => "import a dataset folder into the configured store (all or nothing)";

    public async Task<int> RunAsync(string[] args, CommandContext context, CancellationToken ct)
    {
        var parsed = new CommandArgs(args, ["seed"]);
        var folder = parsed.Required(0, "the dataset folder (import DIR)");
        parsed.AtMost(1);
        var seed = parsed.Long("seed", JourneySynthesizer.DefaultSeed, long.MinValue, long.MaxValue);
        await using var services = context.BuildServices();
        var store = services.GetRequiredService<IEventStore>();
        ImportResult result;
        try
        {
            await store.InitializeAsync(ct);
            result = await services.GetRequiredService<DatasetImporter>().ImportAsync(folder, seed, ct: ct);
        }
        catch (DbException e)
        {
            // The import is one transaction: a store error rolls all of it back.
            await context.Error.WriteLineAsync($"Import failed, nothing was stored: {store.Provider} store error: {e.Message}");
            return 1;
        }
        context.Output.WriteLine(result.AlreadyImported
            ? $"{folder} was already imported into {store.Provider}; nothing to do."
            : $"Imported {result.Users:N0} users, {result.Sessions:N0} sessions, {result.PageVisits:N0} page visits and " +
              $"{result.Interactions:N0} interactions into {store.Provider} in {result.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }
}
