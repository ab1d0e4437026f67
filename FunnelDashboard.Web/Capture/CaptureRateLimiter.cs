using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Capture;

/// <summary>
/// Capture:EventsPerSecond per API key, a token bucket partitioned by key, from the framework's rate limiting. The
/// permits are events, not requests (which the request-counting middleware cannot do: the count is in the body).
/// </summary>
public sealed class CaptureRateLimiter(IOptions<CaptureOptions> options) : IDisposable
{
    readonly PartitionedRateLimiter<string>? limiter = options.Value.EventsPerSecond <= 0 ? null : Create(options.Value.EventsPerSecond);

    public int EventsPerSecond => options.Value.EventsPerSecond;

    static PartitionedRateLimiter<string> Create(int eventsPerSecond) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            // Room for a full batch even under a low limit, refilled ten times a second.
            TokenLimit = Math.Max(eventsPerSecond, CaptureOptions.MaxEventsPerBatch),
            TokensPerPeriod = Math.Max(1, eventsPerSecond / 10),
            ReplenishmentPeriod = TimeSpan.FromSeconds(0.1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Takes the events from the key's budget, or says after how many seconds to try again.</summary>
    public bool TryAcquire(string key, int events, out int retryAfterSeconds)
    {
        retryAfterSeconds = 0;
        if (limiter is null) return true;
        using var lease = limiter.AttemptAcquire(key, events);
        if (lease.IsAcquired) return true;
        retryAfterSeconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        return false;
    }

    public void Dispose() => limiter?.Dispose();
}
