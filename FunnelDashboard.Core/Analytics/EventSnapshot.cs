using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Analytics;

/// <summary>
/// An immutable, column-oriented copy of the users, page visits and interactions for fast analytics, made of two
/// <see cref="SnapshotPart"/>s: a large <see cref="Base"/> and a small <see cref="Recent"/> that holds every user with rows
/// since the base was last rewritten (all of that user's rows: the base's copy is <i>superseded</i> and skipped). A refresh
/// rewrites only the recent part and shares the base, so growing a large snapshot by a small tail copies little; once the
/// recent part is a sizeable share of the base, the two are folded into a new base (<see cref="EventSnapshotBuilder.MergeInto(EventSnapshot)"/>).
/// Analyses walk the users in id order through <see cref="Ranges"/>, so how the rows are split never changes an answer.
/// A newer snapshot is made by merging, never by changing this one, so readers always see one consistent version.
/// </summary>
public sealed class EventSnapshot
{
    public static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Set on a visit's page byte when it opened its session (so sessions cost no column).</summary>
    public const byte SessionStartFlag = 0x80;
    const byte PageBits = 0x7F;

    readonly ArraySegment<UserRange> ranges;

    public SnapshotPart Base { get; }
    public SnapshotPart Recent { get; }
    /// <summary>The users in id order, as runs of one part: the unit analyses work on.</summary>
    public IReadOnlyList<UserRange> Ranges => ranges;

    public int UserCount { get; }
    public int EventCount { get; }
    public int InteractionCount { get; }
    public int SessionCount { get; }
    /// <summary>The first and last day with a visit, in days since <see cref="Epoch"/> (0 and -1 when there are none).</summary>
    public int FirstDay { get; }
    public int LastDay { get; }
    public int DayCount => LastDay - FirstDay + 1;
    /// <summary>The newest visit's time (0 when there are none).</summary>
    public int LastEventTime { get; }
    /// <summary>The highest page-visit id included, so a refresh reads only what is newer.</summary>
    public long LastEventId { get; }
    /// <summary>The highest interaction id included, so a refresh reads only what is newer.</summary>
    public long LastInteractionId { get; }

    public static EventSnapshot Empty { get; } = new(SnapshotPart.Empty, SnapshotPart.Empty, [], 0, 0, 0, 0, 0);

    /// <param name="superseded">Sorted indexes of the base users whose rows are in <paramref name="recent"/>.</param>
    internal EventSnapshot(SnapshotPart @base, SnapshotPart recent, int[] superseded, long lastEventId, long lastInteractionId,
        int sessionCount, int firstTime, int lastTime)
    {
        (Base, Recent, Superseded) = (@base, recent, superseded);
        (LastEventId, LastInteractionId, SessionCount) = (lastEventId, lastInteractionId, sessionCount);
        ranges = InIdOrder(@base, recent, superseded);
        foreach (var range in ranges)
        {
            UserCount += range.Count;
            EventCount += range.Part.EventStart[range.Last] - range.Part.EventStart[range.First];
            InteractionCount += range.Part.InteractionStart[range.Last] - range.Part.InteractionStart[range.First];
        }
        (FirstDay, LastDay, LastEventTime) = EventCount == 0 ? (0, -1, 0) : (firstTime / 86400, lastTime / 86400, lastTime);
    }

    /// <summary>Sorted indexes of the base users whose rows are in <see cref="Recent"/>.</summary>
    internal int[] Superseded { get; }

    public static FunnelPage PageOf(byte pageByte) => (FunnelPage)(pageByte & PageBits);
    public static byte InteractionKindOf(FunnelPage page, InteractionType type) => (byte)((byte)page | ((byte)type << 4));
    public static FunnelPage InteractionPageOf(byte kind) => (FunnelPage)(kind & 0x0F);
    public static InteractionType InteractionTypeOf(byte kind) => (InteractionType)(kind >> 4);

