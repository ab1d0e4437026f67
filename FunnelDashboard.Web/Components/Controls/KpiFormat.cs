namespace FunnelDashboard.Web.Components.Controls;

/// <summary>How a KPI's value reads: a count changes relatively (%), a ratio changes in percentage points.</summary>
public enum KpiFormat { Count, Percent }
