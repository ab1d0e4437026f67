using FunnelDashboard.ML.Layers;

namespace FunnelDashboard.ML.Training;

/// <summary>The Adam optimizer with bias-corrected moment estimates.</summary>
public sealed class Adam
{
    private readonly IReadOnlyList<Parameter> _parameters;
    private readonly float[][] _firstMoments;
    private readonly float[][] _secondMoments;
    private readonly float _beta1;
    private readonly float _beta2;
    private readonly float _epsilon;
    private int _steps;

    public Adam(IReadOnlyList<Parameter> parameters, float learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
    {
        _parameters = parameters;
        _firstMoments = parameters.Select(p => new float[p.Value.Data.Length]).ToArray();
        _secondMoments = parameters.Select(p => new float[p.Value.Data.Length]).ToArray();
        LearningRate = learningRate;
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
    }

    /// <summary>Set by a schedule between steps.</summary>
    public float LearningRate { get; set; }

    public void Step() => Step(null);

    /// <summary>
    /// One step. Parameters in <paramref name="sparseRows"/> (lookup tables) are updated only in the rows given, and
    /// those gradient rows are cleared afterwards (lazy Adam, as TensorFlow's LazyAdam): a step then costs the batch's
    /// rows, not the whole table, and a row the batch did not use keeps its value and moments.
    /// </summary>
    /// <param name="sparseRows">Per lookup table, the distinct rows the batch used.</param>
    public void Step(IReadOnlyDictionary<Parameter, int[]>? sparseRows)
    {
        _steps++;
        float correction1 = 1f - MathF.Pow(_beta1, _steps);
        float correction2 = 1f - MathF.Pow(_beta2, _steps);
        for (int p = 0; p < _parameters.Count; p++)
        {
            var parameter = _parameters[p];
            if (sparseRows is not null && sparseRows.TryGetValue(parameter, out var rows))
            {
                int cols = parameter.Value.Cols;
                foreach (int row in rows)
                {
                    Update(p, row * cols, cols, correction1, correction2);
                    parameter.Gradient.Row(row).Clear();
                }
            }
            else Update(p, 0, parameter.Value.Data.Length, correction1, correction2);
        }
    }

    private void Update(int p, int start, int length, float correction1, float correction2)
    {
        var value = _parameters[p].Value.Data;
        var gradient = _parameters[p].Gradient.Data;
        var m = _firstMoments[p];
        var v = _secondMoments[p];
        for (int i = start; i < start + length; i++)
        {
            m[i] = _beta1 * m[i] + (1f - _beta1) * gradient[i];
            v[i] = _beta2 * v[i] + (1f - _beta2) * gradient[i] * gradient[i];
            value[i] -= LearningRate * (m[i] / correction1) / (MathF.Sqrt(v[i] / correction2) + _epsilon);
        }
    }

    /// <summary>Clears every gradient, except of the given lookup tables (which a sparse <see cref="Step(IReadOnlyDictionary{Parameter, int[]})"/> clears itself).</summary>
    public void ZeroGradients(IReadOnlyCollection<Parameter>? except = null)
    {
        foreach (var parameter in _parameters)
            if (except is null || !except.Contains(parameter)) parameter.Gradient.Clear();
    }
}
