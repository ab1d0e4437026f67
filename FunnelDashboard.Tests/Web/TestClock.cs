namespace FunnelDashboard.Tests.Web;

/// <summary>
/// A clock that starts at a chosen moment and runs at real speed (timers stay real), and that a test can move ahead:
/// answers computed from it do not depend on when the test runs.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    readonly DateTimeOffset startedAt = DateTimeOffset.UtcNow;
    TimeSpan skipped;

    public override DateTimeOffset GetUtcNow() => start + (DateTimeOffset.UtcNow - startedAt) + skipped;

    public void Advance(TimeSpan by) => skipped += by;
}
