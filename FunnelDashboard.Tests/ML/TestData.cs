using FunnelDashboard.ML.Tensors;

namespace FunnelDashboard.Tests.ML;

internal static class TestData
{
    public static Matrix RandomMatrix(int rows, int cols, Random random, float scale = 1f)
    {
        var matrix = new Matrix(rows, cols);
        for (int i = 0; i < matrix.Data.Length; i++)
            matrix.Data[i] = (float)((random.NextDouble() * 2 - 1) * scale);
        return matrix;
    }

    /// <summary>Σ a ⊙ b in double: a linear probe turning any output into a scalar loss whose gradient is b.</summary>
    public static double Dot(Matrix a, Matrix b)
    {
        double sum = 0;
        for (int i = 0; i < a.Data.Length; i++) sum += (double)a.Data[i] * b.Data[i];
        return sum;
    }
}
