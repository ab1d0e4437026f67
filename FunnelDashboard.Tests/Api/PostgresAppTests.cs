using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FunnelDashboard.Tests.Api;

/// <summary>The whole app on PostgreSQL: migrates an empty database, seeds it with binary COPY and serves the same answers.</summary>
public class PostgresAppTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Seeds_postgres_on_first_start_and_serves_the_funnel()
    {
        using var app = new FunnelAppFactory(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = database.ConnectionString,
        });
        var client = app.CreateClient();
        await app.WaitForStateAsync(AnalyticsState.Ready);

        Assert.Equal("Postgres", app.Services.GetRequiredService<IEventStore>().Provider);
        var seed = DatasetReader.Read(app.SeedFolder);
        var json = await client.GetFromJsonAsync<JsonElement>("/funnel/analysis");
        Assert.Equal(Names.AllPages.Select(p => (long)seed.UsersReaching(p)), json.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("users").GetInt64()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }
}
