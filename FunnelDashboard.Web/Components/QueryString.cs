using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace FunnelDashboard.Web.Components;

/// <summary>The current URL's query parameters, in the shape <c>FunnelQuery.Parse</c> reads.</summary>
public static class QueryString
{
    public static Func<string, string?> Read(NavigationManager navigation)
    {
        var query = QueryHelpers.ParseQuery(navigation.ToAbsoluteUri(navigation.Uri).Query);
        return name => query.TryGetValue(name, out var values) ? values.ToString() : null;
    }

    /// <summary>The current URL with the given parameters set (a null value removes the parameter).</summary>
    public static string With(NavigationManager navigation, IReadOnlyDictionary<string, string?> parameters) =>
        navigation.GetUriWithQueryParameters(parameters.ToDictionary(p => p.Key, p => (object?)p.Value));
}
