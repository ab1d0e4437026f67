using FunnelDashboard.Core.Common;
using System.Diagnostics;
using System.Globalization;

namespace FunnelDashboard.Core.Vectors;

/// <summary>What <see cref="VectorBenchmark"/> measures; a null list or probe count is chosen from the size.</summary>
public sealed record VectorBenchmarkOptions(int Count = 1_000_000, int Dimensions = 128, int? NList = null, int? NProbe = null,
    int Queries = 200, int Clusters = 1000, float Spread = 1f, int Seed = 1);

/// <summary>
/// Exact search against IVF_FLAT on clustered synthetic vectors (cosine): build time, single-thread query latency
/// (medians) and recall@10 of IVF against exact search on the same queries.
/// </summary>
public static class VectorBenchmark
{
    const int K = 10;

    public static void Run(VectorBenchmarkOptions options, TextWriter output)
    {
        int nlist = options.NList ?? Math.Max(1, (int)Math.Sqrt(options.Count));
        int nprobe = options.NProbe ?? Math.Max(1, nlist / 32);
        Write(output, $"data: {options.Count:N0} vectors of {options.Dimensions} dimensions, a mixture of {options.Clusters} Gaussians (centres N(0,1), spread {options.Spread}), cosine; {options.Queries} queries from the same mixture; seed {options.Seed}");

        var clock = Stopwatch.StartNew();
        var data = ClusteredVectors.Generate(options.Count, options.Dimensions, options.Clusters, options.Spread, options.Seed);
        // Queries are fresh points of the same mixture (ids past the data's), not stored vectors.
        var queries = ClusteredVectors.Generate(options.Queries, options.Dimensions, options.Clusters, options.Spread, options.Seed, firstId: options.Count);
        Write(output, $"generated in {clock.Elapsed.TotalSeconds:F1} s");

        var exact = new ExactIndex(data, VectorMetric.Cosine);
        clock.Restart();
        var ivf = IvfFlatIndex.Build(data, VectorMetric.Cosine, nlist, options.Seed);
        double buildSeconds = clock.Elapsed.TotalSeconds;
        Write(output, $"IVF_FLAT nlist={nlist} built in {buildSeconds:F1} s ({Environment.ProcessorCount} cores); searching with nprobe={nprobe}, one thread");

        var (exactMs, exactHits) = Time(queries, q => exact.Search(q, K));
        var (ivfMs, ivfHits) = Time(queries, q => ivf.Search(q, K, nprobe));
        double recall = exactHits.Zip(ivfHits, (e, a) => (double)e.Select(h => h.Id).Intersect(a.Select(h => h.Id)).Count() / e.Count).Average();

        Write(output, $"exact: median {Percentiles.Median(exactMs):F3} ms per query; ivf: median {Percentiles.Median(ivfMs):F3} ms, p99 {Percentiles.Of(ivfMs, 0.99):F3} ms ({Percentiles.Median(exactMs) / Percentiles.Median(ivfMs):F1}x faster)");
        Write(output, $"exact_qps={1000 / Percentiles.Median(exactMs):F0} ivf_qps={1000 / Percentiles.Median(ivfMs):F0} recall_at_10={recall:F4} build_s={buildSeconds:F1}");
    }

    static (double[] Milliseconds, IReadOnlyList<SearchHit>[] Hits) Time(VectorSet queries, Func<ReadOnlySpan<float>, IReadOnlyList<SearchHit>> search)
    {
        search(queries.Row(0)); // warm-up: JIT and caches
        var times = new double[queries.Count];
        var hits = new IReadOnlyList<SearchHit>[queries.Count];
        for (int i = 0; i < queries.Count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            hits[i] = search(queries.Row(i));
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return (times, hits);
    }

    static void Write(TextWriter output, FormattableString line) => output.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
