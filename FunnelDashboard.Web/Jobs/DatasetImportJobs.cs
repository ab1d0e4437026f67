using FunnelDashboard.Core.Accounts;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Storage;

namespace FunnelDashboard.Web.Jobs;

/// <summary>Queues the jobs that change the data: importing an uploaded dataset, and refreshing the analytics.</summary>
public sealed class DatasetImportJobs(JobRunner runner, IEventStore store, DatasetImporter importer, FunnelAnalytics analytics, AuditLog audit)
{
    public const string ImportKind = "import", RefreshKind = "refresh-analytics";

    /// <summary>
    /// Saves an upload (<see cref="DatasetUpload"/>) and queues its import; an upload refused before any job exists
    /// (a file not of the dataset, too large, cut short) is audited as a failed start, and the exception rethrown.
    /// </summary>
    /// <exception cref="ImportException">The upload is not the dataset's files; the message names the file.</exception>
    /// <exception cref="IOException">The upload could not be read.</exception>
    public async Task<JobSnapshot> ImportUploadAsync(IReadOnlyList<UploadedFile> files, long maxBytes, string startedBy)
    {
        string folder;
        try
        {
            folder = await DatasetUpload.SaveAsync(files, maxBytes, CancellationToken.None);
        }
        catch (Exception e) when (e is ImportException or IOException)
        {
            await audit.RecordAsync(startedBy, JobRunner.StartAction, "", AuditOutcome.Failure, $"{ImportKind}: {e.Message}");
            throw;
        }
        return await EnqueueImportAsync(folder, startedBy);
    }

    /// <summary>
    /// Imports the dataset folder (all or nothing), then refreshes the analytics; deletes the folder afterwards. A bad
    /// file fails the job with the line-level report of the command line: file, line, reason.
    /// </summary>
    public Task<JobSnapshot> EnqueueImportAsync(string folder, string startedBy) => runner.EnqueueAsync(ImportKind, startedBy, async (reporter, ct) =>
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
    public Task<JobSnapshot> EnqueueRefreshAsync(string startedBy) => runner.EnqueueAsync(RefreshKind, startedBy, async (reporter, ct) =>
    {
        reporter.Report(0.1, "Reading new events…");
        var view = await analytics.RefreshAsync(ct);
        reporter.Log(view.StatusMessage ?? $"Analytics version {view.Version}: {view.DataRange?.From:yyyy-MM-dd} to {view.DataRange?.To:yyyy-MM-dd}.");
        if (view.State == AnalyticsState.Unavailable) throw new InvalidOperationException(view.StatusMessage);
        reporter.Report(1, "Analytics refreshed.");
    });
}
