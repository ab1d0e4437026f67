using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Analytics;

/// <summary>
/// An immutable, column-oriented copy of the page visits for fast analytics. Users are numbered densely (by id) and
/// their events are stored contiguously, sorted by time: user u's events are [EventStart[u], EventStart[u + 1]).
/// An event costs 5 bytes (a 32-bit time in seconds since <see cref="Epoch"/> and a page code); a user 12.
/// </summary>
public sealed class EventSnapshot
{
    public static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public long[] UserIds { get; }
    public byte[] UserDevice { get; }
    public byte[] UserSex { get; }
    public int[] EventStart { get; }
    public int[] EventTime { get; }
    public byte[] EventPage { get; }
    /// <summary>Session start times, per user like the events: user u's sessions are [SessionStart[u], SessionStart[u + 1]).</summary>
    public int[] SessionStart { get; }
    public int[] SessionTime { get; }
    /// <summary>The first and last day with a visit, in days since <see cref="Epoch"/> (0 and -1 when there are none).</summary>
    public int FirstDay { get; }
    public int LastDay { get; }
    public int DayCount => LastDay - FirstDay + 1;
    /// <summary>The highest page-visit id included, so a refresh can read only what is newer.</summary>
    public long LastEventId { get; }

    public int UserCount => UserIds.Length;
    public int EventCount => EventTime.Length;
    public int SessionCount => SessionTime.Length;
    public static EventSnapshot Empty { get; } = new EventSnapshotBuilder().Build();

    internal EventSnapshot(long[] userIds, byte[] device, byte[] sex, int[] eventStart, int[] eventTime, byte[] eventPage,
        int[] sessionStart, int[] sessionTime, long lastEventId)
    {
        UserIds = userIds; UserDevice = device; UserSex = sex;
        EventStart = eventStart; EventTime = eventTime; EventPage = eventPage;
        SessionStart = sessionStart; SessionTime = sessionTime; LastEventId = lastEventId;
        (FirstDay, LastDay) = (0, -1);
        if (eventTime.Length > 0)
        {
            int min = int.MaxValue, max = int.MinValue;
            foreach (var t in eventTime) { if (t < min) min = t; if (t > max) max = t; }
            (FirstDay, LastDay) = (min / 86400, max / 86400);
        }
    }

    public static int ToTime(DateTime time) => checked((int)(UtcTime.Normalize(time) - Epoch).TotalSeconds);
    /// <summary>The start of a day as a snapshot time; long, because filters may name days far outside the data.</summary>
    public static long ToTime(DateOnly date) => (long)(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - Epoch).TotalSeconds;
    public static DateOnly ToDate(int time) => DateOnly.FromDateTime(Epoch.AddSeconds(time));

    /// <summary>Bytes held by the columns, for the benchmark's bytes-per-event figure.</summary>
    public long ColumnBytes =>
        UserIds.Length * 8L + UserDevice.Length + UserSex.Length + EventStart.Length * 4L + EventTime.Length * 4L + EventPage.Length
        + SessionStart.Length * 4L + SessionTime.Length * 4L;

    /// <summary>First and last day with a page visit, or null when there are none.</summary>
    public DateRange? DataRange => EventCount == 0 ? null : new DateRange(ToDate(FirstDay * 86400), ToDate(LastDay * 86400));
}
