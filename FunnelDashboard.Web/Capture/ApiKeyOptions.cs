namespace FunnelDashboard.Web.Capture;

/// <summary>One configured API key (ApiKeys:N:Key, ApiKeys:N:Role).</summary>
public sealed class ApiKey
{
    public string Key { get; set; } = "";
    public string Role { get; set; } = "";
}

/// <summary>The "ApiKeys" configuration list; each key has the role capture (may send events) or admin (may also administer).</summary>
public sealed class ApiKeyOptions
{
    public const string Section = "ApiKeys";
    public const string CaptureRole = "capture", AdminRole = "admin";
    const int MinKeyLength = 16;

    public List<ApiKey> Keys { get; set; } = [];

    /// <summary>The keys in use, with their position in the list: an entry with a blank key is switched off (e.g. ApiKeys__0__Key=).</summary>
    public IEnumerable<(ApiKey Key, int Index)> Active =>
        Keys.Select((key, index) => (key, index)).Where(entry => !string.IsNullOrWhiteSpace(entry.key.Key));

    /// <summary>What is wrong with the configured keys, so the app refuses to start with a key nobody meant.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (key, i) in Active)
        {
            if (key.Role is not (CaptureRole or AdminRole))
                yield return $"{Section}:{i}:Role must be '{CaptureRole}' or '{AdminRole}', not '{key.Role}'.";
            if (key.Key.Trim().Length < MinKeyLength)
                yield return $"{Section}:{i}:Key must have at least {MinKeyLength} characters.";
        }
    }
}
