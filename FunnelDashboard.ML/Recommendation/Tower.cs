using FunnelDashboard.ML.Layers;
using FunnelDashboard.ML.Tensors;

namespace FunnelDashboard.ML.Recommendation;

/// <summary>
/// One side of a two-tower model: the embedding of an entity's id plus, when the entity has dense features, a linear
/// projection of them into the same space. Entities with few interactions then still get a position from their features.
/// </summary>
public sealed class Tower
{
    readonly Matrix? features;
    int[]? ids;

    /// <param name="features">One row of dense features per entity (null: the id alone).</param>
    public Tower(string name, int count, int dimensions, Matrix? features, Random random)
    {
        if (features is not null && features.Rows != count)
            throw new ArgumentException($"{features.Rows} feature rows for {count} entities.", nameof(features));
        this.features = features;
        Ids = new Embedding($"{name}.id", count, dimensions, random);
        if (features is { Cols: > 0 }) Features = new Linear($"{name}.features", features.Cols, dimensions, random);
        Parameters = [.. Ids.Parameters, .. Features?.Parameters ?? []];
    }

    /// <summary>The dense features the tower was built with (null: the id alone).</summary>
    public Matrix? FeatureValues => features;
    public Embedding Ids { get; }
    public Linear? Features { get; }
    public IReadOnlyList<Parameter> Parameters { get; }
    public int Count => Ids.Table.Value.Rows;
    public int Dimensions => Ids.Table.Value.Cols;

    /// <summary>The embeddings of the given entities, one row each.</summary>
    public Matrix Forward(int[] entityIds)
    {
        var output = Ids.Forward(entityIds);
        ids = entityIds;
        if (Features is null) return output;
        var input = new Matrix(entityIds.Length, features!.Cols);
        for (int r = 0; r < entityIds.Length; r++) features.Row(entityIds[r]).CopyTo(input.Row(r));
        var projected = Features.Forward(input, training: true);
        System.Numerics.Tensors.TensorPrimitives.Add(output.Data, projected.Data, output.Data);
        return output;
    }

    public void Backward(Matrix outputGradient)
    {
        if (ids is null) throw new InvalidOperationException("Backward called before Forward.");
        Ids.Backward(outputGradient);
        Features?.Backward(outputGradient);
    }

    /// <summary>Every entity's embedding (count × dimensions).</summary>
    public Matrix EmbedAll() => Forward(Enumerable.Range(0, Count).ToArray());
}
