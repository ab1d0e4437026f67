using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Tests.Core;

/// <summary>
/// Hand-built snapshots: users with given device and sex, visits written as "page@yyyy-MM-dd HH:mm"; a leading "+"
/// marks a visit that opens a session ("+home@2015-01-05 10:00").
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
            var (pageText, timeText) = (visit.TrimStart('+').Split('@')[0], visit.Split('@')[1]);
            if (!Names.TryParsePage(pageText, out var page)) throw new ArgumentException(pageText);
            builder.AddVisit(id, page, At(timeText), startsSession: startsSession);
        }
        return this;
    }

    public EventSnapshot Build() => builder.Build();

    public static DateTime At(string time) =>
        DateTime.SpecifyKind(DateTime.ParseExact(time, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), DateTimeKind.Utc);
}
