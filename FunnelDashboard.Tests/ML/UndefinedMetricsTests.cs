using System.Text.Json;
using FunnelDashboard.ML.Forecasting;
using FunnelDashboard.Web.Api;
using FunnelDashboard.Web.Forecasting;

namespace FunnelDashboard.Tests.ML;

/// <summary>
/// MAPE is undefined when every actual is zero and R² when the actuals are constant (a page nobody visited): NaN in
/// the model's record, kept across a reload, and absent (not a JSON error, not a made-up number) in the API.
/// </summary>
public sealed class UndefinedMetricsTests : IDisposable
{
    readonly string root = Path.Combine(Path.GetTempPath(), $"fd-nan-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    // Actuals all zero, predictions 1, 2, 3: errors 1, 2, 3.
    static ForecastMetrics ZeroActuals() => ForecastMetrics.Compute([0f, 0f, 0f], [1f, 2f, 3f]);

    [Fact]
    public void Mape_and_r2_are_nan_when_undefined_and_the_rest_is_computed()
    {
        var m = ZeroActuals();

        Assert.Equal(14.0 / 3, m.Mse, 12);
        Assert.Equal(2.0, m.Mae, 12);
        Assert.Equal(Math.Sqrt(14.0 / 3), m.Rmse, 12);
        Assert.True(double.IsNaN(m.Mape));
        Assert.True(double.IsNaN(m.R2));
        Assert.Equal(3, m.ZeroActualsSkipped);
        Assert.True(m.IsFinite); // a model scored on such days is still usable
    }

    [Fact]
    public void Nan_metrics_survive_the_registry_and_leave_the_model_servable()
    {
        var trained = QuickTraining.Train();
        var nan = ZeroActuals();
        var result = trained with { Evaluation = trained.Evaluation with { Lstm = nan, SeasonalNaive = nan } };

        new ForecastModelRegistry(root).Register("confirmation", result);
        var listed = new ForecastModelRegistry(root).LatestGood("confirmation");

        Assert.NotNull(listed);
        Assert.True(double.IsNaN(listed.Evaluation.Lstm.Mape));
        Assert.True(double.IsNaN(listed.Evaluation.SeasonalNaive.R2));
        Assert.Equal(nan.Mse, listed.Evaluation.Lstm.Mse);
    }

    [Fact]
    public void The_api_leaves_undefined_metrics_out_and_keeps_the_defined_ones()
    {
        var json = JsonDocument.Parse(JsonSerializer.Serialize(ModelMetrics.From(ZeroActuals()), ApiJson.Options)).RootElement;

        Assert.False(json.TryGetProperty("mape", out _));
        Assert.False(json.TryGetProperty("r2", out _));
        Assert.Equal(2.0, json.GetProperty("mae").GetDouble(), 12);
        Assert.Equal(3, json.GetProperty("count").GetInt32());
    }
}
