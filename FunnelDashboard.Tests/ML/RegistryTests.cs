using FunnelDashboard.ML.Forecasting;
using FunnelDashboard.ML.Registry;

namespace FunnelDashboard.Tests.ML;

public sealed class RegistryTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"fd-registry-{Guid.NewGuid():N}");
    private static readonly Lazy<ForecastTrainingResult> Trained = new(() => QuickTraining.Train());

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void Versions_increment_and_the_latest_good_one_is_served()
    {
        var registry = new ForecastModelRegistry(_root);
        var good = Trained.Value;
        var bad = good with { BestValidationLoss = float.NaN };

        var first = registry.Register("total", good);
        var second = registry.Register("total", good);
        var third = registry.Register("total", bad);

        Assert.Equal([1, 2, 3], registry.List("total").Select(v => v.Version));
        Assert.False(third.IsGood);
        Assert.Equal(second.Version, registry.LatestGood("total")!.Version);
        var (info, model) = registry.LoadLatestGood("total")!.Value;
        Assert.Equal(2, info.Version);
        var history = SeriesGenerator.Generate(60, 3);
        Assert.Equal(good.Model.Predict(history).Values, model.Predict(history).Values);
        Assert.Equal(1, first.Version);
    }

    [Fact]
    public void Stored_records_keep_data_range_options_and_metrics()
    {
        var registry = new ForecastModelRegistry(_root);
        var result = Trained.Value;
        var registered = registry.Register("home", result);

        var listed = new ForecastModelRegistry(_root).List("home").Single();

        Assert.Equal(result.DataStart, listed.DataStart);
        Assert.Equal(result.DataEnd, listed.DataEnd);
        Assert.Equal(result.Options, listed.Options);
        Assert.Equal(result.Evaluation, listed.Evaluation);
        Assert.Equal(registered.CreatedUtc, listed.CreatedUtc);
        Assert.True(listed.IsGood);
        Assert.Equal(["home"], registry.SeriesKeys());
    }

    [Fact]
    public void Each_version_keeps_its_training_log_next_to_its_model()
    {
        var registry = new ForecastModelRegistry(_root);
        var result = Trained.Value;
        var info = registry.Register("total", result);

        var log = new ForecastModelRegistry(_root).ReadTrainingLog("total", info.Version);

        Assert.Equal(result.Log, log);
        Assert.True(File.Exists(Path.Combine(_root, "total", "v000001", "training-log.csv")));
        Assert.Throws<FileNotFoundException>(() => registry.ReadTrainingLog("total", 2));
    }

    [Fact]
    public void Series_are_independent_and_an_unknown_series_has_nothing_to_serve()
    {
        var registry = new ForecastModelRegistry(_root);
        registry.Register("a", Trained.Value);

        Assert.Empty(registry.List("b"));
        Assert.Null(registry.LatestGood("b"));
        Assert.Null(registry.LoadLatestGood("b"));
        Assert.Throws<FileNotFoundException>(() => registry.Load("a", 2));
    }

    [Fact]
    public void An_interrupted_write_leaves_nothing_visible()
    {
        var registry = new ForecastModelRegistry(_root);
        registry.Register("total", Trained.Value);
        // What a crash between writing and renaming leaves behind.
        var leftover = Directory.CreateDirectory(Path.Combine(_root, "total", ".tmp-crashed"));
        File.WriteAllText(Path.Combine(leftover.FullName, "model.fdfm"), "half");

        Assert.Single(registry.List("total"));
        Assert.Equal(2, registry.Register("total", Trained.Value).Version);
        Assert.Equal(["total"], registry.SeriesKeys());
    }

    [Fact]
    public void Unsafe_keys_are_rejected_and_series_key_for_makes_safe_distinct_ones()
    {
        var registry = new ForecastModelRegistry(_root);

        var error = Assert.Throws<ArgumentException>(() => registry.List("../etc"));
        Assert.Contains("KeyFor", error.Message);

        string products = ForecastModelRegistry.SeriesKeyFor("/products");
        Assert.NotEqual(products, ForecastModelRegistry.SeriesKeyFor("_products"));
        Assert.NotEqual(products, ForecastModelRegistry.SeriesKeyFor("/products/"));
        Assert.Equal("home", ForecastModelRegistry.SeriesKeyFor("home"));
        Assert.Empty(registry.List(products));
    }

    private sealed record OtherModelInfo(int Version, double Recall);

    [Fact]
    public void Any_model_kind_keeps_its_own_files_and_record_beside_the_forecasts()
    {
        new ForecastModelRegistry(_root).Register("total", Trained.Value);
        var registry = new ModelRegistry(_root);

        var first = registry.Register("two_tower", directory => File.WriteAllText(Path.Combine(directory, "weights.bin"), "first"),
            version => new OtherModelInfo(version, 0.25));
        var second = registry.Register("two_tower", directory => File.WriteAllText(Path.Combine(directory, "weights.bin"), "second"),
            version => new OtherModelInfo(version, 0.5));

        Assert.Equal(new OtherModelInfo(1, 0.25), first);
        Assert.Equal([1, 2], registry.Versions("two_tower"));
        Assert.Equal(second, new ModelRegistry(_root).ReadInfo<OtherModelInfo>("two_tower", 2));
        Assert.Equal("first", File.ReadAllText(registry.FilePath("two_tower", 1, "weights.bin")));
        Assert.Equal(["total", "two_tower"], registry.Keys());
        Assert.Throws<FileNotFoundException>(() => registry.FilePath("two_tower", 3, "weights.bin"));
    }

    [Fact]
    public void The_active_pointer_survives_a_new_registry_and_defaults_to_the_latest_good_version()
    {
        var registry = new ForecastModelRegistry(_root);
        registry.Register("total", Trained.Value);
        registry.Register("total", Trained.Value);
        registry.Register("total", Trained.Value with { BestValidationLoss = float.NaN });
        Assert.Equal(2, registry.Active("total")!.Version); // no pointer yet: the latest good one

        registry.Activate("total", 1);

        Assert.Equal(1, new ForecastModelRegistry(_root).Active("total")!.Version);
        Assert.Equal(1, new ModelRegistry(_root).ActiveVersion("total"));
        Assert.Throws<ArgumentException>(() => registry.Activate("total", 3)); // not good: never served
        Assert.Throws<FileNotFoundException>(() => registry.Activate("total", 4));
        Assert.Equal(1, registry.Active("total")!.Version);
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "total"), ".tmp-*")); // the pointer is replaced, nothing left beside it
    }

    [Fact]
    public void Pruning_deletes_the_oldest_versions_beyond_the_limit_but_never_the_active_one()
    {
        var registry = new ModelRegistry(_root);
        for (var i = 0; i < 5; i++) registry.Register("two_tower", _ => { }, version => new { version });
        registry.Activate("two_tower", 2);

        var deleted = registry.Prune("two_tower", keep: 3);

        Assert.Equal([1, 3], deleted);
        Assert.Equal([2, 4, 5], registry.Versions("two_tower"));
        Assert.Empty(registry.Prune("two_tower", keep: 3));
        Assert.Equal([4], registry.Prune("two_tower", keep: 1, alsoKeep: 5)); // both protected ones stay, even past the limit
        Assert.Equal([2, 5], registry.Versions("two_tower"));
    }
}
