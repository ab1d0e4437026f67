namespace FunnelDashboard.Core.Analytics;

/// <summary>Confidence intervals and tests for proportions (conversion rates).</summary>
public static class Statistics
{
    /// <summary>The two-sided 95 % normal quantile.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// The 95 % Wilson score interval of <paramref name="successes"/> out of <paramref name="trials"/>: unlike the normal
    /// approximation it stays within [0, 1] and is sensible for small counts and rates near 0 or 1. (0, 1) when there are no trials.
    /// </summary>
    public static (double Lower, double Upper) Wilson(long successes, long trials)
    {
        if (trials <= 0) return (0, 1);
        double n = trials, p = (double)successes / trials, z2 = Z95 * Z95;
        var center = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = Z95 / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // At 0 and at all successes the bound is exactly 0 (or 1); the formula only gets there up to rounding.
        return (successes == 0 ? 0 : Math.Max(0, center - half), successes == trials ? 1 : Math.Min(1, center + half));
    }

    /// <summary>
    /// The two-sided p-value of the pooled two-proportion z-test that two groups convert at the same rate, with its z;
    /// null when a group is empty or nobody (or everybody) converted, where the test is undefined.
    /// </summary>
    public static (double Z, double PValue)? TwoProportionTest(long successes1, long trials1, long successes2, long trials2)
    {
        if (trials1 <= 0 || trials2 <= 0) return null;
        var pooled = (double)(successes1 + successes2) / (trials1 + trials2);
        var se = Math.Sqrt(pooled * (1 - pooled) * (1.0 / trials1 + 1.0 / trials2));
        if (se == 0) return null;
        var z = ((double)successes1 / trials1 - (double)successes2 / trials2) / se;
        return (z, Erfc(Math.Abs(z) / Math.Sqrt(2)));
    }

    /// <summary>The complementary error function, with a relative error below 1.2e-7 everywhere (Chebyshev fit, Numerical Recipes' erfcc).</summary>
    public static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
