using System.Numerics.Tensors;
using FunnelDashboard.ML.Tensors;

namespace FunnelDashboard.ML.Layers;

/// <summary>
/// One LSTM layer over a sequence of batches (one matrix per time step, one example per row), with full
/// backpropagation through time. Input and previous hidden state are concatenated so each step is a single
/// GEMM against W = [Wx; Wh]; gates are laid out [input | forget | cell | output].
/// </summary>
public sealed class LstmLayer
{
    private readonly int _inputs;
    private readonly int _hidden;
    private Step[] _steps = [];

    /// <summary>What the backward pass needs from one forward time step.</summary>
    private sealed record Step(Matrix Concatenated, Matrix Gates, Matrix PreviousCell, Matrix TanhCell);

    public LstmLayer(string name, int inputs, int hidden, Random random)
    {
        _inputs = inputs;
        _hidden = hidden;
        float limit = 1f / MathF.Sqrt(hidden);
        Weight = Parameter.Uniform($"{name}.weight", inputs + hidden, 4 * hidden, limit, random);
        Bias = Parameter.Zeros($"{name}.bias", 1, 4 * hidden);
        // A forget-gate bias of 1 keeps early gradients flowing through the cell state.
        for (int j = hidden; j < 2 * hidden; j++) Bias.Value.Data[j] = 1f;
        Parameters = [Weight, Bias];
    }

    public int HiddenSize => _hidden;
    public Parameter Weight { get; }
    public Parameter Bias { get; }
    public IReadOnlyList<Parameter> Parameters { get; }

    public Matrix[] Forward(Matrix[] inputs)
    {
        int batch = inputs[0].Rows;
        var hidden = new Matrix(batch, _hidden);
        var cell = new Matrix(batch, _hidden);
        var outputs = new Matrix[inputs.Length];
        _steps = new Step[inputs.Length];
        for (int t = 0; t < inputs.Length; t++)
        {
            var concatenated = Concatenate(inputs[t], hidden);
            var gates = new Matrix(batch, 4 * _hidden);
            Gemm.Multiply(concatenated, false, Weight.Value, false, gates);
            var nextCell = new Matrix(batch, _hidden);
            var tanhCell = new Matrix(batch, _hidden);
            var nextHidden = new Matrix(batch, _hidden);
            for (int r = 0; r < batch; r++)
            {
                var g = gates.Row(r);
                TensorPrimitives.Add(g, Bias.Value.Data, g);
                TensorPrimitives.Sigmoid(g[..(2 * _hidden)], g[..(2 * _hidden)]);
                TensorPrimitives.Tanh(g.Slice(2 * _hidden, _hidden), g.Slice(2 * _hidden, _hidden));
                TensorPrimitives.Sigmoid(g[(3 * _hidden)..], g[(3 * _hidden)..]);
                var previous = cell.Row(r);
                var c = nextCell.Row(r);
                for (int j = 0; j < _hidden; j++)
                    c[j] = g[_hidden + j] * previous[j] + g[j] * g[2 * _hidden + j];
                TensorPrimitives.Tanh(c, tanhCell.Row(r));
                TensorPrimitives.Multiply(g[(3 * _hidden)..], tanhCell.Row(r), nextHidden.Row(r));
            }
            _steps[t] = new Step(concatenated, gates, cell, tanhCell);
            cell = nextCell;
            hidden = nextHidden;
            outputs[t] = hidden;
        }
        return outputs;
    }

    /// <summary>Takes the loss gradient for each step's hidden output and returns it for each step's input.</summary>
    public Matrix[] Backward(Matrix[] outputGradients)
    {
        if (_steps.Length == 0 || outputGradients.Length != _steps.Length)
            throw new InvalidOperationException("Backward needs one gradient per step of the preceding Forward.");
        int batch = outputGradients[0].Rows;
        var hiddenGradient = new Matrix(batch, _hidden);
        var cellGradient = new Matrix(batch, _hidden);
        var inputGradients = new Matrix[_steps.Length];
        for (int t = _steps.Length - 1; t >= 0; t--)
        {
            var step = _steps[t];
            var gateGradient = new Matrix(batch, 4 * _hidden);
            for (int r = 0; r < batch; r++)
            {
                var g = step.Gates.Row(r);
                var dz = gateGradient.Row(r);
                var dh = hiddenGradient.Row(r);
                var dc = cellGradient.Row(r);
                var outGrad = outputGradients[t].Row(r);
                var tanhC = step.TanhCell.Row(r);
                var previousC = step.PreviousCell.Row(r);
                for (int j = 0; j < _hidden; j++)
                {
                    float i = g[j], f = g[_hidden + j], c = g[2 * _hidden + j], o = g[3 * _hidden + j];
                    float h = dh[j] + outGrad[j];
                    float cellGrad = dc[j] + h * o * (1f - tanhC[j] * tanhC[j]);
                    dz[j] = cellGrad * c * i * (1f - i);
                    dz[_hidden + j] = cellGrad * previousC[j] * f * (1f - f);
                    dz[2 * _hidden + j] = cellGrad * i * (1f - c * c);
                    dz[3 * _hidden + j] = h * tanhC[j] * o * (1f - o);
                    dc[j] = cellGrad * f;
                }
                TensorPrimitives.Add(Bias.Gradient.Data, dz, Bias.Gradient.Data);
            }
            Gemm.Multiply(step.Concatenated, true, gateGradient, false, Weight.Gradient, accumulate: true);
            var concatenatedGradient = new Matrix(batch, _inputs + _hidden);
            Gemm.Multiply(gateGradient, false, Weight.Value, true, concatenatedGradient);
            inputGradients[t] = new Matrix(batch, _inputs);
            for (int r = 0; r < batch; r++)
            {
                var row = concatenatedGradient.Row(r);
                row[.._inputs].CopyTo(inputGradients[t].Row(r));
                row[_inputs..].CopyTo(hiddenGradient.Row(r));
            }
        }
        return inputGradients;
    }

    private Matrix Concatenate(Matrix input, Matrix hidden)
    {
        if (input.Cols != _inputs)
            throw new ArgumentException($"Expected {_inputs} input features per step, got {input.Cols}.", nameof(input));
        var result = new Matrix(input.Rows, _inputs + _hidden);
        for (int r = 0; r < input.Rows; r++)
        {
            input.Row(r).CopyTo(result.Row(r));
            hidden.Row(r).CopyTo(result.Row(r)[_inputs..]);
        }
        return result;
    }
}
