namespace FunnelDashboard.Core.Analytics;

/// <summary>A group's conversion through the whole funnel (users at the last step of those at the first) with its 95 % Wilson interval.</summary>
public sealed record GroupConversion(string Value, long Users, long Conversions, double Rate, double Lower, double Upper);

/// <summary>
/// Whether segments of a breakdown convert differently: each group's conversion with its 95 % Wilson interval and,
/// for exactly two groups, the pooled two-proportion z-test (z and two-sided p-value) of their difference.
/// </summary>
public sealed record FunnelSignificance(IReadOnlyList<GroupConversion> Groups, double? Z, double? PValue)
{
    public static FunnelSignificance Of(FunnelResult funnel)
    {
        var groups = (funnel.Groups ?? []).Select(g =>
        {
            var (users, conversions) = (g.Steps[0].Users, g.Steps[^1].Users);
            var (lower, upper) = Statistics.Wilson(conversions, users);
            return new GroupConversion(g.Value, users, conversions, users == 0 ? 0 : (double)conversions / users, lower, upper);
        }).ToList();
        var test = groups.Count == 2 ? Statistics.TwoProportionTest(groups[0].Conversions, groups[0].Users, groups[1].Conversions, groups[1].Users) : null;
        return new FunnelSignificance(groups, test?.Z, test?.PValue);
    }
}
