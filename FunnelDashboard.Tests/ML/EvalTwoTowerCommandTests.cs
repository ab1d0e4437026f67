using FunnelDashboard.Tests.Support;
using FunnelDashboard.Web.Cli;

namespace FunnelDashboard.Tests.ML;

public sealed class EvalTwoTowerCommandTests : IDisposable
{
    readonly string folder = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    static async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        int code = await CommandLine.RunAsync(args, output, error, new Dictionary<string, string?>());
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_csv_of_planted_groups_ends_with_both_models_and_the_two_tower_beats_popularity()
    {
        var data = PlantedInteractions.Generate(groups: 4, usersPerGroup: 30, itemsPerGroup: 10, seed: 5);
        var path = Path.Combine(folder, "interactions.csv");
        File.WriteAllLines(path, ["user_id,item_id", .. data.Users.Zip(data.Items, (u, i) => $"u{u},i{i}")]);

        var (code, output, error) = await Run("eval-two-tower", "--interactions", path, "--format", "csv", "--dim", "8", "--epochs", "30", "--batch", "32", "--l2", "0.2");

        Assert.True(code == 0, error);
        var lines = output.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.StartsWith("model=two_tower recall@10=", lines[^2]);
        Assert.StartsWith("model=popularity recall@10=", lines[^1]);
        double Recall(string line) => double.Parse(line.Split(' ')[1].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture);
        // Every held-out item is in the user's group, whose unseen items number 5: two-tower should find most.
        Assert.True(Recall(lines[^2]) > 0.8 && Recall(lines[^2]) > Recall(lines[^1]), output);
    }

    [Fact]
    public async Task A_missing_file_fails_naming_it()
    {
        var path = Path.Combine(folder, "nope.data");

        var (code, _, error) = await Run("eval-two-tower", "--interactions", path);

        Assert.Equal(1, code);
        Assert.Contains("nope.data", error);
    }

    [Theory]
    [InlineData("--format", "tsv")]
    [InlineData("--logq", "maybe")]
    [InlineData("--l2", "-1")]
    public async Task A_bad_option_value_is_a_usage_error_naming_the_option(string option, string value)
    {
        var (code, _, error) = await Run("eval-two-tower", "--interactions", "x", option, value);

        Assert.Equal(2, code);
        Assert.Contains(option, error);
    }
}
