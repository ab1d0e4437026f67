using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.Web.Instances;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Capture;

/// <summary>
/// The one writer of captured batches: takes whatever is queued (up to Capture:MaxEventsPerCommit events) and commits
/// it in one transaction, so a busy queue costs one commit for many batches. Only then are the batches acknowledged, and
/// the other instances sharing the store told.
/// </summary>
public sealed class CaptureWriter(CapturePipeline pipeline, IEventStore store, IOptions<CaptureOptions> options, IInstanceMessages instances,
    FunnelAnalytics analytics,     ILogger<CaptureWriter> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = pipeline.Reader;
        var group = new List<CapturePipeline.Pending>();
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                group.Clear();
                var events = 0;
                while (events < options.Value.MaxEventsPerCommit && reader.TryRead(out var pending))
                {
                    group.Add(pending);
                    events += pending.Batch.Events.Count;
                }
                await CommitAsync(group, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: whatever is still queued was not stored, and its senders are told so.
            foreach (var pending in group) pending.Stored.TrySetCanceled(stoppingToken);
            while (reader.TryRead(out var pending)) pending.Stored.TrySetCanceled(stoppingToken);
        }
    }

    async Task CommitAsync(List<CapturePipeline.Pending> group, CancellationToken ct)
    {
        try
        {
            var isNew = await store.CaptureAsync(group.Select(p => p.Batch).ToList(), ct);
            for (var i = 0; i < group.Count; i++) group[i].Stored.TrySetResult(isNew[i]);
            if (isNew.Contains(true))
            {
                analytics.RequestRefresh();
                instances.Publish(InstanceMessage.DataStored);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException && group.Count > 1)
        {
            // One bad batch must not fail the others it was grouped with: commit them one by one.
            logger.LogWarning(e, "A group of {Batches} captured batches failed to commit; committing them one by one", group.Count);
            foreach (var pending in group) await CommitAsync([pending], ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Captured batch {BatchId} could not be stored in the {Provider} store", group[0].Batch.BatchId, store.Provider);
            group[0].Stored.TrySetException(e);
        }
    }
}
