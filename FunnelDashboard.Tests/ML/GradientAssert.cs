namespace FunnelDashboard.Tests.ML;

/// <summary>Compares analytic gradients with central differences of the loss, perturbing values in place.</summary>
internal static class GradientAssert
{
    private const float Step = 1e-2f;

    public static void MatchesNumerical(string what, float[] values, float[] analytic, Func<double> loss)
    {
        Assert.Equal(values.Length, analytic.Length);
        for (int i = 0; i < values.Length; i++)
        {
            float original = values[i];
            values[i] = original + Step;
            double plus = loss();
            values[i] = original - Step;
            double minus = loss();
            values[i] = original;
            double numerical = (plus - minus) / (2 * Step);
            double tolerance = 2e-3 + 2e-2 * Math.Max(Math.Abs(numerical), Math.Abs(analytic[i]));
            Assert.True(Math.Abs(numerical - analytic[i]) <= tolerance,
                $"{what}[{i}]: analytic {analytic[i]} vs numerical {numerical}");
        }
    }
}
