namespace FunnelDashboard.Core.Domain;

public sealed record User(long Id, DateOnly FirstVisit, Device Device, Sex Sex);

/// <summary>A visit of one page. Times are UTC. Id is assigned by the store, increasing with every append.</summary>
public sealed record PageVisit(long Id, long UserId, long SessionId, FunnelPage Page, DateTime Timestamp, int DurationSeconds);

public sealed record Interaction(long Id, long UserId, long SessionId, FunnelPage Page, InteractionType Type, string ElementId, int X, int Y, DateTime Timestamp);

public sealed record Session(long Id, long UserId, DateTime Start, DateTime End, bool Converted);
