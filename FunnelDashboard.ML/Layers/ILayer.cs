using FunnelDashboard.ML.Tensors;

namespace FunnelDashboard.ML.Layers;

/// <summary>
/// A feed-forward layer on a batch (one example per row). Backward must follow the Forward whose input it
/// differentiates; it accumulates parameter gradients and returns the gradient with respect to that input.
/// </summary>
public interface ILayer
{
    Matrix Forward(Matrix input, bool training);

    Matrix Backward(Matrix outputGradient);

    IReadOnlyList<Parameter> Parameters { get; }
}
