using System.Net;
using System.Text;
using System.Text.Json;
using FunnelDashboard.Core.Analytics;

namespace FunnelDashboard.Tests.Api;

/// <summary>
/// Generated query strings and bodies against every endpoint: whatever a client sends, the answer is never a server
/// error, and a funnel answered 200 is a funnel (groups are the two devices or the two sexes, and add up to the total).
/// The generator is seeded, so a failure names a request that reproduces it. Forecast endpoints may answer 503 with
/// Retry-After: this app trains no model.
/// </summary>
public sealed class FuzzTests(SeededApp app) : IClassFixture<SeededApp>
{
    const int Seed = 20261201;
    static readonly string[] GetPaths = ["/dashboard/metrics", "/funnel/analysis", "/funnel/dropoff", "/predict/page-visits", "/model/info", "/health"];
    static readonly string[] PagePaths = ["/", "/funnel"];
    static readonly string[] PostPaths = ["/predict", "/predict/multiple"];
    static readonly string[] ParameterNames = [.. FunnelQuery.ParameterNames, "days_ahead", "metric", "page", "metrics", "x"];

    static readonly string[] Values =
    [
        "", " ", "2015-01-01", "2015-03-31", "9999-12-31", "0001-01-01", "2015-02-31", "2015-1-1", "20150101", "-2015-01-01",
        "2015-01-01T00:00:00", " 2015-01-01", "0", "1", "-1", "7", "8", "24", "8784", "8785", "2147483648", "99999999999999999999",
        "1e3", "0x10", "1.5", " 1", "+1", "NaN", "Infinity", "-0", "device", "sex", "none", "Mobile", "mobile", "Desktop", "Male",
        "Female", "Tablet", "device,sex", "Mobile,Desktop", "home", "search", "payment", "confirmation", "home_page", "home,search",
        "home,search,payment,confirmation", "home,home", "confirmation,home", ",,", ",home", "total", "page_visits", "\0", "é", "😀",
        new string('x', 5000), "' OR 1=1 --", "<script>alert(1)</script>", "%", "&", "=", "../..", "null", "[]", "{}",
    ];

    static readonly string[] JsonValues =
    [
        "7", "1", "0", "-1", "8", "1e400", "1.5", "\"7\"", "null", "true", "[]", "{}", "\"page_visits\"", "\"PAGE_VISITS\"", "\"\"",
        "[\"page_visits\"]", "[\"page_visits\",\"page_visits\"]", "[\"x\",1]", "[null]", "\"home\"", "\"total\"", "\"cart\"",
        "2147483648", "-2147483649", "\"\\u0000\"", new string('[', 200) + new string(']', 200),
    ];

    static readonly string[] RawBodies = ["", "{", "}", "null", "[]", "\"x\"", "{\"days_ahead\":}", "{'days_ahead':7}", "\u00ff\u00fe", new string(' ', 5000)];

    [Fact]
    public async Task No_generated_request_gets_a_server_error()
    {
        var random = new Random(Seed);
        using var client = app.CreateClient();
        var failures = new List<string>();

        // The extremes first: each value in each parameter, alone, on each parser's endpoint (the others: random only).
        foreach (var path in new[] { "/funnel/analysis", "/dashboard/metrics", "/predict/page-visits" })
            foreach (var name in path == "/predict/page-visits" ? ["days_ahead", "metric", "page"] : FunnelQuery.ParameterNames)
                foreach (var value in Values)
                {
                    var url = $"{path}?{name}={Uri.EscapeDataString(value)}";
                    await Check(await client.GetAsync(url), $"GET {url}");
                }
        for (var i = 0; i < 800; i++)
        {
            var path = i % 10 == 0 ? PagePaths[random.Next(PagePaths.Length)] : GetPaths[random.Next(GetPaths.Length)];
            var url = path + QueryString(random);
            await Check(await client.GetAsync(url), $"GET {url}");
        }
        for (var i = 0; i < 400; i++)
        {
            var path = PostPaths[random.Next(PostPaths.Length)];
            var body = Body(random);
            var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", random.Next(4) == 0 ? "text/plain" : "application/json");
            await Check(await client.PostAsync(path + QueryString(random), content), $"POST {path} {Shorten(Encoding.UTF8.GetString(body))}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} server errors, e.g.:\n{string.Join("\n", failures.Take(10))}");

        async Task Check(HttpResponseMessage response, string request)
        {
            var status = (int)response.StatusCode;
            var forecastWithoutModel = request.Contains("/predict") || request.Contains("/model/info");
            if (status < 500 || (forecastWithoutModel && response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null))
            {
                if (status == 200 && request.StartsWith("GET /funnel/analysis") && FunnelProblem(await response.Content.ReadAsStringAsync()) is { } problem)
                    failures.Add($"200 for {Shorten(request)}: {problem}");
                return;
            }
            var text = await response.Content.ReadAsStringAsync();
            failures.Add($"{status} for {Shorten(request)}: {Shorten(text)}");
        }
    }

    static readonly string[][] GroupNames = [["Desktop", "Mobile"], ["Male", "Female"]];

    /// <summary>What is wrong with a funnel answer, or null.</summary>
    static string? FunnelProblem(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        long[] Users(JsonElement steps) => steps.EnumerateArray().Select(s => s.GetProperty("users").GetInt64()).ToArray();
        var total = Users(root.GetProperty("steps"));
        if (total.Zip(total.Skip(1)).Any(pair => pair.Second > pair.First)) return $"users grow along the funnel: {string.Join(",", total)}";
        if (!root.TryGetProperty("groups", out var groups)) return null;
        var names = groups.EnumerateArray().Select(g => g.GetProperty("value").GetString()!).ToArray();
        if (!GroupNames.Any(known => known.SequenceEqual(names))) return $"made-up groups: {string.Join(",", names)}";
        var sums = groups.EnumerateArray().Select(g => Users(g.GetProperty("steps"))).Aggregate((a, b) => a.Zip(b, (x, y) => x + y).ToArray());
        return sums.SequenceEqual(total) ? null : $"groups add up to {string.Join(",", sums)}, not {string.Join(",", total)}";
    }

    static string QueryString(Random random)
    {
        var count = random.Next(0, 5);
        if (count == 0) return "";
        var parts = Enumerable.Range(0, count).Select(_ =>
        {
            var value = random.Next(5) == 0 ? $"{Pick(random, Values)},{Pick(random, Values)}" : Pick(random, Values);
            return $"{Pick(random, ParameterNames)}={Uri.EscapeDataString(value)}";
        });
        return "?" + string.Join('&', parts);
    }

    static byte[] Body(Random random)
    {
        switch (random.Next(10))
        {
            case 0:
                return Encoding.UTF8.GetBytes(Pick(random, RawBodies));
            case 1:
                var bytes = new byte[random.Next(1, 64)];
                random.NextBytes(bytes);
                return bytes;
            default:
                var fields = new[] { "days_ahead", "metric", "page", "metrics", "extra" }.Where(_ => random.Next(2) == 0)
                    .Select(name => $"\"{name}\": {Pick(random, JsonValues)}");
                return Encoding.UTF8.GetBytes("{" + string.Join(", ", fields) + "}");
        }
    }

    static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
