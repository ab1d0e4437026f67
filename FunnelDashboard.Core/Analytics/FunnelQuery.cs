using System.Globalization;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Analytics;

/// <summary>
/// One funnel question: ordered steps, a filter, a breakdown and a conversion window. It is parsed from and written to
/// query parameters with the API's names (steps, from, to, device, sex, breakdown, window), so the API, the CLI and the
/// UI's URLs share one grammar.
/// </summary>
public sealed record FunnelQuery
{
    public const int MaxSteps = 8;
    public const int MaxWindowHours = 24 * 366;

    public IReadOnlyList<FunnelPage> Steps { get; init; } = Names.AllPages;
    public FunnelFilter Filter { get; init; } = FunnelFilter.All;
    public Breakdown Breakdown { get; init; } = Breakdown.None;
    /// <summary>How long after entering the first step a user may take to reach the later ones; null = no limit.</summary>
    public int? WindowHours { get; init; }

    public static FunnelQuery Default { get; } = new();

    public static readonly string[] ParameterNames = ["steps", "from", "to", "device", "sex", "breakdown", "window"];

    /// <summary>Parses query parameters; unknown parameters are ignored, absent ones take their defaults.</summary>
    public static QueryParseResult<FunnelQuery> Parse(Func<string, string?> parameter)
    {
        var errors = new Dictionary<string, string[]>();
        var query = Default;

        var filter = ParseFilter(parameter, errors);
        if (filter is not null) query = query with { Filter = filter };

        if (parameter("steps") is { Length: > 0 } stepsText)
        {
            var steps = new List<FunnelPage>();
            foreach (var part in stepsText.Split(',', StringSplitOptions.TrimEntries))
            {
                if (Names.TryParsePage(part, out var page)) steps.Add(page);
                else { Fail(errors, "steps", $"Unknown page '{part}'. Known pages: {string.Join(", ", Names.AllPages.Select(Names.Of))}."); break; }
            }
            if (!errors.ContainsKey("steps"))
            {
                if (steps.Count is < 2 or > MaxSteps) Fail(errors, "steps", $"A funnel needs 2 to {MaxSteps} steps; got {steps.Count}.");
                else query = query with { Steps = steps };
            }
        }

        query = query with { Breakdown = ParseBreakdown(parameter, errors) };

        if (parameter("window") is { Length: > 0 } windowText)
        {
            if (int.TryParse(windowText, NumberStyles.None, CultureInfo.InvariantCulture, out var hours) && hours is >= 1 and <= MaxWindowHours)
                query = query with { WindowHours = hours };
            else
                Fail(errors, "window", $"'{windowText}' is not a window; give whole hours from 1 to {MaxWindowHours}.");
        }

        return new(errors.Count == 0 ? query : null, errors);
    }

    /// <summary>Parses the filter parameters (from, to, device, sex) alone.</summary>
    public static QueryParseResult<FunnelFilter> ParseFilter(Func<string, string?> parameter)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = ParseFilter(parameter, errors);
        return new(filter, errors);
    }

    /// <summary>The breakdown parameter (None when absent or "none"); also read by the analyses that break down.</summary>
    internal static Breakdown ParseBreakdown(Func<string, string?> parameter, Dictionary<string, string[]> errors)
    {
        if (parameter("breakdown") is not { Length: > 0 } breakdownText) return Breakdown.None;
        if (Names.TryParseName<Breakdown>(breakdownText, out var breakdown)) return breakdown;
        Fail(errors, "breakdown", $"'{breakdownText}' is not a breakdown; use 'device' or 'sex'.");
        return Breakdown.None;
    }

    internal static FunnelFilter? ParseFilter(Func<string, string?> parameter, Dictionary<string, string[]> errors)
    {
        var before = errors.Count;
        var from = ParseDate(parameter("from"), "from", errors);
        var to = ParseDate(parameter("to"), "to", errors);
        if (from is not null && to is not null && from > to)
            Fail(errors, "to", $"'to' ({to:yyyy-MM-dd}) is before 'from' ({from:yyyy-MM-dd}).");

        Device? device = null;
        if (parameter("device") is { Length: > 0 } deviceText)
        {
            if (Names.TryParseDevice(deviceText, out var d)) device = d;
            else Fail(errors, "device", $"Unknown device '{deviceText}'; use {string.Join(" or ", Enum.GetNames<Device>())}.");
        }

        Sex? sex = null;
        if (parameter("sex") is { Length: > 0 } sexText)
        {
            if (Names.TryParseSex(sexText, out var s)) sex = s;
            else Fail(errors, "sex", $"Unknown sex '{sexText}'; use {string.Join(" or ", Enum.GetNames<Sex>())}.");
        }

        return errors.Count == before ? new FunnelFilter(from, to, device, sex) : null;
    }

    static DateOnly? ParseDate(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Fail(errors, name, $"'{text}' is not a date; use yyyy-MM-dd.");
        return null;
    }

    internal static void Fail(Dictionary<string, string[]> errors, string name, string message) => errors[name] = [message];

    /// <summary>The query parameters that differ from the defaults, in the API's names and formats.</summary>
    public IReadOnlyDictionary<string, string?> ToParameters() => new Dictionary<string, string?>
    {
        ["steps"] = Steps.SequenceEqual(Default.Steps) ? null : string.Join(',', Steps.Select(Names.Of)),
        ["from"] = Filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = Filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["device"] = Filter.Device?.ToString(),
        ["sex"] = Filter.Sex?.ToString(),
        ["breakdown"] = Breakdown == Breakdown.None ? null : Breakdown.ToString().ToLowerInvariant(),
        ["window"] = WindowHours?.ToString(CultureInfo.InvariantCulture),
    };

    public bool Equals(FunnelQuery? other) =>
        other is not null && Steps.SequenceEqual(other.Steps) && Filter == other.Filter && Breakdown == other.Breakdown && WindowHours == other.WindowHours;

    public override int GetHashCode() => HashCode.Combine(Steps.Count, Filter, Breakdown, WindowHours);
}

public sealed record QueryParseResult<T>(T? Value, IReadOnlyDictionary<string, string[]> Errors) where T : class
{
    public bool IsValid => Value is not null;
}
