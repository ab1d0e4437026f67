using FunnelDashboard.Core.Analytics;

namespace FunnelDashboard.Tests.Live;

public class ResultCacheTests
{
    [Fact]
    public async Task Concurrent_askers_of_one_question_share_one_computation()
    {
        var cache = new ResultCache();
        var computed = 0;
        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => cache.GetOrCompute(1, ("funnel", "q"), () =>
        {
            Interlocked.Increment(ref computed);
            Thread.Sleep(50);
            return new object();
        }))));

        Assert.Equal(1, computed);
        Assert.All(answers, a => Assert.Same(answers[0], a));
    }

    [Fact]
    public void A_new_version_or_question_is_computed_again_and_a_failure_is_not_kept()
    {
        var cache = new ResultCache();
        var computed = 0;
        string Compute() => $"answer {++computed}";

        Assert.Equal("answer 1", cache.GetOrCompute(1, "q", Compute));
        Assert.Equal("answer 1", cache.GetOrCompute(1, "q", Compute));
        Assert.Equal("answer 2", cache.GetOrCompute(2, "q", Compute));
        Assert.Equal("answer 3", cache.GetOrCompute(2, "other", Compute));

        Assert.Throws<InvalidOperationException>(() => cache.GetOrCompute<string>(3, "q", () => throw new InvalidOperationException()));
        Assert.Equal("answer 4", cache.GetOrCompute(3, "q", Compute));
    }

    [Fact]
    public void It_stays_within_its_capacity_dropping_older_versions_first()
    {
        var cache = new ResultCache(capacity: 10);
        for (var i = 0; i < 10; i++) cache.GetOrCompute(1, i, () => "old");
        cache.GetOrCompute(2, 0, () => "new");

        Assert.Equal(1, cache.Count);
        for (var i = 0; i < 50; i++) cache.GetOrCompute(3, i, () => "many");
        Assert.InRange(cache.Count, 1, 10);
    }
}
