using System.Numerics.Tensors;
using FunnelDashboard.ML.Tensors;

namespace FunnelDashboard.ML.Layers;

/// <summary>A lookup table of trainable vectors: row i of the output is the table row of id i.</summary>
public sealed class Embedding
{
    private int[]? _ids;

    public Embedding(string name, int count, int dimensions, Random random)
    {
        Table = Parameter.Uniform($"{name}.table", count, dimensions, 0.1f, random);
        Parameters = [Table];
    }

    public Parameter Table { get; }
    public IReadOnlyList<Parameter> Parameters { get; }

    public Matrix Forward(int[] ids)
    {
        var output = new Matrix(ids.Length, Table.Value.Cols);
        for (int r = 0; r < ids.Length; r++)
        {
            if ((uint)ids[r] >= (uint)Table.Value.Rows)
                throw new ArgumentOutOfRangeException(nameof(ids), ids[r], $"Id at position {r} is outside the table of {Table.Value.Rows}.");
            Table.Value.Row(ids[r]).CopyTo(output.Row(r));
        }
        _ids = ids;
        return output;
    }

    /// <summary>Adds each output row's gradient to the table row it came from (ids may repeat).</summary>
    public void Backward(Matrix outputGradient)
    {
        var ids = _ids ?? throw new InvalidOperationException("Backward called before Forward.");
        for (int r = 0; r < ids.Length; r++)
        {
            var row = Table.Gradient.Row(ids[r]);
            TensorPrimitives.Add(row, outputGradient.Row(r), row);
        }
    }
}
