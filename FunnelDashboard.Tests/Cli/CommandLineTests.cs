using System.Text.Json;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.Tests.Support;
using FunnelDashboard.Web.Cli;

namespace FunnelDashboard.Tests.Cli;

public sealed class CommandLineTests : IDisposable
{
    readonly string folder = TestPaths.NewTempFolder();

    Task<(int ExitCode, string Output, string Error)> Run(params string[] args) =>
        RunWith(new Dictionary<string, string?> { ["Storage:SqlitePath"] = Path.Combine(folder, "funnel.db") }, args);

    static async Task<(int ExitCode, string Output, string Error)> RunWith(Dictionary<string, string?> settings, params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
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
    public async Task Funnel_prints_a_table_per_group_with_the_numbers_of_its_json()
    {
        var data = Path.Combine(folder, "data");
        await Run("generate", data, "--users", "300");
        await Run("import", data);

        var (code, output, _) = await Run("funnel", "--breakdown", "sex");
        var json = JsonDocument.Parse((await Run("funnel", "--breakdown", "sex", "--json")).Output).RootElement;

        Assert.Equal(0, code);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var groups = json.GetProperty("groups").EnumerateArray().Select(g => (Title: g.GetProperty("value").GetString()!, Steps: g.GetProperty("steps")))
            .Prepend(("All users", json.GetProperty("steps")));
        foreach (var (title, steps) in groups)
        {
            var at = lines.IndexOf(title);
            Assert.True(at >= 0, $"no table titled {title} in:\n{output}");
            foreach (var (i, step) in steps.EnumerateArray().Index())
            {
                var cells = lines[at + 2 + i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(step.GetProperty("name").GetString(), cells[0]);
                Assert.Equal(step.GetProperty("users").GetInt64().ToString("N0", System.Globalization.CultureInfo.InvariantCulture), cells[1]);
            }
        }
        Assert.Equal(["Male", "Female"], json.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("value").GetString()).Order().Reverse());
    }

    [Fact]
    public async Task Funnel_window_counts_only_steps_reached_within_it()
    {
        // Two users: one goes home → search in 30 minutes, the other takes 2 hours.
        var store = new SqliteEventStore(Path.Combine(folder, "funnel.db"));
        await store.InitializeAsync();
        var t0 = new DateTime(2015, 3, 1, 10, 0, 0, DateTimeKind.Utc);
        await store.ImportAsync(new ImportBatch("hand-built", "test",
            [new User(1, new DateOnly(2015, 3, 1), Device.Desktop, Sex.Male), new User(2, new DateOnly(2015, 3, 1), Device.Mobile, Sex.Female)],
            [new Session(1, 1, t0, t0.AddHours(3), false), new Session(2, 2, t0, t0.AddHours(3), false)],
            [
                new PageVisit(0, 1, 1, FunnelPage.Home, t0, 10), new PageVisit(0, 1, 1, FunnelPage.Search, t0.AddMinutes(30), 10),
                new PageVisit(0, 2, 2, FunnelPage.Home, t0, 10), new PageVisit(0, 2, 2, FunnelPage.Search, t0.AddHours(2), 10),
            ],
            []));

        long[] Users(string json) => JsonDocument.Parse(json).RootElement.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("users").GetInt64()).ToArray();

        Assert.Equal(new long[] { 2, 2, 0, 0 }, Users((await Run("funnel", "--json")).Output));
        Assert.Equal(new long[] { 2, 1, 0, 0 }, Users((await Run("funnel", "--window", "1", "--json")).Output));
        Assert.Equal(new long[] { 2, 2, 0, 0 }, Users((await Run("funnel", "--window", "2", "--json")).Output));
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

    [Fact]
    public async Task An_unreachable_postgres_fails_with_one_line_and_exit_1()
    {
        var postgres = new Dictionary<string, string?> { ["Storage:Provider"] = "Postgres", ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Timeout=1" };
        var data = Path.Combine(folder, "data");
        await Run("generate", data, "--users", "20");

        var import = await RunWith(postgres, "import", data);
        var funnel = await RunWith(postgres, "funnel");

        Assert.Equal(1, import.ExitCode);
        Assert.Equal("Import failed, nothing was stored: Postgres store error: Failed to connect to 127.0.0.1:1", import.Error.TrimEnd());
        Assert.Equal(1, funnel.ExitCode);
        Assert.Equal("funnel failed: store error: Failed to connect to 127.0.0.1:1", funnel.Error.TrimEnd());
    }

    [Fact]
    public async Task A_sqlite_file_that_is_not_a_database_fails_with_one_line_and_exit_1()
    {
        var data = Path.Combine(folder, "data");
        await Run("generate", data, "--users", "20");
        File.WriteAllText(Path.Combine(folder, "funnel.db"), new string('x', 4096));

        var (code, output, error) = await Run("import", data);

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Equal("Import failed, nothing was stored: Sqlite store error: SQLite Error 26: 'file is not a database'.", error.TrimEnd());
        Assert.Equal(new string('x', 4096), File.ReadAllText(Path.Combine(folder, "funnel.db")));
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
    public async Task Bench_funnel_prints_the_users_per_step_before_its_figures()
    {
        var (code, output, _) = await Run("bench", "funnel", "--events", "20000", "--runs", "5");

        var expected = FunnelDashboard.Core.Analytics.FunnelEngine.Compute(FunnelDashboard.Core.Analytics.SyntheticEvents.Build(20_000),
            FunnelDashboard.Core.Analytics.FunnelQuery.Default).Steps.Select(s => s.Users);
        var lines = output.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(0, code);
        Assert.Equal($"steps={string.Join('/', expected)}", lines[^2]);
        Assert.StartsWith("median_ms=", lines[^1]);
    }

    [Theory]
    [InlineData("evaluate-forecast")]
    [InlineData("servee")]
    public async Task An_unknown_verb_exits_2_listing_every_verb(string verb)
    {
        var (code, output, error) = await Run(verb, "--series", "x.csv");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith($"Unknown verb '{verb}'.", error);
        foreach (var name in new[] { "generate", "import", "funnel", "train-forecast", "eval-forecast", "generate-series", "bench" })
            Assert.Matches($"(?m)^  {name} ", error);
    }

    [Theory]
    [InlineData(new string[0], true, new string[0])]
    [InlineData(new[] { "serve" }, true, new string[0])]
    [InlineData(new[] { "serve", "--urls", "http://127.0.0.1:5005" }, true, new[] { "--urls", "http://127.0.0.1:5005" })]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5005" }, true, new[] { "--urls", "http://127.0.0.1:5005" })]
    [InlineData(new[] { "--help" }, false, new[] { "--help" })]
    [InlineData(new[] { "import", "x" }, false, new[] { "import", "x" })]
    [InlineData(new[] { "evaluate-forecast" }, false, new[] { "evaluate-forecast" })]
    public void Only_no_verb_serve_or_host_options_start_the_server(string[] args, bool serves, string[] hostArgs)
    {
        Assert.Equal(serves, CommandLine.IsServe(args, out var rest));
        Assert.Equal(hostArgs, rest);
    }

    [Fact]
    public async Task Help_lists_the_verbs_on_stdout_and_exits_0()
    {
        var (code, output, error) = await Run("help");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("  import DIR [--seed S]", output);
    }

    [Fact]
    public async Task The_program_honours_ASPNETCORE_ENVIRONMENT_and_refuses_unknown_verbs_without_starting_the_server()
    {
        var environment = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Staging", ["Storage__SqlitePath"] = Path.Combine(folder, "funnel.db") };

        var (code, output, error) = await TestProgram.RunAsync(environment, "funnel", "--json");
        var (unknownCode, unknownOutput, unknownError) = await TestProgram.RunAsync(environment, "evaluate-forecast");

        Assert.True(code == 0, error);
        Assert.Contains("Environment Staging, Sqlite store", error);
        Assert.Contains("\"users\": 0", output);
        Assert.Equal(2, unknownCode);
        Assert.Empty(unknownOutput);
        Assert.StartsWith("Unknown verb 'evaluate-forecast'.", unknownError);
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
