using System.Numerics.Tensors;
using FunnelDashboard.ML.Tensors;

namespace FunnelDashboard.ML.Layers;

/// <summary>An element-wise activation whose derivative is expressed through its input and output.</summary>
public abstract class Activation : ILayer
{
    private Matrix? _input;
    private Matrix? _output;

    public IReadOnlyList<Parameter> Parameters => [];

    public Matrix Forward(Matrix input, bool training)
    {
        _input = input;
        _output = new Matrix(input.Rows, input.Cols);
        Apply(input.Data, _output.Data);
        return _output;
    }

    public Matrix Backward(Matrix outputGradient)
    {
        if (_input is null || _output is null) throw new InvalidOperationException("Backward called before Forward.");
        var inputGradient = new Matrix(_input.Rows, _input.Cols);
        for (int i = 0; i < inputGradient.Data.Length; i++)
            inputGradient.Data[i] = outputGradient.Data[i] * Derivative(_input.Data[i], _output.Data[i]);
        return inputGradient;
    }

    protected abstract void Apply(ReadOnlySpan<float> input, Span<float> output);

    protected abstract float Derivative(float input, float output);
}

public sealed class Relu : Activation
{
    protected override void Apply(ReadOnlySpan<float> input, Span<float> output) => TensorPrimitives.Max(input, 0f, output);

    protected override float Derivative(float input, float output) => input > 0 ? 1f : 0f;
}

public sealed class Tanh : Activation
{
    protected override void Apply(ReadOnlySpan<float> input, Span<float> output) => TensorPrimitives.Tanh(input, output);

    protected override float Derivative(float input, float output) => 1f - output * output;
}

public sealed class Sigmoid : Activation
{
    protected override void Apply(ReadOnlySpan<float> input, Span<float> output) => TensorPrimitives.Sigmoid(input, output);

    protected override float Derivative(float input, float output) => output * (1f - output);
}
