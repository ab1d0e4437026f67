using System.Numerics.Tensors;
using FunnelDashboard.ML.Layers;

namespace FunnelDashboard.ML.Training;

public static class GradientClipping
{
    /// <summary>Scales all gradients together so their joint L2 norm is at most maxNorm; returns the norm before clipping.</summary>
    public static float ClipGlobalNorm(IReadOnlyList<Parameter> parameters, float maxNorm)
    {
        double squares = 0;
        foreach (var parameter in parameters)
        {
            float norm = TensorPrimitives.Norm(parameter.Gradient.Data);
            squares += (double)norm * norm;
        }
        float total = (float)Math.Sqrt(squares);
        if (total > maxNorm)
        {
            float scale = maxNorm / total;
            foreach (var parameter in parameters)
                TensorPrimitives.Multiply(parameter.Gradient.Data, scale, parameter.Gradient.Data);
        }
        return total;
    }
}
