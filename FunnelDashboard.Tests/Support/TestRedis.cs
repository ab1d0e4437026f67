namespace FunnelDashboard.Tests.Support;

/// <summary>
/// The Redis server that ./test.sh starts (FUNNEL_TEST_REDIS). Without it the tests that need one fail with a message
/// saying how to run them: they are never skipped.
/// </summary>
public static class TestRedis
{
    public const string Variable = "FUNNEL_TEST_REDIS";

    public static string Configuration => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } redis
        ? redis
        : throw new InvalidOperationException($"This test needs a Redis server: run ./test.sh, which starts one and sets {Variable}.");

    /// <summary>A channel of its own, so tests running at the same time do not hear each other's instances.</summary>
    public static string NewChannel() => "funnel-test-" + Guid.NewGuid().ToString("N");
}
