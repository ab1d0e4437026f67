using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FunnelDashboard.Web.Instances;

/// <summary>
/// Instance messages over Redis pub/sub. A message is "&lt;kind&gt; &lt;instance id&gt;", so an instance ignores its
/// own. Bursts are folded: at most one message of a kind per <see cref="MinGap"/> (a busy capture commits many times a
/// second; one nudge per gap is enough for the others to refresh). Connects lazily and keeps retrying in the background
/// (StackExchange.Redis reconnects by itself), so a Redis outage never stops capture or the dashboards.
/// </summary>
public sealed class RedisInstanceMessages : IInstanceMessages, IHostedService, IAsyncDisposable
{
    static readonly TimeSpan MinGap = TimeSpan.FromMilliseconds(100);

    readonly RedisOptions options;
    readonly ILogger<RedisInstanceMessages> logger;
    readonly string instanceId = Guid.NewGuid().ToString("N");
    readonly long[] lastSent = new long[Enum.GetValues<InstanceMessage>().Length];
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
        if (redis is null) return;
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref lastSent[(int)message]);
        if (now - last < MinGap.TotalMilliseconds || Interlocked.CompareExchange(ref lastSent[(int)message], now, last) != last) return;
        // Fire and forget: a lost nudge only means the others find the data at their next poll.
        redis.GetSubscriber().Publish(Channel, $"{message} {instanceId}", CommandFlags.FireAndForget);
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
