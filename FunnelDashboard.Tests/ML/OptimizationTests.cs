using FunnelDashboard.ML.Layers;
using FunnelDashboard.ML.Tensors;
using FunnelDashboard.ML.Training;

namespace FunnelDashboard.Tests.ML;

public class OptimizationTests
{
    [Fact]
    public void Adam_fits_a_linear_regression()
    {
        var random = new Random(10);
        var layer = new Linear("l", 3, 1, random);
        var input = TestData.RandomMatrix(64, 3, random);
        var target = new Matrix(64, 1);
        for (int r = 0; r < 64; r++) target[r, 0] = 2 * input[r, 0] - input[r, 1] + 0.5f;
        var adam = new Adam(layer.Parameters, 0.05f);

        float loss = float.NaN;
        for (int step = 0; step < 500; step++)
        {
            adam.ZeroGradients();
            var result = Losses.MeanSquaredError(layer.Forward(input, training: true), target);
            layer.Backward(result.Gradient);
            adam.Step();
            loss = result.Value;
        }

        Assert.True(loss < 1e-4, $"loss {loss}");
        Assert.Equal(2f, layer.Weight.Value[0, 0], 2);
        Assert.Equal(0.5f, layer.Bias.Value[0, 0], 2);
    }

    [Fact]
    public void Global_norm_clipping_scales_all_gradients_together()
    {
        var a = Parameter.Zeros("a", 1, 2);
        var b = Parameter.Zeros("b", 1, 1);
        a.Gradient.Data[0] = 3; a.Gradient.Data[1] = 0; b.Gradient.Data[0] = 4;

        float norm = GradientClipping.ClipGlobalNorm([a, b], 1f);

        Assert.Equal(5f, norm, 5);
        Assert.Equal(0.6f, a.Gradient.Data[0], 5);
        Assert.Equal(0.8f, b.Gradient.Data[0], 5);
    }

    [Fact]
    public void Early_stopping_restores_the_best_weights_after_patience_runs_out()
    {
        var weight = Parameter.Zeros("w", 1, 1);
        var stopping = new EarlyStopping([weight], patience: 2);
        float[] losses = [3, 1, 2, 2];
        var stoppedAt = -1;
        for (int epoch = 0; epoch < losses.Length; epoch++)
        {
            weight.Value.Data[0] = epoch;
            if (stopping.ShouldStop(epoch, losses[epoch])) { stoppedAt = epoch; break; }
        }

        stopping.RestoreBest();

        Assert.Equal(3, stoppedAt);
        Assert.Equal(1, stopping.BestEpoch);
        Assert.Equal(1f, weight.Value.Data[0]);
    }

    [Fact]
    public void Reduce_on_plateau_lowers_the_rate_after_patience_epochs_without_improvement()
    {
        var schedule = new ReduceOnPlateau(factor: 0.5f, patience: 2, minimumRate: 0.1f);
        float rate = 1f;
        rate = schedule.Next(1.0f, rate);
        rate = schedule.Next(1.5f, rate);
        Assert.Equal(1f, rate);
        rate = schedule.Next(1.5f, rate);
        Assert.Equal(0.5f, rate);
        for (int i = 0; i < 10; i++) rate = schedule.Next(2f, rate);
        Assert.Equal(0.1f, rate);
    }
}
