using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Tests.Core;

/// <summary>Hand-built snapshots: users 1..n with given device and sex, visits written as "page@yyyy-MM-dd HH:mm".</summary>
public sealed class SnapshotFactory
{
    readonly EventSnapshotBuilder builder = new();

    public SnapshotFactory User(long id, Device device, Sex sex, params string[] visits)
    {
        builder.AddUser(id, device, sex);
        foreach (var visit in visits)
        {
            var (pageText, timeText) = (visit.Split('@')[0], visit.Split('@')[1]);
            if (!Names.TryParsePage(pageText, out var page)) throw new ArgumentException(pageText);
            builder.AddVisit(id, page, At(timeText));
        }
        return this;
    }

    public SnapshotFactory Session(long user, string time)
    {
        builder.AddSession(user, At(time));
        return this;
    }

    public EventSnapshot Build() => builder.Build();

    public static DateTime At(string time) =>
        DateTime.SpecifyKind(DateTime.ParseExact(time, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), DateTimeKind.Utc);
}
