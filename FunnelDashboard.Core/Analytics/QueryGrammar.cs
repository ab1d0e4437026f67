using System.Globalization;

namespace FunnelDashboard.Core.Analytics;

/// <summary>
/// The parameter kinds the analyses add to <see cref="FunnelQuery"/>'s grammar (choices and bounded whole numbers),
/// reporting errors the same way: one message per bad parameter, naming what is allowed.
/// </summary>
internal static class QueryGrammar
{
    /// <summary>An enum value by its lower-case name, or <paramref name="absent"/> when the parameter is not given.</summary>
    public static T Choice<T>(Func<string, string?> parameter, string name, T absent, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (parameter(name) is not { Length: > 0 } text) return absent;
        foreach (var value in Enum.GetValues<T>())
            if (string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase)) return value;
        FunnelQuery.Fail(errors, name, $"'{text}' is not a {name}; use {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
        return absent;
    }

    public static int Integer(Func<string, string?> parameter, string name, int absent, int min, int max, Dictionary<string, string[]> errors)
    {
        if (parameter(name) is not { Length: > 0 } text) return absent;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        FunnelQuery.Fail(errors, name, $"'{text}' is not a valid {name}; give a whole number from {min} to {max}.");
        return absent;
    }

    /// <summary>The common filter, then the analysis' own parameters; a query only when all of them are valid.</summary>
    public static QueryParseResult<T> Parse<T>(Func<string, string?> parameter, Func<FunnelFilter, Dictionary<string, string[]>, T> build) where T : class
    {
        var errors = new Dictionary<string, string[]>();
        var filter = FunnelQuery.ParseFilter(parameter, errors);
        var query = build(filter ?? FunnelFilter.All, errors);
        return new(errors.Count == 0 ? query : null, errors);
    }
}
