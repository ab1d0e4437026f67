using System.Net;
using FunnelDashboard.Core.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace FunnelDashboard.Tests.Accounts;

/// <summary>The headers every answer carries, the wall's embedding setting, and error bodies that tell an attacker nothing.</summary>
public sealed class SecurityHeadersTests
{
    static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    [Fact]
    public async Task Pages_api_answers_and_errors_carry_the_policy_no_sniffing_no_framing_and_a_same_origin_referrer()
    {
        using var app = new AccountsApp();
        var client = app.Browser();
        foreach (var path in new[] { "/", "/login", "/wall", "/health", "/funnel/analysis?device=Tablet", "/no-such-thing" })
        {
            var response = await client.GetAsync(path);
            var policy = Header(response, "Content-Security-Policy");
            Assert.Matches(@"script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}';", policy);
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.Contains("connect-src 'self'", policy);
            Assert.DoesNotContain("'unsafe-eval'", policy);
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        }
        var first = Header(await client.GetAsync("/login"), "Content-Security-Policy");
        Assert.NotEqual(first, Header(await client.GetAsync("/login"), "Content-Security-Policy")); // a new nonce each time
        Assert.Contains("script-src 'self' 'unsafe-inline'", Header(await client.GetAsync("/docs/index.html"), "Content-Security-Policy"));
    }

    [Fact]
    public async Task Only_the_wall_may_be_framed_and_only_by_the_configured_origins()
    {
        using var app = new AccountsApp(new Dictionary<string, string?>
        {
            ["Wall:AllowEmbeddingFrom:0"] = "https://intranet.example.com", ["Wall:AllowEmbeddingFrom:1"] = "http://tv.local:8080/",
        });
        var client = app.Browser();

        var wall = await client.GetAsync("/wall?panels=kpis");
        var overview = await client.GetAsync("/");

        Assert.EndsWith("frame-ancestors https://intranet.example.com http://tv.local:8080", Header(wall, "Content-Security-Policy"));
        Assert.Equal("", Header(wall, "X-Frame-Options"));
        Assert.Contains("frame-ancestors 'none'", Header(overview, "Content-Security-Policy"));
        Assert.Equal("DENY", Header(overview, "X-Frame-Options"));
    }

    [Fact]
    public void An_embedding_origin_with_a_path_or_anything_else_stops_the_start_naming_the_setting()
    {
        using var app = new AccountsApp(new Dictionary<string, string?> { ["Wall:AllowEmbeddingFrom:0"] = "https://ok.example; script-src *" });
        var error = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains("Wall:AllowEmbeddingFrom:0 must be an origin", error.ToString());
    }

    [Fact]
    public async Task In_production_a_failure_answers_500_without_a_stack_trace_exception_or_file_path()
    {
        using var app = new ProductionApp();
        await app.ReadyAsync();
        var client = app.Browser();
        var token = await AccountsApp.FormTokenAsync(client);
        await app.Services.GetRequiredService<SqlDatabase>().ExecuteAsync("DROP TABLE account_users"); // sign-in now fails inside

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["__RequestVerificationToken"] = token, ["name"] = "admin", ["password"] = "whatever" }));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("An error occurred", body);
        foreach (var leak in new[] { "account_users", "Sqlite", "Exception", " at ", ".cs", "/work/" , app.Folder })
            Assert.DoesNotContain(leak, body);
    }

    sealed class ProductionApp() : AccountsApp(null, null)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
