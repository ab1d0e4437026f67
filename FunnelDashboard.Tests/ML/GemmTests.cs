using FunnelDashboard.ML.Tensors;

namespace FunnelDashboard.Tests.ML;

public class GemmTests
{
    [Theory]
    [InlineData(1, 1, 1, false, false)]
    [InlineData(5, 7, 3, false, false)]
    [InlineData(33, 17, 300, false, true)]
    [InlineData(19, 40, 9, true, false)]
    [InlineData(4, 16, 256, true, true)]
    [InlineData(200, 300, 100, false, false)] // large enough to run on both cores
    public void Multiply_matches_a_double_precision_triple_loop(int m, int n, int k, bool transposeA, bool transposeB)
    {
        var random = new Random(m * 1000 + n);
        var a = transposeA ? TestData.RandomMatrix(k, m, random) : TestData.RandomMatrix(m, k, random);
        var b = transposeB ? TestData.RandomMatrix(n, k, random) : TestData.RandomMatrix(k, n, random);
        var c = TestData.RandomMatrix(m, n, random);
        var initial = c.Clone();

        Gemm.Multiply(a, transposeA, b, transposeB, c, accumulate: true);

        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double expected = initial[i, j];
                for (int p = 0; p < k; p++)
                    expected += (double)(transposeA ? a[p, i] : a[i, p]) * (transposeB ? b[j, p] : b[p, j]);
                Assert.True(Math.Abs(expected - c[i, j]) <= 1e-4 * (1 + k), $"C[{i},{j}] = {c[i, j]}, expected {expected}");
            }
    }

    [Fact]
    public void Splitting_rows_over_cores_gives_bit_identical_results()
    {
        var random = new Random(5);
        var a = TestData.RandomMatrix(300, 200, random);
        var b = TestData.RandomMatrix(200, 100, random);
        var parallel = new Matrix(300, 100);
        var serial = new Matrix(300, 100);

        Gemm.Multiply(a, false, b, false, parallel);
        int threads = Gemm.MaxThreads;
        Gemm.MaxThreads = 1;
        try
        {
            Gemm.Multiply(a, false, b, false, serial);
        }
        finally
        {
            Gemm.MaxThreads = threads;
        }

        Assert.Equal(serial.Data, parallel.Data);
    }

    [Fact]
    public void Multiply_without_accumulate_overwrites_the_output()
    {
        var a = new Matrix(1, 2, [1, 2]);
        var b = new Matrix(2, 1, [3, 4]);
        var c = new Matrix(1, 1, [100]);
        Gemm.Multiply(a, false, b, false, c);
        Assert.Equal(11f, c[0, 0]);
    }

    [Fact]
    public void Multiply_rejects_mismatched_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(new Matrix(2, 3), false, new Matrix(4, 5), false, new Matrix(2, 5)));
        Assert.Contains("2x3", error.Message);
    }
}
