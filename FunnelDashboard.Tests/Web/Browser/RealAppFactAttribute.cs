using System.Reflection;
using FunnelDashboard.Core.Analytics;

namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>
/// A browser test against the app's own analytics: skipped while the app's assemblies hold no implementation of
/// <see cref="IFunnelAnalytics"/> (the UI is built before the service lands), run as soon as one does.
/// </summary>
public sealed class RealAppFactAttribute : BrowserFactAttribute
{
    public RealAppFactAttribute()
    {
        if (Skip is null && !AppImplementsAnalytics.Value)
            Skip = "The app has no IFunnelAnalytics implementation yet.";
    }

    static readonly Lazy<bool> AppImplementsAnalytics = new(() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, "FunnelDashboard.*.dll")
            .Where(path => !Path.GetFileName(path).StartsWith("FunnelDashboard.Tests", StringComparison.Ordinal))
            .SelectMany(path => LoadableTypes(Assembly.LoadFrom(path)))
            .Any(type => type is { IsClass: true, IsAbstract: false } && typeof(IFunnelAnalytics).IsAssignableFrom(type)));

    static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try { return assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { return e.Types.OfType<Type>(); }
    }
}
