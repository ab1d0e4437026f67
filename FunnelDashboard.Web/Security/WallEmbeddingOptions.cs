namespace FunnelDashboard.Web.Security;

/// <summary>Wall:AllowEmbeddingFrom: the origins (e.g. https://intranet.example.com) whose pages may show the wall in a frame; no other page may be framed.</summary>
public sealed class WallEmbeddingOptions
{
    public const string Section = "Wall";

    public List<string> AllowEmbeddingFrom { get; set; } = [];

    /// <summary>Each entry must be a bare http(s) origin: it goes into a header as it is.</summary>
    public IEnumerable<string> Problems() =>
        AllowEmbeddingFrom.Select((origin, i) => (origin, i))
            .Where(entry => !Uri.TryCreate(entry.origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.GetLeftPart(UriPartial.Authority) != entry.origin.TrimEnd('/'))
            .Select(entry => $"{Section}:AllowEmbeddingFrom:{entry.i} must be an origin such as https://intranet.example.com (scheme and host, no path), not '{entry.origin}'.");
}
