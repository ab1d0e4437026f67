using FunnelDashboard.ML.Tensors;

namespace FunnelDashboard.ML.Layers;

/// <summary>Inverted dropout: zeroes a fraction of activations while training and rescales the rest, so inference is the identity.</summary>
public sealed class Dropout : ILayer
{
    private readonly float _rate;
    private readonly Random _random;
    private float[]? _mask;

    public Dropout(float rate, Random random)
    {
        if (rate is < 0f or >= 1f) throw new ArgumentOutOfRangeException(nameof(rate), rate, "Dropout rate must be in [0, 1).");
        _rate = rate;
        _random = random;
    }

    public IReadOnlyList<Parameter> Parameters => [];

    public Matrix Forward(Matrix input, bool training)
    {
        if (!training || _rate == 0f)
        {
            _mask = null;
            return input;
        }

        float keep = 1f / (1f - _rate);
        _mask = new float[input.Data.Length];
        var output = new Matrix(input.Rows, input.Cols);
        for (int i = 0; i < _mask.Length; i++)
        {
            _mask[i] = _random.NextDouble() < _rate ? 0f : keep;
            output.Data[i] = input.Data[i] * _mask[i];
        }
        return output;
    }

    public Matrix Backward(Matrix outputGradient)
    {
        if (_mask is null) return outputGradient;
        var inputGradient = new Matrix(outputGradient.Rows, outputGradient.Cols);
        for (int i = 0; i < _mask.Length; i++)
            inputGradient.Data[i] = outputGradient.Data[i] * _mask[i];
        return inputGradient;
    }
}
