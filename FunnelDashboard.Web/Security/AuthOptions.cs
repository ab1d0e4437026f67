namespace FunnelDashboard.Web.Security;

/// <summary>The "Auth" settings: people's sign-in, lockout and whether the dashboards need a sign-in.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The first admin's password when the store has no users yet; unset: a random one, written once to the log.</summary>
    public string? InitialAdminPassword { get; set; }

    /// <summary>Closes the dashboards (Overview, Funnel, Forecast, the wall, their API) to anyone not signed in and without an API key.</summary>
    public bool RequireSignInForDashboards { get; set; }

    /// <summary>Wrong passwords in a row that lock an account for <see cref="LockoutDuration"/>.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a sign-in lasts without a visit (each visit extends it).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public int MinPasswordLength { get; set; } = 12;

    public IEnumerable<string> Problems()
    {
        if (MaxFailedAttempts < 1) yield return $"{Section}:MaxFailedAttempts must be at least 1.";
        if (LockoutDuration <= TimeSpan.Zero) yield return $"{Section}:LockoutDuration must be a positive time, e.g. 00:05:00.";
        if (SessionLifetime <= TimeSpan.Zero) yield return $"{Section}:SessionLifetime must be a positive time, e.g. 08:00:00.";
        if (MinPasswordLength is < 8 or > 128) yield return $"{Section}:MinPasswordLength must be from 8 to 128.";
        if (InitialAdminPassword is { Length: > 0 } initial && initial.Length < MinPasswordLength)
            yield return $"{Section}:InitialAdminPassword must have at least {MinPasswordLength} characters ({Section}:MinPasswordLength).";
    }
}
