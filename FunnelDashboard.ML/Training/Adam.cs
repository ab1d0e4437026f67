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

    public void Step()
    {
        _steps++;
        float correction1 = 1f - MathF.Pow(_beta1, _steps);
        float correction2 = 1f - MathF.Pow(_beta2, _steps);
        for (int p = 0; p < _parameters.Count; p++)
        {
            var value = _parameters[p].Value.Data;
            var gradient = _parameters[p].Gradient.Data;
            var m = _firstMoments[p];
            var v = _secondMoments[p];
            for (int i = 0; i < value.Length; i++)
            {
                m[i] = _beta1 * m[i] + (1f - _beta1) * gradient[i];
                v[i] = _beta2 * v[i] + (1f - _beta2) * gradient[i] * gradient[i];
                value[i] -= LearningRate * (m[i] / correction1) / (MathF.Sqrt(v[i] / correction2) + _epsilon);
            }
        }
    }

    public void ZeroGradients()
    {
        foreach (var parameter in _parameters) parameter.Gradient.Clear();
    }
}
