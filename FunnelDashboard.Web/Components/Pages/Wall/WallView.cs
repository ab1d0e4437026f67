using System.Globalization;

namespace FunnelDashboard.Web.Components.Pages.Wall;

public enum WallPanel { Kpis, Funnel, Devices, Trend, Forecast }

/// <summary>
/// What a wall shows, from its URL (<c>/wall?rotate=20&amp;panels=kpis,funnel&amp;theme=dark</c>). A wall has nobody to
/// read an error page: a bad value falls back to its default and is named in <see cref="Problems"/>, shown on the wall.
/// </summary>
public sealed record WallView(int RotateSeconds, IReadOnlyList<WallPanel> Panels, string Theme, IReadOnlyList<string> Problems)
{
    public const int DefaultRotateSeconds = 20;
    public const int MinRotateSeconds = 5;
    public const int MaxRotateSeconds = 3600;
    static readonly string[] Themes = ["dark", "light"];

    public static IReadOnlyList<WallPanel> AllPanels { get; } = Enum.GetValues<WallPanel>();

    static readonly Dictionary<string, WallPanel> PanelsByName = AllPanels.ToDictionary(NameOf, StringComparer.OrdinalIgnoreCase);

    public static WallView Default { get; } = new(DefaultRotateSeconds, AllPanels, "dark", []);

    public static string NameOf(WallPanel panel) => panel.ToString().ToLowerInvariant();

    public static WallView Parse(Func<string, string?> parameter)
    {
        var problems = new List<string>();

        var rotate = DefaultRotateSeconds;
        if (parameter("rotate") is { Length: > 0 } rotateText)
        {
            if (int.TryParse(rotateText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= MinRotateSeconds and <= MaxRotateSeconds)
                rotate = seconds;
            else
                problems.Add($"rotate='{rotateText}' is not a time per panel: give whole seconds from {MinRotateSeconds} to {MaxRotateSeconds}. Showing each panel for {DefaultRotateSeconds} s.");
        }

        var panels = new List<WallPanel>();
        if (parameter("panels") is { Length: > 0 } panelsText)
        {
            foreach (var name in panelsText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (PanelsByName.TryGetValue(name, out var panel))
                {
                    if (!panels.Contains(panel)) panels.Add(panel);
                }
                else
                    problems.Add($"panels: '{name}' is not a panel; the panels are {string.Join(", ", AllPanels.Select(NameOf))}.");
            }
            if (panels.Count == 0) problems.Add($"panels names no known panel: showing all ({string.Join(", ", AllPanels.Select(NameOf))}).");
        }

        var theme = Default.Theme;
        if (parameter("theme") is { Length: > 0 } themeText)
        {
            if (Themes.Contains(themeText.ToLowerInvariant())) theme = themeText.ToLowerInvariant();
            else problems.Add($"theme='{themeText}' is not a theme: use dark or light. Showing dark.");
        }

        return new WallView(rotate, panels.Count > 0 ? panels : AllPanels, theme, problems);
    }
}
