namespace FunnelDashboard.ML.Forecasting;

/// <summary>
/// Chronological split of forecast origins (index of the last observed day) into training, validation and test,
/// such that the target days of the three parts never overlap: test targets are the last testDays days,
/// validation targets the days before them, training targets everything earlier.
/// </summary>
internal sealed record ForecastSplit(int[] Training, int[] Validation, int[] Test)
{
    /// <param name="days">Days the split may use: [0, days).</param>
    /// <param name="testDays">Days at the end held out for scoring; 0 for none (the caller scores elsewhere).</param>
    public static ForecastSplit Create(int days, ForecastOptions options, int testDays)
    {
        int horizon = options.Horizon;
        int firstOrigin = Math.Max(options.InputDays, 7) - 1;
        int targetDays = days - 1 - firstOrigin;
        if (testDays > 0) testDays = Math.Min(testDays, Math.Max(horizon, targetDays / 5));
        int validationDays = Math.Max(horizon, (int)Math.Round(options.ValidationFraction * (targetDays - testDays)));
        int trainingDays = targetDays - testDays - validationDays;
        if (trainingDays < horizon)
            throw new ArgumentException(
                $"{days} days leave {trainingDays} training target days after {validationDays} validation and {testDays} test days " +
                $"(inputs of {options.InputDays} days come first); at least {horizon} are needed. Provide more data or reduce TestDays or InputDays.");

        int firstTarget = firstOrigin + 1;
        return new ForecastSplit(
            OriginsForTargets(firstTarget, trainingDays, horizon),
            OriginsForTargets(firstTarget + trainingDays, validationDays, horizon),
            testDays > 0 ? OriginsForTargets(firstTarget + trainingDays + validationDays, testDays, horizon) : []);
    }

    /// <summary>Origins whose targets (origin+1 ... origin+horizon) all fall in [firstDay, firstDay + count).</summary>
    private static int[] OriginsForTargets(int firstDay, int count, int horizon) =>
        Enumerable.Range(firstDay - 1, count - horizon + 1).ToArray();
}
