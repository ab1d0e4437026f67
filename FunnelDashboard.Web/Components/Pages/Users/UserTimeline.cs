using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Controls;

namespace FunnelDashboard.Web.Components.Pages.Users;

/// <summary>How a user's sessions read on their page: times, spans, the tables' columns, and which sessions show.</summary>
static class UserTimeline
{
    /// <summary>At most this many sessions show, the latest ones (a live visitor may have thousands).</summary>
    public const int MaxSessions = 50;

    const string Stamp = "yyyy-MM-dd HH:mm:ss";

    public static string Time(DateTime time) => time.ToString(Stamp, CultureInfo.InvariantCulture) + " UTC";

    /// <summary>"2015-01-05 10:00:12 – 10:06:40 UTC (6.5 min)"; the end's date only when it is another day.</summary>
    public static string Span(BehaviorSession session)
    {
        var end = session.End.ToString(session.End.Date == session.Start.Date ? "HH:mm:ss" : Stamp, CultureInfo.InvariantCulture);
        return $"{session.Start.ToString(Stamp, CultureInfo.InvariantCulture)} – {end} UTC ({Formats.Duration((session.End - session.Start).TotalSeconds)})";
    }

    public static string Summary(IReadOnlyList<BehaviorSession> sessions) => sessions.Count switch
    {
        0 => "No sessions in this view",
        <= MaxSessions => $"{Formats.Count(sessions.Count)} session{(sessions.Count == 1 ? "" : "s")}, oldest first",
        _ => $"The latest {MaxSessions} of {Formats.Count(sessions.Count)} sessions, oldest first",
    };

    /// <summary>The sessions shown, each with its number among all of the user's sessions in the view (1 = the first).</summary>
    public static IEnumerable<(BehaviorSession Session, int Number)> Shown(IReadOnlyList<BehaviorSession> sessions) =>
        sessions.Select((s, i) => (s, i + 1)).Skip(Math.Max(0, sessions.Count - MaxSessions));

    /// <summary>Within a session the time of day is enough (its heading has the dates); the CSV also has the full time.</summary>
    static string TimeOfDay(DateTime time) => time.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    static string Iso(DateTime time) => time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static readonly IReadOnlyList<DataColumn<BehaviorVisit>> VisitColumns =
    [
        new("Page", v => v.Page),
        new("Time", v => Iso(v.Time), v => TimeOfDay(v.Time), RawTitle: "Time (UTC)"),
        new("Duration", v => v.DurationSeconds, v => Formats.Duration(v.DurationSeconds), Numeric: true, RawTitle: "Duration (s)"),
    ];

    public static readonly IReadOnlyList<DataColumn<BehaviorInteraction>> InteractionColumns =
    [
        new("Time", i => Iso(i.Time), i => TimeOfDay(i.Time), RawTitle: "Time (UTC)"),
        new("Page", i => i.Page),
        new("Interaction", i => i.Type),
        new("Position", i => (i.X, i.Y), i => FormattableString.Invariant($"{i.X}, {i.Y}")),
    ];
}
