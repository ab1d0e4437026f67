using FunnelDashboard.ML.Layers;
using FunnelDashboard.ML.Tensors;
using FunnelDashboard.ML.Training;

namespace FunnelDashboard.Tests.ML;

/// <summary>Every backward pass against central differences of a random linear probe of the layer's output.</summary>
public class LayerGradientTests
{
    [Fact]
    public void Linear_backward_matches_numerical_gradients()
    {
        var random = new Random(1);
        var layer = new Linear("l", 5, 4, random);
        var input = TestData.RandomMatrix(3, 5, random);
        var probe = TestData.RandomMatrix(3, 4, random);
        double Loss() => TestData.Dot(layer.Forward(input, training: false), probe);

        layer.Forward(input, training: false);
        var inputGradient = layer.Backward(probe);

        GradientAssert.MatchesNumerical("input", input.Data, inputGradient.Data, Loss);
        GradientAssert.MatchesNumerical("weight", layer.Weight.Value.Data, layer.Weight.Gradient.Data, Loss);
        GradientAssert.MatchesNumerical("bias", layer.Bias.Value.Data, layer.Bias.Gradient.Data, Loss);
    }

    public static TheoryData<string> ActivationNames => ["relu", "tanh", "sigmoid"];

    [Theory]
    [MemberData(nameof(ActivationNames))]
    public void Activation_backward_matches_numerical_gradients(string name)
    {
        ILayer layer = name switch { "relu" => new Relu(), "tanh" => new Tanh(), _ => new Sigmoid() };
        var random = new Random(2);
        var input = TestData.RandomMatrix(4, 6, random, scale: 2f);
        // Keep ReLU inputs away from its kink, where central differences are meaningless.
        for (int i = 0; i < input.Data.Length; i++)
            if (MathF.Abs(input.Data[i]) < 0.05f) input.Data[i] = 0.5f;
        var probe = TestData.RandomMatrix(4, 6, random);

        layer.Forward(input, training: false);
        var inputGradient = layer.Backward(probe);

        GradientAssert.MatchesNumerical(name, input.Data, inputGradient.Data,
            () => TestData.Dot(layer.Forward(input, training: false), probe));
    }

    [Fact]
    public void Embedding_backward_accumulates_repeated_ids()
    {
        var random = new Random(3);
        var embedding = new Embedding("e", 5, 3, random);
        int[] ids = [4, 1, 4, 0];
        var probe = TestData.RandomMatrix(ids.Length, 3, random);

        embedding.Forward(ids);
        embedding.Backward(probe);

        GradientAssert.MatchesNumerical("table", embedding.Table.Value.Data, embedding.Table.Gradient.Data,
            () => TestData.Dot(embedding.Forward(ids), probe));
        Assert.All(embedding.Table.Gradient.Row(2).ToArray(), g => Assert.Equal(0f, g));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Lstm_backward_through_time_matches_numerical_gradients(int layers)
    {
        var random = new Random(4 + layers);
        var lstm = new Lstm("lstm", 3, 4, layers, random);
        var inputs = Enumerable.Range(0, 5).Select(_ => TestData.RandomMatrix(2, 3, random)).ToArray();
        var probes = Enumerable.Range(0, 5).Select(_ => TestData.RandomMatrix(2, 4, random)).ToArray();
        double Loss() => lstm.Forward(inputs).Zip(probes, TestData.Dot).Sum();

        lstm.Forward(inputs);
        var inputGradients = lstm.Backward(probes);

        for (int t = 0; t < inputs.Length; t++)
            GradientAssert.MatchesNumerical($"input{t}", inputs[t].Data, inputGradients[t].Data, Loss);
        foreach (var parameter in lstm.Parameters)
            GradientAssert.MatchesNumerical(parameter.Name, parameter.Value.Data, parameter.Gradient.Data, Loss);
    }

    [Fact]
    public void Mean_squared_error_gradient_matches_numerical_gradient()
    {
        var random = new Random(6);
        var prediction = TestData.RandomMatrix(3, 4, random);
        var target = TestData.RandomMatrix(3, 4, random);

        var result = Losses.MeanSquaredError(prediction, target);

        GradientAssert.MatchesNumerical("prediction", prediction.Data, result.Gradient.Data,
            () => Losses.MeanSquaredError(prediction, target).Value);
    }

    [Fact]
    public void Softmax_cross_entropy_gradient_matches_numerical_gradient()
    {
        var random = new Random(7);
        var logits = TestData.RandomMatrix(4, 5, random, scale: 3f);
        int[] labels = [0, 4, 2, 2];

        var result = Losses.SoftmaxCrossEntropy(logits, labels);

        GradientAssert.MatchesNumerical("logits", logits.Data, result.Gradient.Data,
            () => Losses.SoftmaxCrossEntropy(logits, labels).Value);
    }

    [Fact]
    public void Softmax_cross_entropy_is_stable_for_huge_logits()
    {
        var logits = new Matrix(1, 3, [1000f, 0f, -1000f]);
        var result = Losses.SoftmaxCrossEntropy(logits, [1]);
        Assert.Equal(1000f, result.Value, 2);
        Assert.True(result.Gradient.Data.All(float.IsFinite));
    }

    [Fact]
    public void Dropout_is_identity_at_inference_and_masks_consistently_while_training()
    {
        var dropout = new Dropout(0.5f, new Random(8));
        var input = TestData.RandomMatrix(10, 10, new Random(9));

        Assert.Same(input, dropout.Forward(input, training: false));

        var output = dropout.Forward(input, training: true);
        var ones = new Matrix(10, 10);
        Array.Fill(ones.Data, 1f);
        var gradient = dropout.Backward(ones);
        for (int i = 0; i < input.Data.Length; i++)
        {
            Assert.True(gradient.Data[i] is 0f or 2f);
            Assert.Equal(input.Data[i] * gradient.Data[i], output.Data[i]);
        }
        Assert.Contains(0f, gradient.Data);
        Assert.Contains(2f, gradient.Data);
    }
}
