using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Analytics;

/// <summary>
/// An immutable, column-oriented copy of the page visits for fast analytics. Users are numbered densely (by id) and
/// their visits are stored contiguously, sorted by time (ties in store order): user u's visits are
/// [EventStart[u], EventStart[u + 1]). A visit costs 7 bytes: a 32-bit time in seconds since <see cref="Epoch"/>, a
/// page byte (the page code, plus <see cref="SessionStartFlag"/> on the first stored visit of a session) and a
/// 16-bit duration in seconds; a user costs 18 (with its interaction offset). Interactions are stored the same way,
/// in their own per-user runs [InteractionStart[u], InteractionStart[u + 1]) sorted by time: 9 bytes each, a 32-bit time,
/// a byte for page and type (<see cref="InteractionPageOf"/>, <see cref="InteractionTypeOf"/>) and 16-bit x and y.
/// A newer snapshot is made by merging new visits into this one
/// (<see cref="EventSnapshotBuilder.MergeInto"/>), never by changing it, so readers always see one consistent version.
/// </summary>
public sealed class EventSnapshot
{
    public static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Set in <see cref="EventPage"/> on the visit that opened its session (so sessions cost no column).</summary>
    public const byte SessionStartFlag = 0x80;
    const byte PageBits = 0x7F;

    public long[] UserIds { get; }
    public byte[] UserDevice { get; }
    public byte[] UserSex { get; }
    public int[] EventStart { get; }
    public int[] EventTime { get; }
    /// <summary>Page code and flags; read the page with <see cref="PageOf"/>.</summary>
    public byte[] EventPage { get; }
    /// <summary>Seconds spent on the page, capped at <see cref="ushort.MaxValue"/>.</summary>
    public ushort[] EventDuration { get; }
    /// <summary>The first and last day with a visit, in days since <see cref="Epoch"/> (0 and -1 when there are none).</summary>
    public int FirstDay { get; }
    public int LastDay { get; }
    public int DayCount => LastDay - FirstDay + 1;
    /// <summary>The newest visit's time (0 when there are none).</summary>
    public int LastEventTime { get; }
    /// <summary>The highest page-visit id included, so a refresh reads only what is newer.</summary>
    public long LastEventId { get; }
    public int SessionCount { get; }

    public int[] InteractionStart { get; }
    public int[] InteractionTime { get; }
    /// <summary>Page in the low four bits, interaction type in the high four; read them with <see cref="InteractionPageOf"/> and <see cref="InteractionTypeOf"/>.</summary>
    public byte[] InteractionKind { get; }
    /// <summary>Coordinates in pixels, clamped to the 16-bit range.</summary>
    public short[] InteractionX { get; }
    public short[] InteractionY { get; }
    /// <summary>The highest interaction id included, so a refresh reads only what is newer.</summary>
    public long LastInteractionId { get; }
    public int InteractionCount => InteractionTime.Length;

    public int UserCount => UserIds.Length;
    public int EventCount => EventTime.Length;
    public static EventSnapshot Empty { get; } = new([], [], [], [0], [], [], [], 0, 0, 0, 0, InteractionColumns.Empty);

    internal EventSnapshot(long[] userIds, byte[] device, byte[] sex, int[] eventStart, int[] eventTime, byte[] eventPage,
        ushort[] eventDuration, long lastEventId, int sessionCount, int firstTime, int lastTime, InteractionColumns interactions)
    {
        UserIds = userIds; UserDevice = device; UserSex = sex;
        EventStart = eventStart; EventTime = eventTime; EventPage = eventPage; EventDuration = eventDuration;
        LastEventId = lastEventId; SessionCount = sessionCount;
        (InteractionStart, InteractionTime, InteractionKind, InteractionX, InteractionY, LastInteractionId) =
            (interactions.Start, interactions.Time, interactions.Kind, interactions.X, interactions.Y, interactions.LastId);
        (FirstDay, LastDay, LastEventTime) = eventTime.Length == 0 ? (0, -1, 0) : (firstTime / 86400, lastTime / 86400, lastTime);
    }

    public static FunnelPage PageOf(byte pageByte) => (FunnelPage)(pageByte & PageBits);
    public FunnelPage PageOf(int e) => PageOf(EventPage[e]);
    public bool StartsSession(int e) => (EventPage[e] & SessionStartFlag) != 0;

    public static byte InteractionKindOf(FunnelPage page, InteractionType type) => (byte)((byte)page | ((byte)type << 4));
    public static FunnelPage InteractionPageOf(byte kind) => (FunnelPage)(kind & 0x0F);
    public static InteractionType InteractionTypeOf(byte kind) => (InteractionType)(kind >> 4);

    /// <summary>The user's index, or -1 when the snapshot does not have the user.</summary>
    public int IndexOf(long userId) => Math.Max(-1, Array.BinarySearch(UserIds, userId));

    public static int ToTime(DateTime time) => checked((int)(UtcTime.Normalize(time) - Epoch).TotalSeconds);
    /// <summary>The start of a day as a snapshot time; long, because filters may name days far outside the data.</summary>
    public static long ToTime(DateOnly date) => ((long)date.DayNumber - DateOnly.FromDateTime(Epoch).DayNumber) * 86400;
    public static DateOnly ToDate(int time) => DateOnly.FromDateTime(Epoch.AddSeconds(time));
    public static DateTime ToDateTime(int time) => Epoch.AddSeconds(time);

    /// <summary>Bytes held by the columns, for the benchmark's bytes-per-event figure.</summary>
    public long ColumnBytes =>
        UserIds.Length * 8L + UserDevice.Length + UserSex.Length + EventStart.Length * 4L
        + EventTime.Length * 4L + EventPage.Length + EventDuration.Length * 2L
        + InteractionStart.Length * 4L + InteractionTime.Length * 4L + InteractionKind.Length + InteractionX.Length * 2L + InteractionY.Length * 2L;

    /// <summary>First and last day with a page visit, or null when there are none.</summary>
    public DateRange? DataRange => EventCount == 0 ? null : new DateRange(ToDate(FirstDay * 86400), ToDate(LastDay * 86400));
}

/// <summary>The interaction columns of a snapshot, as the builder hands them over.</summary>
internal sealed record InteractionColumns(int[] Start, int[] Time, byte[] Kind, short[] X, short[] Y, long LastId)
{
    public static InteractionColumns Empty { get; } = new([0], [], [], [], [], 0);
}
