using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using FunnelDashboard.Web.Capture;
using FunnelDashboard.Web.Security;
using static FunnelDashboard.Tests.Capture.CaptureApp;

namespace FunnelDashboard.Tests.Accounts;

/// <summary>Who may use the admin endpoints and pages: people by role (cookie) and machines by key role, configured or stored.</summary>
public sealed class AuthorizationTests(SharedAccountsApp app) : IClassFixture<SharedAccountsApp>
{
    const string StoredCaptureKey = "fdk_stored-capture-key-for-tests", StoredAdminKey = "fdk_stored-admin-key-for-tests";

    /// <summary>Who asks: a signed-in person or an API key.</summary>
    public static readonly TheoryData<string> Credentials = new() { "anonymous", "analyst", "admin", "admin who must change the password", "capture key", "admin key", "stored capture key", "stored admin key" };

    async Task<HttpClient> ClientAsync(string credential)
    {
        await app.ReadyAsync();
        await app.Store.TryAddApiKeyAsync("stored capture", ApiKeyOptions.CaptureRole, ApiKeyAuthenticationHandler.Hash(StoredCaptureKey), "fdk_stored", "test");
        await app.Store.TryAddApiKeyAsync("stored admin", ApiKeyOptions.AdminRole, ApiKeyAuthenticationHandler.Hash(StoredAdminKey), "fdk_stored", "test");
        switch (credential)
        {
            case "analyst":
                await app.AddUserAsync("ana", UserRoles.Analyst);
                return await app.SignedInAsync("ana");
            case "admin":
                await app.AddUserAsync("root", UserRoles.Admin);
                return await app.SignedInAsync("root");
            case "admin who must change the password":
                return await app.SignedInAsync(AccountService.FirstAdminName, AccountsApp.InitialAdminPassword);
        }
        var client = app.Browser();
        var key = credential switch
        {
            "capture key" => CaptureKey, "admin key" => AdminKey, "stored capture key" => StoredCaptureKey, "stored admin key" => StoredAdminKey, _ => null,
        };
        if (key is not null) client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, key);
        return client;
    }

    /// <summary>
    /// Every endpoint that changes something, or shows what only admins may see: its route pattern as mapped, and a
    /// request to it (for an admin it may well answer 404 or 409: being let in is what is checked).
    /// </summary>
    static readonly (string Method, string Pattern, string Path, string? Body)[] AdminEndpoints =
    [
        ("POST", "/analytics/refresh", "/analytics/refresh", null),
        ("POST", "/models/retrain", "/models/retrain", """{"model":"forecast"}"""),
        ("POST", "/jobs/{id}/cancel", "/jobs/no-such-job/cancel", null),
        ("POST", "/models/{series}/versions/{version:int}/activate", "/models/total/versions/1/activate", null),
        ("GET", "/jobs", "/jobs", null),
        ("GET", "/jobs/{id}", "/jobs/no-such-job", null),
    ];

    /// <summary>The endpoints taking a POST (or PUT, PATCH, DELETE) that are not for admins only, and why.</summary>
    static readonly Dictionary<string, string> OtherPostEndpoints = new()
    {
        ["/account/login"] = "anyone signs in (the form's antiforgery token is checked)",
        ["/logout"] = "anyone signs out (antiforgery checked)",
        ["/account/password"] = "any signed-in person changes their own password (antiforgery checked)",
        ["/predict"] = "a forecast, read like the dashboards' data: changes nothing",
        ["/predict/multiple"] = "the same for several metrics",
        ["/api/events"] = "capture and admin keys post events (Capturing_events_stays_for_api_keys...)",
    };

    static readonly string[] AdminPages = ["/admin", "/admin/users", "/admin/keys", "/admin/audit"];

    [Fact]
    public async Task The_role_table_lists_every_endpoint_that_changes_something_and_every_admin_page()
    {
        await app.ReadyAsync();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        bool IsPage(Endpoint e) => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
        var posts = endpoints
            .Where(e => !IsPage(e) && !e.RoutePattern.RawText!.StartsWith("/_blazor", StringComparison.Ordinal)
                && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE") == true)
            .Select(e => e.RoutePattern.RawText!).ToHashSet();
        var adminPages = endpoints.Where(e => IsPage(e) && e.Metadata.GetMetadata<AuthorizeAttribute>()?.Policy == Policies.Admin)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).ToHashSet();

        Assert.Equal(posts.Order(), AdminEndpoints.Where(e => e.Method != "GET").Select(e => e.Pattern).Concat(OtherPostEndpoints.Keys).Order());
        Assert.Equal(adminPages.Order(), AdminPages.Order());
    }

    [Theory]
    [MemberData(nameof(Credentials))]
    public async Task Every_admin_endpoint_answers_401_without_credentials_403_for_the_wrong_role_and_lets_admins_in(string credential)
    {
        var client = await ClientAsync(credential);
        foreach (var (method, _, path, body) in AdminEndpoints)
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = body is null ? null : new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
            });

            var what = $"{credential}: {method} {path} answered {response.StatusCode}";
            switch (credential)
            {
                case "anonymous":
                    Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, what);
                    break;
                case "admin" or "admin key" or "stored admin key":
                    Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)response.StatusCode < 500, what);
                    break;
                default:
                    Assert.True(response.StatusCode == HttpStatusCode.Forbidden, what);
                    break;
            }
            if ((int)response.StatusCode is 401 or 403) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [MemberData(nameof(Credentials))]
    public async Task Admin_pages_open_for_admins_and_send_others_to_sign_in_change_their_password_or_access_denied(string credential)
    {
        var client = await ClientAsync(credential);
        foreach (var page in AdminPages)
        {
            var response = await client.GetAsync(page);

            var returnUrl = Uri.EscapeDataString(page);
            var (status, location) = credential switch
            {
                "anonymous" => (HttpStatusCode.Redirect, $"/login?returnUrl={returnUrl}"),
                "analyst" => (HttpStatusCode.Redirect, $"/access-denied?returnUrl={returnUrl}"),
                "admin who must change the password" => (HttpStatusCode.Redirect, $"/change-password?returnUrl={returnUrl}"),
                "capture key" or "stored capture key" => (HttpStatusCode.Forbidden, null),
                _ => (HttpStatusCode.OK, null),
            };
            Assert.True(status == response.StatusCode, $"{credential} on {page}: {response.StatusCode}");
            if (location is not null) Assert.Equal(location, new Uri(app.Server.BaseAddress, response.Headers.Location!).PathAndQuery);
            if (status == HttpStatusCode.OK) Assert.Contains("<h1", await response.Content.ReadAsStringAsync()); // scoped CSS may add an attribute
        }
    }

    [Fact]
    public async Task Capturing_events_stays_for_api_keys_an_admin_person_cannot()
    {
        var admin = await ClientAsync("admin");
        var response = await admin.PostAsync("/api/events", Json(Body("by-cookie")));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Dashboards_and_their_data_are_open_without_sign_in_by_default()
    {
        var anonymous = await ClientAsync("anonymous");
        foreach (var path in new[] { "/", "/funnel", "/forecast", "/wall", "/login" })
            Assert.True((await anonymous.GetAsync(path)).StatusCode == HttpStatusCode.OK, path);
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/funnel/analysis")).StatusCode);
    }
}

/// <summary>Auth:RequireSignInForDashboards closes every dashboard (the wall too) and the data behind them.</summary>
public sealed class ClosedDashboardsTests
{
    [Fact]
    public async Task With_sign_in_required_the_dashboards_send_people_to_sign_in_and_the_data_api_needs_credentials()
    {
        using var app = new AccountsApp(new Dictionary<string, string?> { ["Auth:RequireSignInForDashboards"] = "true" });
        await app.AddUserAsync("ana", UserRoles.Analyst);
        var anonymous = app.Browser();
        var analyst = await app.SignedInAsync("ana");
        var key = app.Browser();
        key.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, CaptureKey);

        foreach (var page in new[] { "/", "/funnel", "/forecast", "/wall?panels=kpis" })
        {
            var response = await anonymous.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal($"/login?returnUrl={Uri.EscapeDataString(page)}", response.Headers.Location!.PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync(page)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/funnel/analysis")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/model/info")).StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await key.GetAsync("/funnel/analysis")).StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await analyst.GetAsync("/funnel/analysis")).StatusCode);
        // Signing in and the health check stay reachable.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/login")).StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/health")).StatusCode);
    }
}
