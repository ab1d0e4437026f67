namespace FunnelDashboard.ML.Forecasting;

/// <summary>
/// One value per consecutive day from <see cref="Start"/>, e.g. the daily visits of a page or of the whole site.
/// A day whose value is unknown (a gap in the log) holds NaN: it is neither zero nor trained on nor scored.
/// </summary>
public sealed class DailySeries
{
    /// <param name="values">One value per day, NaN for an unknown day; the series keeps this array, so do not change it afterwards.</param>
    public DailySeries(DateOnly start, float[] values)
    {
        Start = start;
        Values = values;
    }

    public DateOnly Start { get; }
    public float[] Values { get; }
    public int Length => Values.Length;

    /// <summary>The last day; the day before <see cref="Start"/> for an empty series.</summary>
    public DateOnly End => Start.AddDays(Length - 1);

    public DateOnly DateAt(int index) => Start.AddDays(index);

    public bool IsMissing(int index) => float.IsNaN(Values[index]);

    public int MissingDays => Values.Count(float.IsNaN);

    /// <summary>Builds a series from dated points: values on the same date add up, dates without a point are unknown (NaN).</summary>
    public static DailySeries FromPoints(IEnumerable<(DateOnly Date, double Value)> points)
    {
        var list = points.ToList();
        if (list.Count == 0) throw new ArgumentException("A series needs at least one point.", nameof(points));
        var start = list.Min(p => p.Date);
        var values = new float[list.Max(p => p.Date).DayNumber - start.DayNumber + 1];
        Array.Fill(values, float.NaN);
        foreach (var (date, value) in list)
        {
            ref float day = ref values[date.DayNumber - start.DayNumber];
            day = float.IsNaN(day) ? (float)value : day + (float)value;
        }
        return new DailySeries(start, values);
    }

    /// <summary>The days [index, index + length) as a new series.</summary>
    public DailySeries Slice(int index, int length) => new(DateAt(index), Values.AsSpan(index, length).ToArray());
}
