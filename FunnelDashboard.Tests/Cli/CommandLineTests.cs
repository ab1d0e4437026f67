using System.Text.Json;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Tests.Support;
using FunnelDashboard.Web.Cli;

namespace FunnelDashboard.Tests.Cli;

public sealed class CommandLineTests : IDisposable
{
    readonly string folder = TestPaths.NewTempFolder();

    async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var settings = new Dictionary<string, string?> { ["Storage:SqlitePath"] = Path.Combine(folder, "funnel.db") };
        var exitCode = await CommandLine.RunAsync(args, output, error, settings);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Generate_import_and_funnel_json_agree_with_the_csvs()
    {
        var data = Path.Combine(folder, "data");
        Assert.Equal(0, (await Run("generate", data, "--users", "1500", "--seed", "3")).ExitCode);
        var (importCode, importOutput, _) = await Run("import", data);
        Assert.Equal(0, importCode);
        Assert.Contains("Imported 1,500 users", importOutput);
        Assert.Contains("already imported", (await Run("import", data)).Output);

        var (code, json, error) = await Run("funnel", "--device", "Mobile", "--json");

        Assert.True(code == 0, error);
        var dataset = DatasetReader.Read(data);
        var mobile = dataset.Users.Where(u => u.User.Device == Device.Mobile).ToList();
        var steps = JsonDocument.Parse(json).RootElement.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("users").GetInt64());
        Assert.Equal(Enumerable.Range(1, 4).Select(k => (long)mobile.Count(u => u.PagesReached >= k)), steps);
    }

    [Fact]
    public async Task Funnel_prints_a_table_per_group()
    {
        var data = Path.Combine(folder, "data");
        await Run("generate", data, "--users", "300");
        await Run("import", data);

        var (code, output, _) = await Run("funnel", "--breakdown", "sex", "--window", "24");

        Assert.Equal(0, code);
        Assert.Contains("All users", output);
        Assert.Contains("Male", output);
        Assert.Contains("Female", output);
        Assert.Contains("confirmation", output);
    }

    [Fact]
    public async Task A_bad_import_exits_non_zero_naming_file_and_line_and_stores_nothing()
    {
        var data = Path.Combine(folder, "data");
        await Run("generate", data, "--users", "50");
        File.AppendAllText(Path.Combine(data, "search_page_table.csv"), "12,search_page,\"unclosed\n");

        var (code, _, error) = await Run("import", data);

        Assert.Equal(1, code);
        Assert.Contains("search_page_table.csv line", error);
        Assert.Contains("nothing was stored", error);
        Assert.Contains("\"users\": 0", (await Run("funnel", "--json")).Output);
    }

    [Theory]
    [InlineData("funnel --device Tablet", "--device: Unknown device 'Tablet'")]
    [InlineData("funnel --colour red", "Unknown option --colour")]
    [InlineData("generate", "Missing the folder to write")]
    [InlineData("generate x --users many", "--users must be a whole number")]
    [InlineData("bench funnel --events 0", "--events must be a whole number from 1")]
    public async Task Usage_errors_exit_2_and_say_what_is_wrong(string args, string expected)
    {
        var (code, _, error) = await Run(args.Split(' '));
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.Contains("Usage:", error);
    }

    [Fact]
    public async Task Bench_funnel_reports_its_figures_and_writes_the_events_as_csv()
    {
        var csv = Path.Combine(folder, "events.csv");
        var (code, output, _) = await Run("bench", "funnel", "--events", "20000", "--runs", "5", "--csv", csv);

        Assert.Equal(0, code);
        Assert.Matches(@"(?m)^median_ms=[\d.]+ events_per_s=\d+ bytes_per_event=[\d.]+\r?$", output);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("user_id,timestamp,page", lines[0]);
        Assert.Equal(20_001, lines.Length);
        Assert.Matches(@"^\d+,2015-\d\d-\d\dT\d\d:\d\d:\d\dZ,(home|search|payment|confirmation)$", lines[1]);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
