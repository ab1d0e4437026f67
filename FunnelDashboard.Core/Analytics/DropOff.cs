namespace FunnelDashboard.Core.Analytics;

/// <summary>Users lost between two consecutive steps.</summary>
public sealed record DropOff(string From, string To, long UsersIn, long UsersLost, double DropRate)
{
    public static IReadOnlyList<DropOff> Of(IReadOnlyList<FunnelStep> steps) => steps
        .Zip(steps.Skip(1), (from, to) => new DropOff(from.Name, to.Name, from.Users, from.Users - to.Users,
            from.Users == 0 ? 0 : (double)(from.Users - to.Users) / from.Users))
        .ToList();
}
