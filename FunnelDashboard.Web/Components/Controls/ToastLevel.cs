namespace FunnelDashboard.Web.Components.Controls;

public enum ToastLevel { Info, Success, Error }
