using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Ingestion;

/// <summary>What journeys generate: sessions, page visits and interactions (their ids as the import numbers them).</summary>
public sealed class JourneyEvents(int expectedUsers = 0)
{
    public List<Session> Sessions { get; } = new(expectedUsers * 5 / 4);
    public List<PageVisit> Visits { get; } = new(expectedUsers * 2);
    public List<Interaction> Interactions { get; } = new(expectedUsers * 10);

    public void Clear()
    {
        Sessions.Clear();
        Visits.Clear();
        Interactions.Clear();
    }
}
