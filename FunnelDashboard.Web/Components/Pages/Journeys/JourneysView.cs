using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Controls;

namespace FunnelDashboard.Web.Components.Pages.Journeys;

/// <summary>What the journeys page shows for one view: the paths and flows, and the flow diagram's links.</summary>
public sealed record JourneysView(UserJourneys Journeys, IReadOnlyList<FlowLink> Links);
