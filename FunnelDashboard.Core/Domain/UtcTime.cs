namespace FunnelDashboard.Core.Domain;

public static class UtcTime
{
    /// <summary>Times without a kind are taken as UTC (all stored times are UTC), never as the server's local time.</summary>
    public static DateTime Normalize(DateTime time) =>
        time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime();

    public static long ToUnixSeconds(DateTime time) => (long)(Normalize(time) - DateTime.UnixEpoch).TotalSeconds;
}
