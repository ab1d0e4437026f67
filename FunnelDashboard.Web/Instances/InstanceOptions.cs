namespace FunnelDashboard.Web.Instances;

/// <summary>The "Redis" configuration section: set when several app instances share one PostgreSQL store.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string (e.g. "127.0.0.1:6379"); empty = this instance is alone.</summary>
    public string? Configuration { get; set; }

    /// <summary>The pub/sub channel the instances talk on.</summary>
    public string Channel { get; set; } = "funneldashboard";
}
