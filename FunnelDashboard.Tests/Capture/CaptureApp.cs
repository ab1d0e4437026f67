using System.Net.Http.Json;
using System.Text;
using FunnelDashboard.Core;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Tests.Capture;

/// <summary>The real app with a capture key and an admin key, its store wrapped in <see cref="FaultyStore"/>.</summary>
public sealed class CaptureApp : FunnelAppFactory
{
    /// <summary>The xunit collection of the capture tests that host the app.</summary>
    public const string Collection = "capture app";

    public const string CaptureKey = "test-capture-key-0123456789", AdminKey = "test-admin-key-0123456789";

    public CaptureApp(IDictionary<string, string?>? overrides = null) : base(WithKeys(overrides), services =>
        services.AddSingleton(sp => FaultyStore.Wrap(CoreServiceCollectionExtensions.CreateStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value)).Store))
    {
    }

    public FaultyStore Faults => (FaultyStore)(object)Services.GetRequiredService<IEventStore>();

    static Dictionary<string, string?> WithKeys(IDictionary<string, string?>? overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ApiKeys:0:Key"] = CaptureKey, ["ApiKeys:0:Role"] = "capture",
            ["ApiKeys:1:Key"] = AdminKey, ["ApiKeys:1:Role"] = "admin",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    /// <summary>A client with the capture key, once the seed data is in (the schema exists).</summary>
    public async Task<HttpClient> ReadyClientAsync(string? key = CaptureKey)
    {
        var client = CreateClient();
        await WaitForStateAsync(AnalyticsState.Ready);
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public Task<StoreCounts> CountsAsync() => Services.GetRequiredService<IEventStore>().CountAsync();

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>The body with no Content-Length, written in 8 KB pieces, as a client that streams its JSON sends it.</summary>
    public static HttpContent Streamed(string body) => new StreamedContent(Encoding.UTF8.GetBytes(body));

    sealed class StreamedContent : HttpContent
    {
        readonly byte[] body;

        public StreamedContent(byte[] body)
        {
            this.body = body;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            foreach (var piece in body.Chunk(8 * 1024)) await stream.WriteAsync(piece);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>A body of page visits and interactions of <paramref name="users"/> new users, two visits and one click each.</summary>
    public static string Body(string batchId, int users = 1, long firstUser = 900_000_001)
    {
        var events = new List<string>();
        for (var u = firstUser; u < firstUser + users; u++)
        {
            events.Add($$"""{"type":"page_visit","user_id":{{u}},"session_id":"s-{{u}}","page":"home","timestamp":"2026-11-22T10:00:00Z","duration":12.5,"device":"Mobile"}""");
            events.Add($$"""{"type":"page_visit","user_id":{{u}},"session_id":"s-{{u}}","page":"search","timestamp":"2026-11-22T10:00:20Z","duration":30}""");
            events.Add($$"""{"type":"interaction","user_id":{{u}},"session_id":"s-{{u}}","page":"search","interaction_type":"click","element_id":"filter_panel","x":10,"y":20,"timestamp":"2026-11-22T10:00:25Z"}""");
        }
        return $$"""{"batch_id":"{{batchId}}","events":[{{string.Join(",", events)}}]}""";
    }
}
