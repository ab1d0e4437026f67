using System.Diagnostics;
using FunnelDashboard.Core.Storage;
using Microsoft.Extensions.Logging;

namespace FunnelDashboard.Core.Ingestion;

public sealed record ImportResult(bool AlreadyImported, int Users, int Sessions, int PageVisits, int Interactions, TimeSpan Elapsed);

/// <summary>
/// Imports a dataset folder into the store: validate everything first, synthesize the detail, then store it in one
/// transaction. Importing the same folder (same files, same seed) again is a no-op; users already stored by another
/// import are an error naming their line.
/// </summary>
public sealed class DatasetImporter(IEventStore store, ILogger<DatasetImporter> logger)
{
    /// <param name="endingOn">
    /// Moves the dataset's days so its last one is this day (the synthesized times follow), e.g. to let a demo's
    /// history end yesterday; null keeps the dataset's own dates. Either way importing the folder again is a no-op.
    /// </param>
    public async Task<ImportResult> ImportAsync(string folder, long seed = JourneySynthesizer.DefaultSeed, DateOnly? endingOn = null,
        CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        logger.LogInformation("Reading dataset from {Folder}", folder);
        var dataset = await Task.Run(() => DatasetReader.Read(folder), ct);
        if (endingOn is { } lastDay)
        {
            logger.LogInformation("Moving the dataset's days to end on {LastDay:yyyy-MM-dd}", lastDay);
            dataset = dataset.EndingOn(lastDay);
        }
        var fingerprint = JourneySynthesizer.Fingerprint(dataset, seed);
        if (await store.WasImportedAsync(fingerprint, ct))
        {
            logger.LogInformation("{Folder} was imported before; nothing to do", folder);
            return new ImportResult(true, 0, 0, 0, 0, clock.Elapsed);
        }

        var stored = await store.FindStoredUsersAsync(dataset.Users.Select(u => u.User.Id).ToHashSet(), ct);
        if (stored.Count > 0)
        {
            var first = dataset.Users.First(u => stored.Contains(u.User.Id));
            throw new ImportException(Path.Combine(folder, DatasetFiles.Users), first.Line,
                $"user {first.User.Id} is already stored ({stored.Count:N0} users of this file are); nothing was imported");
        }

        logger.LogInformation("Synthesizing sessions, visits and interactions for {Users:N0} users", dataset.Users.Count);
        var batch = await Task.Run(() => JourneySynthesizer.Synthesize(dataset, seed), ct);
        logger.LogInformation("Storing {Users:N0} users, {Sessions:N0} sessions, {Visits:N0} page visits and {Interactions:N0} interactions in {Provider}",
            batch.Users.Count, batch.Sessions.Count, batch.PageVisits.Count, batch.Interactions.Count, store.Provider);
        await store.ImportAsync(batch, ct);
        logger.LogInformation("Imported {Folder} in {Seconds:F1} s", folder, clock.Elapsed.TotalSeconds);
        return new ImportResult(false, batch.Users.Count, batch.Sessions.Count, batch.PageVisits.Count, batch.Interactions.Count, clock.Elapsed);
    }
}
