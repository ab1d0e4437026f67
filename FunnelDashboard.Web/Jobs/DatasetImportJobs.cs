using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Storage;

namespace FunnelDashboard.Web.Jobs;

/// <summary>Queues the jobs that change the data: importing an uploaded dataset, and refreshing the analytics.</summary>
public sealed class DatasetImportJobs(JobRunner runner, IEventStore store, DatasetImporter importer, FunnelAnalytics analytics)
{
    public const string ImportKind = "import", RefreshKind = "refresh-analytics";

    /// <summary>
    /// Imports the dataset folder (all or nothing), then refreshes the analytics; deletes the folder afterwards. A bad
    /// file fails the job with the line-level report of the command line: file, line, reason.
    /// </summary>
    public JobSnapshot EnqueueImport(string folder, string startedBy) => runner.Enqueue(ImportKind, startedBy, async (reporter, ct) =>
    {
        try
        {
            reporter.Report(0.05, "Reading and checking the dataset files…");
            await store.InitializeAsync(ct);
            ImportResult result;
            try
            {
                result = await importer.ImportAsync(folder, ct: ct);
            }
            catch (ImportException e)
            {
                reporter.Log($"{e.FileName}{(e.Line is { } line ? $" line {line}" : "")}: {e.Problem}");
                throw new InvalidDataException($"Import failed, nothing was stored: {e.Message}", e);
            }
            reporter.Log(result.AlreadyImported
                ? "This dataset was imported before; nothing to do."
                : $"Imported {result.Users:N0} users, {result.Sessions:N0} sessions, {result.PageVisits:N0} page visits and {result.Interactions:N0} interactions in {result.Elapsed.TotalSeconds:F1} s.");
            reporter.Report(0.9, "Refreshing the analytics…");
            await analytics.RefreshAsync(ct);
            reporter.Report(1, result.AlreadyImported ? "Already imported; nothing to do." : $"Imported {result.Users:N0} users.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    });

    /// <summary>Reads the events stored since the last refresh into the analytics now.</summary>
    public JobSnapshot EnqueueRefresh(string startedBy) => runner.Enqueue(RefreshKind, startedBy, async (reporter, ct) =>
    {
        reporter.Report(0.1, "Reading new events…");
        var view = await analytics.RefreshAsync(ct);
        reporter.Log(view.StatusMessage ?? $"Analytics version {view.Version}: {view.DataRange?.From:yyyy-MM-dd} to {view.DataRange?.To:yyyy-MM-dd}.");
        if (view.State == AnalyticsState.Unavailable) throw new InvalidOperationException(view.StatusMessage);
        reporter.Report(1, "Analytics refreshed.");
    });
}
