namespace FunnelDashboard.Core.Accounts;

/// <summary>A person who signs in. <see cref="PasswordHash"/> is the hasher's output, never the password.</summary>
public sealed record AccountUser(
    long Id, string Name, string PasswordHash, string Role, bool MustChangePassword, bool Disabled,
    int FailedAttempts, DateTimeOffset? LockedUntil, DateTimeOffset Created);

/// <summary>A machine key kept in the store: only the SHA-256 of the key and a short prefix to recognise it by.</summary>
public sealed record StoredApiKey(long Id, string Name, string Role, string Prefix, DateTimeOffset Created, string CreatedBy, DateTimeOffset? Revoked);

public enum AuditOutcome { Success, Failure }

/// <summary>One recorded admin action: who did what to what, and whether it worked.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string Target, AuditOutcome Outcome, string? Detail);