    /// <summary>Where the user's rows are, or null when the snapshot does not have the user.</summary>
    public SnapshotUser? Find(long userId)
    {
        if (Recent.IndexOf(userId) is var r and >= 0) return new SnapshotUser(Recent, r);
        // A superseded base user is in the recent part, so a base user found here is current.
        return Base.IndexOf(userId) is var b and >= 0 ? new SnapshotUser(Base, b) : null;
    }

    /// <summary>Every user, in id order.</summary>
    public IEnumerable<SnapshotUser> Users => ranges.SelectMany(r => Enumerable.Range(r.First, r.Count).Select(u => new SnapshotUser(r.Part, u)));

    public IEnumerable<long> UserIds => Users.Select(u => u.Id);

    /// <summary>The runs holding the users at positions [from, to) in id order.</summary>
    internal IEnumerable<UserRange> RangesAt(int from, int to)
    {
        var i = Array.BinarySearch(ranges.Array!, 0, ranges.Count, new UserRange(SnapshotPart.Empty, 0, 0, from), ByPosition);
        for (i = i >= 0 ? i : ~i - 1; i >= 0 && i < ranges.Count && ranges[i].Position < to; i++)
        {
            var r = ranges[i];
            var (skip, end) = (Math.Max(0, from - r.Position), Math.Min(r.Count, to - r.Position));
            if (end > skip) yield return new UserRange(r.Part, r.First + skip, r.First + end, r.Position + skip);
        }
    }

    static readonly Comparer<UserRange> ByPosition = Comparer<UserRange>.Create((a, b) => a.Position.CompareTo(b.Position));

    /// <summary>
    /// The base's current users and the recent ones, merged by id into runs: in one array sized for the most runs there
    /// can be (each recent user is a run and splits at most one run of the base), as this is made on every refresh.
    /// </summary>
    static ArraySegment<UserRange> InIdOrder(SnapshotPart @base, SnapshotPart recent, int[] superseded)
    {
        var result = new UserRange[2 * recent.UserCount + 1];
        int count = 0, position = 0;
        void Add(SnapshotPart part, int first, int last)
        {
            if (count > 0 && result[count - 1] is var previous && previous.Part == part && previous.Last == first)
                result[count - 1] = previous with { Last = last };
            else
                result[count++] = new UserRange(part, first, last, position);
            position += last - first;
        }

        int b = 0, s = 0;
        for (var r = 0; r <= recent.UserCount; r++)
        {
            var end = r < recent.UserCount ? LowerBound(@base.UserIds, b, recent.UserIds[r]) : @base.UserCount;
            while (b < end)
            {
                if (s < superseded.Length && superseded[s] == b) { b++; s++; continue; }
                var stop = s < superseded.Length ? Math.Min(end, superseded[s]) : end;
                Add(@base, b, stop);
                b = stop;
            }
            if (r < recent.UserCount) Add(recent, r, r + 1);
        }
        return new ArraySegment<UserRange>(result, 0, count);
    }

    static int LowerBound(long[] ids, int from, long id)
    {
        var i = Array.BinarySearch(ids, from, ids.Length - from, id);
        return i >= 0 ? i : ~i;
    }

    public static int ToTime(DateTime time) => checked((int)(UtcTime.Normalize(time) - Epoch).TotalSeconds);
    /// <summary>The start of a day as a snapshot time; long, because filters may name days far outside the data.</summary>
    public static long ToTime(DateOnly date) => ((long)date.DayNumber - DateOnly.FromDateTime(Epoch).DayNumber) * 86400;
    public static DateOnly ToDate(int time) => DateOnly.FromDateTime(Epoch.AddSeconds(time));
    public static DateTime ToDateTime(int time) => Epoch.AddSeconds(time);

    /// <summary>Bytes held by the columns (the superseded rows of the base included), for the benchmarks' bytes-per-event figure.</summary>
    public long ColumnBytes => Base.ColumnBytes + Recent.ColumnBytes + Superseded.Length * 4L;

    /// <summary>First and last day with a page visit, or null when there are none.</summary>
    public DateRange? DataRange => EventCount == 0 ? null : new DateRange(ToDate(FirstDay * 86400), ToDate(LastDay * 86400));
}
