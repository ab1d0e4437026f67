using FunnelDashboard.ML.Tensors;

namespace FunnelDashboard.ML.Layers;

/// <summary>A stack of LSTM layers: each layer reads the hidden sequence of the one below.</summary>
public sealed class Lstm
{
    private readonly LstmLayer[] _layers;

    public Lstm(string name, int inputs, int hidden, int layers, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(layers, 1);
        _layers = new LstmLayer[layers];
        for (int l = 0; l < layers; l++)
            _layers[l] = new LstmLayer($"{name}.{l}", l == 0 ? inputs : hidden, hidden, random);
        Parameters = _layers.SelectMany(layer => layer.Parameters).ToArray();
    }

    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Returns the top layer's hidden state at every step.</summary>
    public Matrix[] Forward(Matrix[] inputs)
    {
        var sequence = inputs;
        foreach (var layer in _layers) sequence = layer.Forward(sequence);
        return sequence;
    }

    public Matrix[] Backward(Matrix[] outputGradients)
    {
        var gradients = outputGradients;
        for (int l = _layers.Length - 1; l >= 0; l--) gradients = _layers[l].Backward(gradients);
        return gradients;
    }
}
