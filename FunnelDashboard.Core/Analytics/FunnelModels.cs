using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Analytics;

public enum Breakdown { None, Device, Sex }

/// <summary>Which users and events an analysis looks at. Dates are inclusive, on event time (UTC).</summary>
public sealed record FunnelFilter(DateOnly? From = null, DateOnly? To = null, Device? Device = null, Sex? Sex = null)
{
    public static FunnelFilter All { get; } = new();

    /// <summary>
    /// Only events at or after this time (UTC, to the second like event times), on top of the days: live views such as
    /// "the last hour". Not a query parameter.
    /// </summary>
    public DateTime? Since { get; init; }
}

public sealed record FunnelStep(
    string Name,
    long Users,
    double ConversionFromPrevious,
    double ConversionFromStart,
    long DropOff,
    double? MedianSecondsToNext,
    double? P90SecondsToNext);

public sealed record FunnelGroup(string Value, IReadOnlyList<FunnelStep> Steps);

public sealed record FunnelResult(IReadOnlyList<FunnelStep> Steps, IReadOnlyList<FunnelGroup>? Groups);

public sealed record DashboardMetrics(long Users, long Sessions, double OverallConversion, IReadOnlyDictionary<string, double> ConversionByDevice);

public sealed record DailyConversion(DateOnly Date, long Started, long Converted, double Rate);

public sealed record DateRange(DateOnly From, DateOnly To);

public enum AnalyticsState { Preparing, Ready, Empty, Unavailable }
