namespace FunnelDashboard.Core.Domain;

public enum Device : byte { Desktop, Mobile }

public enum Sex : byte { Male, Female }

/// <summary>The pages of the shop, in funnel order.</summary>
public enum FunnelPage : byte { Home, Search, Payment, Confirmation }

public enum InteractionType : byte { Click, Scroll, Hover, FormFill, FormSubmit, Back }
