using System.Numerics.Tensors;
using FunnelDashboard.ML.Tensors;

namespace FunnelDashboard.ML.Layers;

/// <summary>y = x·W + b, with Glorot-uniform initial weights.</summary>
public sealed class Linear : ILayer
{
    private Matrix? _input;

    public Linear(string name, int inputs, int outputs, Random random)
    {
        Weight = Parameter.Uniform($"{name}.weight", inputs, outputs, MathF.Sqrt(6f / (inputs + outputs)), random);
        Bias = Parameter.Zeros($"{name}.bias", 1, outputs);
        Parameters = [Weight, Bias];
    }

    public Parameter Weight { get; }
    public Parameter Bias { get; }
    public IReadOnlyList<Parameter> Parameters { get; }

    public Matrix Forward(Matrix input, bool training)
    {
        _input = input;
        var output = new Matrix(input.Rows, Weight.Value.Cols);
        Gemm.Multiply(input, false, Weight.Value, false, output);
        for (int r = 0; r < output.Rows; r++)
            TensorPrimitives.Add(output.Row(r), Bias.Value.Data, output.Row(r));
        return output;
    }

    public Matrix Backward(Matrix outputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("Backward called before Forward.");
        Gemm.Multiply(input, true, outputGradient, false, Weight.Gradient, accumulate: true);
        for (int r = 0; r < outputGradient.Rows; r++)
            TensorPrimitives.Add(Bias.Gradient.Data, outputGradient.Row(r), Bias.Gradient.Data);
        var inputGradient = new Matrix(input.Rows, input.Cols);
        Gemm.Multiply(outputGradient, false, Weight.Value, true, inputGradient);
        return inputGradient;
    }
}
