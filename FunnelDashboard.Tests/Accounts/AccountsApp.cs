using System.Net;
using System.Text.RegularExpressions;
using FunnelDashboard.Core.Accounts;
using FunnelDashboard.Tests.Support;
using FunnelDashboard.Web.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static FunnelDashboard.Tests.Capture.CaptureApp;

namespace FunnelDashboard.Tests.Accounts;

/// <summary>
/// The real app without seed data (accounts need none), with a capture and an admin key configured and a known first
/// admin password; clients that sign in through the real form (antiforgery token included).
/// </summary>
public partial class AccountsApp(IDictionary<string, string?>? overrides = null, TimeProvider? clock = null)
    : FunnelAppFactory(Settings(overrides), services => { if (clock is not null) services.AddSingleton(clock); })
{
    public const string InitialAdminPassword = "first-admin-password";
    public const string Password = "a-good-long-password";

    static Dictionary<string, string?> Settings(IDictionary<string, string?>? overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Seeding:Enabled"] = "false",
            ["ApiKeys:0:Key"] = CaptureKey, ["ApiKeys:0:Role"] = "capture",
            ["ApiKeys:1:Key"] = AdminKey, ["ApiKeys:1:Role"] = "admin",
            ["Auth:InitialAdminPassword"] = InitialAdminPassword,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    /// <summary>Once the accounts tables and the first admin exist.</summary>
    public async Task ReadyAsync()
    {
        _ = Server; // starts the app
        await Services.GetRequiredService<AccountsInitializer>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public AccountStore Store => Services.GetRequiredService<AccountStore>();

    /// <summary>A user with <see cref="Password"/>, who need not change it.</summary>
    public async Task<AccountUser> AddUserAsync(string name, string role, bool mustChangePassword = false)
    {
        await ReadyAsync();
        return (await Store.TryAddUserAsync(name, Services.GetRequiredService<Passwords>().Hash(Password), role, mustChangePassword))!;
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests read them).</summary>
    public HttpClient Browser(string baseAddress = "http://localhost") =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(baseAddress) });

    /// <summary>The antiforgery token of a page's form (its cookie lands in the client).</summary>
    public static async Task<string> FormTokenAsync(HttpClient client, string page = "/login")
    {
        var html = await client.GetStringAsync(page);
        return WebUtility.HtmlDecode(TokenField().Match(html) is { Success: true } match ? match.Groups[1].Value
            : throw new InvalidOperationException($"{page} has no antiforgery token"));
    }

    /// <summary>Posts the sign-in form as a browser does; the answer is the redirect.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string name, string password, string returnUrl = "/")
    {
        var token = await FormTokenAsync(client);
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["name"] = name, ["password"] = password, ["returnUrl"] = returnUrl,
        }));
    }

    /// <summary>A client signed in as the user (the sign-in must succeed).</summary>
    public async Task<HttpClient> SignedInAsync(string name, string password = Password)
    {
        await ReadyAsync();
        var client = Browser();
        var response = await SignInAsync(client, name, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("error=", response.Headers.Location!.OriginalString);
        return client;
    }

    /// <summary>The audit log's newest entries.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(int limit = 50) => (await Services.GetRequiredService<AuditLog>().ReadAsync(0, limit)).Entries;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

/// <summary>One <see cref="AccountsApp"/> with the default settings, shared by a test class.</summary>
public sealed class SharedAccountsApp() : AccountsApp(null, null);
