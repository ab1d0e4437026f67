using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Storage;

/// <summary>
/// One batch of live events as a client sent it, already validated. <paramref name="BatchId"/> is the client's
/// idempotency key: a batch stored once is never stored again.
/// </summary>
public sealed record CaptureBatch(string BatchId, IReadOnlyList<CapturedEvent> Events);

/// <summary>
/// A live page visit (<see cref="Interaction"/> is null) or interaction. <see cref="SessionKey"/> is the client's own
/// session id; the store maps it, per user, to a session row of its own. <see cref="Device"/> and <see cref="Sex"/>
/// are given on any event that knows them.
/// </summary>
public sealed record CapturedEvent(
    long UserId,
    string SessionKey,
    FunnelPage Page,
    DateTime Timestamp,
    int DurationSeconds = 0,
    InteractionType? Interaction = null,
    string ElementId = "",
    int X = 0,
    int Y = 0,
    Device? Device = null,
    Sex? Sex = null)
{
    public bool IsPageVisit => Interaction is null;

    /// <summary>When the event's part of the session is over: the end of a visit, the moment of an interaction.</summary>
    public DateTime End => Timestamp.AddSeconds(DurationSeconds);
}
