using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Analytics;

/// <summary>Time to convert: a funnel and two of its steps by name (parameters from_step, to_step; default its first and last).</summary>
public sealed record TimeToConvertQuery(FunnelQuery Funnel, int FromStep, int ToStep)
{
    public static QueryParseResult<TimeToConvertQuery> Parse(Func<string, string?> parameter)
    {
        var funnel = FunnelQuery.Parse(parameter);
        var errors = new Dictionary<string, string[]>(funnel.Errors);
        var steps = (funnel.Value ?? FunnelQuery.Default).Steps;
        var from = Step(parameter, "from_step", steps, 0, errors);
        var to = Step(parameter, "to_step", steps, steps.Count - 1, errors);
        if (errors.Count == 0 && from >= to) FunnelQuery.Fail(errors, "to_step", "to_step must come after from_step in the funnel's steps.");
        return new(errors.Count == 0 ? new TimeToConvertQuery(funnel.Value!, from, to) : null, errors);
    }

    static int Step(Func<string, string?> parameter, string name, IReadOnlyList<FunnelPage> steps, int absent, Dictionary<string, string[]> errors)
    {
        if (parameter(name) is not { Length: > 0 } text) return absent;
        var index = Names.TryParsePage(text, out var page) ? steps.ToList().IndexOf(page) : -1;
        if (index < 0) FunnelQuery.Fail(errors, name, $"'{text}' is not a step of the funnel ({string.Join(", ", steps.Select(Names.Of))}).");
        return index;
    }
}

public sealed record TimeBin(int FromSeconds, int? ToSeconds, long Users);

/// <summary>
/// How long users took from one funnel step to a later one, along the chain that reached their deepest step (as the
/// funnel's time to next step): median, nearest-rank p90, and a histogram with bins from 10 s to 30 days.
/// </summary>
public sealed record TimeToConvert(string From, string To, long Users, double? MedianSeconds, double? P90Seconds, IReadOnlyList<TimeBin> Bins)
{
    public static readonly int[] BinEdges = [0, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 43200, 86400, 172800, 604800, 2592000];

    public static TimeToConvert Of(EventSnapshot snapshot, TimeToConvertQuery query)
    {
        var histogram = FunnelEngine.TimeBetween(snapshot, query.Funnel, query.FromStep, query.ToStep);
        var (median, p90) = histogram.MedianAndP90();
        var counts = histogram.CountBins(BinEdges);
        var bins = counts.Select((users, i) => new TimeBin(BinEdges[i], i + 1 < BinEdges.Length ? BinEdges[i + 1] : null, users)).ToList();
        return new TimeToConvert(Names.Of(query.Funnel.Steps[query.FromStep]), Names.Of(query.Funnel.Steps[query.ToStep]), histogram.Count, median, p90, bins);
    }
}
