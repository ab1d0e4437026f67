using System.Threading.Channels;
using FunnelDashboard.Core.Storage;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Capture;

/// <summary>
/// The bounded queue between the capture endpoint (and the in-app simulator) and the single <see cref="CaptureWriter"/>.
/// A batch is either refused at once (queue full: back-pressure, never an unbounded queue) or its task completes once
/// the store committed it (true: stored now, false: stored before) or failed (the store's exception).
/// </summary>
public sealed class CapturePipeline(IOptions<CaptureOptions> options)
{
    public sealed record Pending(CaptureBatch Batch, TaskCompletionSource<bool> Stored);

    readonly Channel<Pending> queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(Math.Max(1, options.Value.QueueBatches))
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Queues the batch; null when the queue is full.</summary>
    public Task<bool>? TrySubmit(CaptureBatch batch)
    {
        var pending = new Pending(batch, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        return queue.Writer.TryWrite(pending) ? pending.Stored.Task : null;
    }

    /// <summary>Queues the batch, waiting for room (for senders that would rather wait than be refused, e.g. benchmarks).</summary>
    public async Task<Task<bool>> SubmitAsync(CaptureBatch batch, CancellationToken ct)
    {
        var pending = new Pending(batch, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        await queue.Writer.WriteAsync(pending, ct);
        return pending.Stored.Task;
    }

    /// <summary>Batches waiting for the writer.</summary>
    public int Queued => queue.Reader.Count;

    internal ChannelReader<Pending> Reader => queue.Reader;
}
