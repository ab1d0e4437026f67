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
        if (snapshot.Find(userId) is not { } found) return null;
        var (part, u) = found;
        var (start, end) = found.Visits;
        var user = new BehaviorUser(userId, Names.Of(found.Device), Names.Of(found.Sex),
            start == end ? null : EventSnapshot.ToDateTime(part.EventTime[start]));
        if (!FunnelEngine.Matches(part, u, filter)) return new UserBehavior(user, [], null, SentimentAnalysis.OfUser(found, filter));

        var (from, to) = FunnelEngine.TimeBounds(filter);
        var starts = new List<int>();
        for (var e = start; e < end; e++)
            if (e == start || part.StartsSession(e)) starts.Add(e);

        var sessions = new List<BehaviorSession>();
        var (interaction, interactionEnd) = found.Interactions;
        var steps = FunnelQuery.Default.Steps;
        var depth = 0;
        for (var s = 0; s < starts.Count; s++)
        {
            var sessionEnd = s + 1 < starts.Count ? starts[s + 1] : end;
            var nextStart = s + 1 < starts.Count ? part.EventTime[starts[s + 1]] : long.MaxValue;
            var visits = new List<BehaviorVisit>();
            var interactions = new List<BehaviorInteraction>();
            var last = part.EventTime[starts[s]];
            for (var e = starts[s]; e < sessionEnd; e++)
            {
                visits.Add(new BehaviorVisit(Names.Of(part.PageOf(e)), EventSnapshot.ToDateTime(part.EventTime[e]), part.EventDuration[e]));
                last = Math.Max(last, part.EventTime[e] + part.EventDuration[e]);
            }
            for (; interaction < interactionEnd && part.InteractionTime[interaction] < nextStart; interaction++)
            {
                var kind = part.InteractionKind[interaction];
                var time = part.InteractionTime[interaction];
                interactions.Add(new BehaviorInteraction(Names.Of(EventSnapshot.InteractionPageOf(kind)), Names.Of(EventSnapshot.InteractionTypeOf(kind)),
                    EventSnapshot.ToDateTime(time), part.InteractionX[interaction], part.InteractionY[interaction]));
                last = Math.Max(last, time);
            }
            var sessionStart = part.EventTime[starts[s]];
            if (sessionStart < from || sessionStart >= to) continue;
            for (var e = starts[s]; e < sessionEnd; e++)
                if (depth < steps.Count && part.PageOf(e) == steps[depth]) depth++;
            sessions.Add(new BehaviorSession(EventSnapshot.ToDateTime(sessionStart), EventSnapshot.ToDateTime(last), visits, interactions));
        }
        return new UserBehavior(user, sessions, depth == 0 ? null : Names.Of(steps[depth - 1]), SentimentAnalysis.OfUser(found, filter));
    }
}
