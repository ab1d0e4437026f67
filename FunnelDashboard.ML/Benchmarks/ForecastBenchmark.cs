using FunnelDashboard.Core.Common;
using System.Diagnostics;
using System.Globalization;
using FunnelDashboard.ML.Forecasting;
using FunnelDashboard.ML.Tensors;

namespace FunnelDashboard.ML.Benchmarks;

/// <summary>The `bench forecast` figures: training time, single-forecast latency and GEMM throughput on this machine.</summary>
public static class ForecastBenchmark
{
    private const int TrainingDays = 730;
    private const int ForecastCalls = 2000;
    private const int GemmSize = 512;

    public static void Run(TextWriter output, CancellationToken ct)
    {
        var series = SeriesGenerator.Generate(TrainingDays, seed: 1);
        ForecastTrainer.Train(SeriesGenerator.Generate(90, seed: 2), new ForecastOptions { MaxEpochs = 2 }, cancellationToken: ct); // JIT warm-up

        var clock = Stopwatch.StartNew();
        var result = ForecastTrainer.Train(series, cancellationToken: ct);
        double trainSeconds = clock.Elapsed.TotalSeconds;
        var evaluation = result.Evaluation;
        output.WriteLine(Invariant(
            $"train: {TrainingDays} days, {result.Epochs} epochs (best {result.BestEpoch}) in {trainSeconds:F2} s; test MAPE lstm {evaluation.Lstm.Mape:F2}% vs seasonal naive {evaluation.SeasonalNaive.Mape:F2}%"));

        double forecastMs = MedianForecastMilliseconds(result.Model, series);
        output.WriteLine(Invariant($"forecast: median {forecastMs:F4} ms over {ForecastCalls} calls after warm-up"));

        double oneCore = GemmGflops(threads: 1);
        double allCores = GemmGflops(threads: Environment.ProcessorCount);
        output.WriteLine(Invariant($"gemm {GemmSize}x{GemmSize}x{GemmSize}: {oneCore:F1} GFLOP/s on one core, {allCores:F1} GFLOP/s on {Environment.ProcessorCount} cores"));
        output.WriteLine(Invariant($"train_s={trainSeconds:F3} forecast_ms={forecastMs:F4} gemm_gflops={oneCore:F2}"));
    }

    private static double MedianForecastMilliseconds(ForecastModel model, DailySeries history)
    {
        for (int i = 0; i < 200; i++) model.Predict(history);
        var times = new double[ForecastCalls];
        for (int i = 0; i < times.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            model.Predict(history);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return Percentiles.Median(times);
    }

    /// <summary>Median throughput of repeated square multiplies with the given thread budget.</summary>
    private static double GemmGflops(int threads)
    {
        var random = new Random(3);
        var a = new Matrix(GemmSize, GemmSize, Enumerable.Range(0, GemmSize * GemmSize).Select(_ => random.NextSingle()).ToArray());
        var b = a.Clone();
        var c = new Matrix(GemmSize, GemmSize);
        int previous = Gemm.MaxThreads;
        Gemm.MaxThreads = threads;
        try
        {
            Gemm.Multiply(a, false, b, false, c);
            var rates = new double[15];
            for (int i = 0; i < rates.Length; i++)
            {
                long start = Stopwatch.GetTimestamp();
                Gemm.Multiply(a, false, b, false, c);
                rates[i] = 2.0 * GemmSize * GemmSize * GemmSize / Stopwatch.GetElapsedTime(start).TotalSeconds / 1e9;
            }
            return Percentiles.Median(rates);
        }
        finally
        {
            Gemm.MaxThreads = previous;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
