namespace FunnelDashboard.ML.Forecasting;

/// <summary>
/// Chronological split of forecast origins (index of the last observed day) into training, validation and test,
/// such that the target days of the three parts never overlap: test targets are the last TestDays days,
/// validation targets the days before them, training targets everything earlier.
/// </summary>
/// <param name="LastTrainingDay">The last day any training input or target touches; scalers are fitted up to here only.</param>
internal sealed record ForecastSplit(int[] Training, int[] Validation, int[] Test, int LastTrainingDay)
{
    public static ForecastSplit Create(int days, ForecastOptions options)
    {
        int horizon = options.Horizon;
        int firstOrigin = Math.Max(options.InputDays, 7) - 1;
        int targetDays = days - 1 - firstOrigin;
        int testDays = Math.Min(options.TestDays, Math.Max(horizon, targetDays / 5));
        int validationDays = Math.Max(horizon, (int)Math.Round(options.ValidationFraction * (targetDays - testDays)));
        int trainingDays = targetDays - testDays - validationDays;
        if (trainingDays < horizon)
            throw new ArgumentException(
                $"{days} days leave {trainingDays} training target days after {validationDays} validation and {testDays} test days; " +
                $"at least {horizon} are needed. Provide more data or reduce TestDays.");

        int firstTarget = firstOrigin + 1;
        return new ForecastSplit(
            OriginsForTargets(firstTarget, trainingDays, horizon),
            OriginsForTargets(firstTarget + trainingDays, validationDays, horizon),
            OriginsForTargets(firstTarget + trainingDays + validationDays, testDays, horizon),
            LastTrainingDay: firstTarget + trainingDays - 1);
    }

    /// <summary>Origins whose targets (origin+1 ... origin+horizon) all fall in [firstDay, firstDay + count).</summary>
    private static int[] OriginsForTargets(int firstDay, int count, int horizon) =>
        Enumerable.Range(firstDay - 1, count - horizon + 1).ToArray();
}
