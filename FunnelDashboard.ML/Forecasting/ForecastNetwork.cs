using FunnelDashboard.ML.Layers;
using FunnelDashboard.ML.Tensors;

namespace FunnelDashboard.ML.Forecasting;

/// <summary>Stacked LSTM over the input days, then dropout → dense → ReLU → dropout → one output per horizon day.</summary>
internal sealed class ForecastNetwork
{
    private readonly Lstm _lstm;
    private readonly ILayer[] _head;
    private int _steps;

    public ForecastNetwork(ForecastArchitecture architecture, Random random)
    {
        architecture.Validate();
        _lstm = new Lstm("lstm", ForecastFeatures.Count, architecture.HiddenSize, architecture.LstmLayers, random);
        _head =
        [
            new Dropout(architecture.Dropout, random),
            new Linear("dense", architecture.HiddenSize, architecture.DenseSize, random),
            new Relu(),
            new Dropout(architecture.Dropout, random),
            new Linear("output", architecture.DenseSize, architecture.Horizon, random),
        ];
        // A zero output layer makes the untrained network forecast the anchor exactly; training starts from there.
        ForecastAnchor();
        Parameters = _lstm.Parameters.Concat(_head.SelectMany(layer => layer.Parameters)).ToArray();
    }

    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Zeroes the output layer, so the network forecasts the anchor exactly (as before training).</summary>
    public void ForecastAnchor()
    {
        foreach (var parameter in _head[^1].Parameters) Array.Clear(parameter.Value.Data);
    }

    public Matrix Forward(Matrix[] inputs, bool training)
    {
        _steps = inputs.Length;
        var x = _lstm.Forward(inputs)[^1];
        foreach (var layer in _head) x = layer.Forward(x, training);
        return x;
    }

    public void Backward(Matrix outputGradient)
    {
        var gradient = outputGradient;
        for (int l = _head.Length - 1; l >= 0; l--) gradient = _head[l].Backward(gradient);
        // Only the last step's hidden state feeds the head; earlier steps get their gradient through time.
        var stepGradients = new Matrix[_steps];
        for (int t = 0; t < _steps - 1; t++) stepGradients[t] = new Matrix(gradient.Rows, gradient.Cols);
        stepGradients[^1] = gradient;
        _lstm.Backward(stepGradients);
    }
}
