using FunnelDashboard.ML.Tensors;

namespace FunnelDashboard.ML.Layers;

/// <summary>A trainable tensor and the gradient that backward passes accumulate into it.</summary>
public sealed class Parameter(string name, Matrix value)
{
    public string Name { get; } = name;
    public Matrix Value { get; } = value;
    public Matrix Gradient { get; } = new(value.Rows, value.Cols);

    /// <summary>Fills the value uniformly in [-limit, limit] from the given generator.</summary>
    public static Parameter Uniform(string name, int rows, int cols, float limit, Random random)
    {
        var value = new Matrix(rows, cols);
        for (int i = 0; i < value.Data.Length; i++)
            value.Data[i] = (float)((random.NextDouble() * 2 - 1) * limit);
        return new Parameter(name, value);
    }

    public static Parameter Zeros(string name, int rows, int cols) => new(name, new Matrix(rows, cols));
}
