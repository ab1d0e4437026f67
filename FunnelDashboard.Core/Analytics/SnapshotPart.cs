namespace FunnelDashboard.Core.Analytics;

/// <summary>
/// Column-oriented rows of a set of users, numbered densely by id: user u's visits are [EventStart[u], EventStart[u + 1]),
/// sorted by time (ties in store order), its interactions [InteractionStart[u], InteractionStart[u + 1]) likewise. A visit
/// costs 7 bytes: a 32-bit time in seconds since <see cref="EventSnapshot.Epoch"/>, a page byte (the page code, plus
/// <see cref="EventSnapshot.SessionStartFlag"/> on the first stored visit of a session) and a 16-bit duration in seconds;
/// a user costs 18 (with its interaction offset); an interaction 9: a 32-bit time, a byte for page and type
/// (<see cref="EventSnapshot.InteractionPageOf"/>, <see cref="EventSnapshot.InteractionTypeOf"/>) and 16-bit x and y.
/// Immutable: a snapshot is made of parts that later snapshots share.
/// </summary>
public sealed class SnapshotPart
{
    public long[] UserIds { get; }
    public byte[] UserDevice { get; }
    public byte[] UserSex { get; }
    public int[] EventStart { get; }
    public int[] EventTime { get; }
    /// <summary>Page code and flags; read the page with <see cref="PageOf(int)"/>.</summary>
    public byte[] EventPage { get; }
    /// <summary>Seconds spent on the page, capped at <see cref="ushort.MaxValue"/>.</summary>
    public ushort[] EventDuration { get; }
    public int[] InteractionStart { get; }
    public int[] InteractionTime { get; }
    /// <summary>Page in the low four bits, interaction type in the high four.</summary>
    public byte[] InteractionKind { get; }
    /// <summary>Coordinates in pixels, clamped to the 16-bit range.</summary>
    public short[] InteractionX { get; }
    public short[] InteractionY { get; }

    public int UserCount => UserIds.Length;
    public int EventCount => EventTime.Length;
    public int InteractionCount => InteractionTime.Length;
    /// <summary>Visits and interactions: what merging this part copies.</summary>
    public long RowCount => (long)EventCount + InteractionCount;

    public static SnapshotPart Empty { get; } = new([], [], [], [0], [], [], [], [0], [], [], [], []);

    internal SnapshotPart(long[] userIds, byte[] device, byte[] sex, int[] eventStart, int[] eventTime, byte[] eventPage, ushort[] eventDuration,
        int[] interactionStart, int[] interactionTime, byte[] interactionKind, short[] interactionX, short[] interactionY)
    {
        (UserIds, UserDevice, UserSex) = (userIds, device, sex);
        (EventStart, EventTime, EventPage, EventDuration) = (eventStart, eventTime, eventPage, eventDuration);
        (InteractionStart, InteractionTime, InteractionKind, InteractionX, InteractionY) = (interactionStart, interactionTime, interactionKind, interactionX, interactionY);
    }

    public Domain.FunnelPage PageOf(int e) => EventSnapshot.PageOf(EventPage[e]);
    public bool StartsSession(int e) => (EventPage[e] & EventSnapshot.SessionStartFlag) != 0;

    /// <summary>The user's index in this part, or -1.</summary>
    public int IndexOf(long userId) => Math.Max(-1, Array.BinarySearch(UserIds, userId));

    /// <summary>Bytes held by the columns.</summary>
    public long ColumnBytes =>
        UserIds.Length * 8L + UserDevice.Length + UserSex.Length + EventStart.Length * 4L
        + EventTime.Length * 4L + EventPage.Length + EventDuration.Length * 2L
        + InteractionStart.Length * 4L + InteractionTime.Length * 4L + InteractionKind.Length + InteractionX.Length * 2L + InteractionY.Length * 2L;
}

/// <summary>Users [First, Last) of a part, the <see cref="Position"/>-th user of the snapshot (in id order) first.</summary>
public readonly record struct UserRange(SnapshotPart Part, int First, int Last, int Position)
{
    public int Count => Last - First;
}

/// <summary>One user of a snapshot: its index in the part that holds its rows.</summary>
public readonly record struct SnapshotUser(SnapshotPart Part, int Index)
{
    public long Id => Part.UserIds[Index];
    public Domain.Device Device => (Domain.Device)Part.UserDevice[Index];
    public Domain.Sex Sex => (Domain.Sex)Part.UserSex[Index];
    public (int Start, int End) Visits => (Part.EventStart[Index], Part.EventStart[Index + 1]);
    public (int Start, int End) Interactions => (Part.InteractionStart[Index], Part.InteractionStart[Index + 1]);
}
