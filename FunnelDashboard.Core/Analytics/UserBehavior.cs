using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Analytics;

public sealed record BehaviorUser(long Id, string Device, string Sex, DateTime? FirstVisit);
public sealed record BehaviorVisit(string Page, DateTime Time, int DurationSeconds);
public sealed record BehaviorInteraction(string Page, string Type, DateTime Time, int X, int Y);
public sealed record BehaviorSession(DateTime Start, DateTime End, IReadOnlyList<BehaviorVisit> Visits, IReadOnlyList<BehaviorInteraction> Interactions);

/// <summary>
/// One user's story from the snapshot: who they are, their sessions inside the filter's dates (sessions as in
/// <see cref="UserJourneys"/>; an interaction belongs to the latest session started at or before it, or to the first),
/// the deepest step of the default funnel they reached (in order, no window), and their sentiment
/// (<see cref="SentimentAnalysis.OfUser"/>). A user the filter's device or sex excludes has no sessions.
/// </summary>
public sealed record UserBehavior(BehaviorUser User, IReadOnlyList<BehaviorSession> Sessions, string? DeepestStep, SentimentSummary Sentiment)
{
    /// <summary>Null when the snapshot has no such user.</summary>
    public static UserBehavior? Of(EventSnapshot snapshot, long userId, FunnelFilter filter)
    {
        var u = snapshot.IndexOf(userId);
        if (u < 0) return null;
        var (start, end) = (snapshot.EventStart[u], snapshot.EventStart[u + 1]);
        var user = new BehaviorUser(userId, Names.Of((Device)snapshot.UserDevice[u]), Names.Of((Sex)snapshot.UserSex[u]),
            start == end ? null : EventSnapshot.ToDateTime(snapshot.EventTime[start]));
        if (!FunnelEngine.Matches(snapshot, u, filter)) return new UserBehavior(user, [], null, SentimentAnalysis.OfUser(snapshot, u, filter));

        var (from, to) = FunnelEngine.TimeBounds(filter);
        var starts = new List<int>();
        for (var e = start; e < end; e++)
            if (e == start || snapshot.StartsSession(e)) starts.Add(e);

        var sessions = new List<BehaviorSession>();
        var interaction = snapshot.InteractionStart[u];
        var interactionEnd = snapshot.InteractionStart[u + 1];
        var steps = FunnelQuery.Default.Steps;
        var depth = 0;
        for (var s = 0; s < starts.Count; s++)
        {
            var sessionEnd = s + 1 < starts.Count ? starts[s + 1] : end;
            var nextStart = s + 1 < starts.Count ? snapshot.EventTime[starts[s + 1]] : long.MaxValue;
            var visits = new List<BehaviorVisit>();
            var interactions = new List<BehaviorInteraction>();
            var last = snapshot.EventTime[starts[s]];
            for (var e = starts[s]; e < sessionEnd; e++)
            {
                visits.Add(new BehaviorVisit(Names.Of(snapshot.PageOf(e)), EventSnapshot.ToDateTime(snapshot.EventTime[e]), snapshot.EventDuration[e]));
                last = Math.Max(last, snapshot.EventTime[e] + snapshot.EventDuration[e]);
            }
            for (; interaction < interactionEnd && snapshot.InteractionTime[interaction] < nextStart; interaction++)
            {
                var kind = snapshot.InteractionKind[interaction];
                var time = snapshot.InteractionTime[interaction];
                interactions.Add(new BehaviorInteraction(Names.Of(EventSnapshot.InteractionPageOf(kind)), Names.Of(EventSnapshot.InteractionTypeOf(kind)),
                    EventSnapshot.ToDateTime(time), snapshot.InteractionX[interaction], snapshot.InteractionY[interaction]));
                last = Math.Max(last, time);
            }
            var sessionStart = snapshot.EventTime[starts[s]];
            if (sessionStart < from || sessionStart >= to) continue;
            for (var e = starts[s]; e < sessionEnd; e++)
                if (depth < steps.Count && snapshot.PageOf(e) == steps[depth]) depth++;
            sessions.Add(new BehaviorSession(EventSnapshot.ToDateTime(sessionStart), EventSnapshot.ToDateTime(last), visits, interactions));
        }
        return new UserBehavior(user, sessions, depth == 0 ? null : Names.Of(steps[depth - 1]), SentimentAnalysis.OfUser(snapshot, u, filter));
    }
}
