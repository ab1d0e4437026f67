using FunnelDashboard.ML.Tensors;

namespace FunnelDashboard.ML.Forecasting;

/// <summary>
/// Turns a series into network inputs and targets, in log space (log(1 + visits)), so weekly and yearly swings are
/// relative and every series is on the same scale. Each input day carries its log visits minus the window's level
/// (the mean of the origin's last 7 days: per-window scaling), whether it was unknown (filled), and day of week and day
/// of year as points on a circle. The network predicts each future day as a residual over the anchor: the last week's
/// level plus the weekday's profile, i.e. how far that weekday lay from its week's level, the median over the last
/// <see cref="ForecastArchitecture.AnchorWeeks"/> weeks (1 week: seasonal naive). The level follows a shift within a
/// week, while the profile, taken over several weeks, carries less of one day's noise than seasonal naive does.
/// </summary>
internal sealed class ForecastFeatures
{
    public const int Count = 6;
    private const int LevelDays = 7;

    private readonly DailySeries _series;
    private readonly float[] _log;
    private readonly float[] _level;
    private readonly int _anchorWeeks;

    public ForecastFeatures(DailySeries series, int anchorWeeks)
    {
        _series = series;
        Filled = GapFilling.Fill(series.Values);
        _log = Filled.Select(v => MathF.Log(1 + MathF.Max(0, v))).ToArray();
        _level = Levels(_log);
        _anchorWeeks = anchorWeeks;
    }

    /// <summary>The observed values, NaN on unknown days: what targets and scores use.</summary>
    public float[] Observed => _series.Values;

    /// <summary>The values with unknown days filled (<see cref="GapFilling"/>): what inputs and baselines use.</summary>
    public float[] Filled { get; }

    public int Length => _series.Length;

    public DateOnly DateAt(int day) => _series.DateAt(day);

    /// <summary>Whether every target day of the origin is known, i.e. it can be trained on.</summary>
    public bool TargetsKnown(int origin, int horizon)
    {
        for (int step = 1; step <= horizon; step++)
            if (_series.IsMissing(origin + step)) return false;
        return true;
    }

    /// <summary>One matrix per input day (oldest first), one row per origin.</summary>
    public Matrix[] Inputs(IReadOnlyList<int> origins, int inputDays)
    {
        var levels = origins.Select(origin => _level[origin]).ToArray();
        var steps = new Matrix[inputDays];
        for (int t = 0; t < inputDays; t++)
        {
            steps[t] = new Matrix(origins.Count, Count);
            for (int r = 0; r < origins.Count; r++)
                Describe(origins[r] - inputDays + 1 + t, levels[r], steps[t].Row(r));
        }
        return steps;
    }

    /// <summary>Log visits of each target day minus its anchor; the origins' targets must all be known.</summary>
    public Matrix Targets(IReadOnlyList<int> origins, int horizon)
    {
        var targets = new Matrix(origins.Count, horizon);
        for (int r = 0; r < origins.Count; r++)
            for (int step = 1; step <= horizon; step++)
                targets[r, step - 1] = MathF.Log(1 + Observed[origins[r] + step]) - Anchor(origins[r], step);
        return targets;
    }

    /// <summary>A network output (or output plus an interval offset) as the forecast in log space.</summary>
    public float ToLog(int origin, int step, float output) => Anchor(origin, step) + output;

    /// <summary>Inverse of the log transform; never negative.</summary>
    public static float ToVisits(float log) => MathF.Max(0f, MathF.Exp(log) - 1);

    /// <summary>The level of the origin's last 7 days plus the median, over the last observed weeks (days up to the
    /// origin only), of the target weekday's log value minus the level of the week ending on the origin's day of week:
    /// a median, so a spike, or the week in which the level shifts, hardly moves it.</summary>
    private float Anchor(int origin, int step)
    {
        int sameWeekday = origin + step - 7 * ((step + 6) / 7);
        int weeks = Math.Max(1, Math.Min(_anchorWeeks, (origin + 1) / LevelDays));
        Span<float> profile = stackalloc float[weeks];
        for (int k = 0; k < weeks; k++) profile[k] = _log[sameWeekday - 7 * k] - _level[origin - 7 * k];
        profile.Sort();
        float median = weeks % 2 == 1 ? profile[weeks / 2] : (profile[weeks / 2 - 1] + profile[weeks / 2]) / 2;
        return _level[origin] + median;
    }

    /// <summary>Per day, the mean log value of the 7 days ending on it (fewer at the start of the series).</summary>
    private static float[] Levels(float[] log)
    {
        var levels = new float[log.Length];
        double sum = 0;
        for (int d = 0; d < log.Length; d++)
        {
            sum += log[d];
            if (d >= LevelDays) sum -= log[d - LevelDays];
            levels[d] = (float)(sum / Math.Min(LevelDays, d + 1));
        }
        return levels;
    }

    private void Describe(int day, float level, Span<float> row)
    {
        var date = _series.DateAt(day);
        double week = 2 * Math.PI * (int)date.DayOfWeek / 7;
        double year = 2 * Math.PI * (date.DayOfYear - 1) / 365.25;
        row[0] = _log[day] - level;
        row[1] = _series.IsMissing(day) ? 1f : 0f;
        row[2] = (float)Math.Sin(week);
        row[3] = (float)Math.Cos(week);
        row[4] = (float)Math.Sin(year);
        row[5] = (float)Math.Cos(year);
    }
}
