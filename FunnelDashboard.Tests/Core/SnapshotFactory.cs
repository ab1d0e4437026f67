using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Tests.Core;

/// <summary>
/// Hand-built snapshots: users with given device and sex, visits written as "page@yyyy-MM-dd HH:mm"; a leading "+"
/// marks a visit that opens a session ("+home@2015-01-05 10:00"), a trailing "/seconds" gives its duration
/// ("home@2015-01-05 10:00/400"). Interactions are written as "page:type@yyyy-MM-dd HH:mm:ss#x,y"
/// ("home:click@2015-01-05 10:00:01#100,120").
/// </summary>
public sealed class SnapshotFactory
{
    readonly EventSnapshotBuilder builder = new();

    public SnapshotFactory User(long id, Device device, Sex sex, params string[] visits)
    {
        builder.AddUser(id, device, sex);
        foreach (var visit in visits)
        {
            var startsSession = visit.StartsWith('+');
            var (pageText, timeText) = (visit.TrimStart('+').Split('@')[0], visit.Split('@')[1].Split('/'));
            if (!Names.TryParsePage(pageText, out var page)) throw new ArgumentException(pageText);
            builder.AddVisit(id, page, At(timeText[0]), durationSeconds: timeText.Length > 1 ? int.Parse(timeText[1], CultureInfo.InvariantCulture) : 0,
                startsSession: startsSession);
        }
        return this;
    }

    public SnapshotFactory Interactions(long userId, params string[] interactions)
    {
        foreach (var interaction in interactions)
        {
            var (what, rest) = (interaction.Split('@')[0].Split(':'), interaction.Split('@')[1].Split('#'));
            if (!Names.TryParsePage(what[0], out var page) || !Names.TryParseInteraction(what[1], out var type)) throw new ArgumentException(interaction);
            var time = DateTime.SpecifyKind(DateTime.ParseExact(rest[0], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), DateTimeKind.Utc);
            var xy = rest.Length > 1 ? rest[1].Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray() : [0, 0];
            builder.AddInteraction(userId, page, type, time, xy[0], xy[1]);
        }
        return this;
    }

    public EventSnapshot Build() => builder.Build();

    public static DateTime At(string time) =>
        DateTime.SpecifyKind(DateTime.ParseExact(time, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), DateTimeKind.Utc);
}
