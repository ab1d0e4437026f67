using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FunnelDashboard.Web.Instances;

/// <summary>
/// Instance messages over Redis pub/sub. A message is "&lt;kind&gt; &lt;instance id&gt;", so an instance ignores its
/// own. Bursts of <see cref="InstanceMessage.DataStored"/> are folded: at most one per <see cref="MinGap"/> (a busy
/// capture commits many times a second; one nudge per gap is enough for the others to refresh). Model changes are rare
/// and each is sent: a dropped one could leave another instance serving an older model. Connects lazily and keeps
/// retrying in the background (StackExchange.Redis reconnects by itself), so a Redis outage never stops capture or the
/// dashboards.
/// </summary>
public sealed class RedisInstanceMessages : IInstanceMessages, IHostedService, IAsyncDisposable
{
    static readonly TimeSpan MinGap = TimeSpan.FromMilliseconds(100);

    readonly RedisOptions options;
    readonly ILogger<RedisInstanceMessages> logger;
    readonly string instanceId = Guid.NewGuid().ToString("N");
    long lastDataStored;
    ConnectionMultiplexer? redis;

    public RedisInstanceMessages(IOptions<RedisOptions> options, ILogger<RedisInstanceMessages> logger)
    {
        this.options = options.Value;
        this.logger = logger;
    }

    public event Action<InstanceMessage>? Received;

    RedisChannel Channel => RedisChannel.Literal(options.Channel);

    public async Task StartAsync(CancellationToken ct)
    {
        var configuration = ConfigurationOptions.Parse(options.Configuration!);
        configuration.AbortOnConnectFail = false;
        redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        await redis.GetSubscriber().SubscribeAsync(Channel, (_, value) => OnMessage(value.ToString()));
        logger.LogInformation("Talking to other instances over Redis {Endpoint} on channel {Channel} (connected: {Connected})",
            options.Configuration, options.Channel, redis.IsConnected);
    }

    public void Publish(InstanceMessage message)
    {
        if (redis is null || (message == InstanceMessage.DataStored && FoldedIntoLast())) return;
        // Fire and forget: a lost nudge only means the others find the data at their next poll.
        redis.GetSubscriber().Publish(Channel, $"{message} {instanceId}", CommandFlags.FireAndForget);
    }

    /// <summary>Whether a new-data nudge was sent less than <see cref="MinGap"/> ago (otherwise this one is the gap's).</summary>
    bool FoldedIntoLast()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref lastDataStored);
        return now - last < MinGap.TotalMilliseconds || Interlocked.CompareExchange(ref lastDataStored, now, last) != last;
    }

    void OnMessage(string text)
    {
        var parts = text.Split(' ');
        if (parts.Length != 2 || parts[1] == instanceId || !Enum.TryParse<InstanceMessage>(parts[0], out var message)) return;
        Received?.Invoke(message);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (redis is not null) await redis.DisposeAsync();
    }
}
