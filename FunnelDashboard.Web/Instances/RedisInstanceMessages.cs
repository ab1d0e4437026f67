using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FunnelDashboard.Web.Instances;

/// <summary>
/// Instance messages over Redis pub/sub. A message is "&lt;kind&gt; &lt;instance id&gt;", so an instance ignores its
/// own. Every message is sent, none folded: a busy capture commits at most a few dozen times a second, which Redis
/// shrugs off, and the receivers fold refreshes themselves; a folded nudge could leave another instance a poll behind,
/// a folded model change serving an older model. Connects lazily and keeps
/// retrying in the background (StackExchange.Redis reconnects by itself), so a Redis outage never stops capture or the
/// dashboards.
/// </summary>
public sealed class RedisInstanceMessages : IInstanceMessages, IHostedService, IAsyncDisposable
{
    readonly RedisOptions options;
    readonly ILogger<RedisInstanceMessages> logger;
    readonly string instanceId = Guid.NewGuid().ToString("N");
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
