namespace FunnelDashboard.Core.Vectors;

/// <summary>
/// IVF_FLAT as in Milvus: a k-means coarse quantiser splits the vectors into <c>nlist</c> lists; a search scores the
/// query against the centroids, scans the <c>nprobe</c> nearest lists exactly, and misses neighbours outside them.
/// Each list's vectors are stored contiguously. Lists are chosen by Euclidean distance to the centroid (for cosine
/// on unit vectors the same order as the angle).
/// </summary>
public sealed class IvfFlatIndex : IVectorIndex
{
    readonly float[] centroids;
    readonly float[] halfNorms;
    readonly int[] listStarts;
    readonly float[] vectors;
    readonly long[] ids;

    IvfFlatIndex(VectorMetric metric, int dimensions, float[] centroids, int[] listStarts, float[] vectors, long[] ids)
    {
        Metric = metric;
        Dimensions = dimensions;
        this.centroids = centroids;
        halfNorms = KMeans.HalfSquaredNorms(centroids, dimensions);
        this.listStarts = listStarts;
        this.vectors = vectors;
        this.ids = ids;
    }

    public int Dimensions { get; }
    public int Count => ids.Length;
    public VectorMetric Metric { get; }
    public int ListCount => listStarts.Length - 1;

    /// <summary>Lists scanned by <see cref="Search(ReadOnlySpan{float}, int, Func{long, bool}?)"/>; Milvus's default is 8.</summary>
    public int DefaultProbes { get; init; } = 8;

    /// <param name="nlist">How many lists (k-means centroids); Milvus suggests about 4·√n.</param>
    /// <param name="trainingSample">Vectors the quantiser is trained on (a seeded random sample); default 64 per list.</param>
    public static IvfFlatIndex Build(VectorSet vectors, VectorMetric metric, int nlist, int seed = 1, int iterations = 10, int? trainingSample = null)
    {
        if (nlist < 1 || nlist > vectors.Count)
            throw new ArgumentOutOfRangeException(nameof(nlist), nlist, $"nlist must be from 1 to the number of vectors ({vectors.Count}).");
        var set = vectors.ForMetric(metric);
        int dimensions = set.Dimensions;
        int sampleSize = Math.Clamp(trainingSample ?? 64 * nlist, nlist, set.Count);
        var sample = Sample(set, sampleSize, seed);
        var centroids = KMeans.Fit(sample, dimensions, nlist, iterations, seed);

        var assignment = new int[set.Count];
        Array.Fill(assignment, -1);
        KMeans.AssignAll(set.Vectors, dimensions, centroids, KMeans.HalfSquaredNorms(centroids, dimensions), assignment);

        // Counting sort by list, keeping the input order within each list.
        var listStarts = new int[nlist + 1];
        foreach (int list in assignment) listStarts[list + 1]++;
        for (int l = 0; l < nlist; l++) listStarts[l + 1] += listStarts[l];
        var next = listStarts[..nlist];
        var sorted = new float[set.Vectors.Length];
        var sortedIds = new long[set.Count];
        for (int i = 0; i < set.Count; i++)
        {
            int at = next[assignment[i]]++;
            set.Row(i).CopyTo(sorted.AsSpan(at * dimensions, dimensions));
            sortedIds[at] = set.Ids[i];
        }
        return new IvfFlatIndex(metric, dimensions, centroids, listStarts, sorted, sortedIds);
    }

    public IReadOnlyList<SearchHit> Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter = null) =>
        Search(query, k, DefaultProbes, filter);

    public IReadOnlyList<SearchHit> Search(ReadOnlySpan<float> query, int k, int nprobe, Func<long, bool>? filter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nprobe, 1);
        var q = VectorSet.PrepareQuery(query, Dimensions, Metric);
        var lists = new TopK(Math.Min(nprobe, ListCount));
        for (int l = 0; l < ListCount; l++)
            lists.Add(l, System.Numerics.Tensors.TensorPrimitives.Dot(q, centroids.AsSpan(l * Dimensions, Dimensions)) - halfNorms[l]);

        var top = new TopK(k);
        foreach (var list in lists.ToSortedArray())
        {
            int start = listStarts[list.Id];
            ExactIndex.Scan(q, vectors, ids, start, listStarts[list.Id + 1] - start, Dimensions, top, filter);
        }
        return top.ToSortedArray();
    }

    static float[] Sample(VectorSet set, int size, int seed)
    {
        if (size == set.Count) return set.Vectors;
        // A partial Fisher-Yates shuffle picks distinct rows.
        var random = new Random(seed);
        var order = Enumerable.Range(0, set.Count).ToArray();
        var sample = new float[size * set.Dimensions];
        for (int i = 0; i < size; i++)
        {
            int j = random.Next(i, order.Length);
            (order[i], order[j]) = (order[j], order[i]);
            set.Row(order[i]).CopyTo(sample.AsSpan(i * set.Dimensions, set.Dimensions));
        }
        return sample;
    }
}
