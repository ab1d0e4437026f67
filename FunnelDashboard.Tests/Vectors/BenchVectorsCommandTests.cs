using System.Text.RegularExpressions;
using FunnelDashboard.Web.Cli;

namespace FunnelDashboard.Tests.Vectors;

public class BenchVectorsCommandTests
{
    [Fact]
    public async Task A_small_run_states_its_data_and_ends_with_the_figures()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        int code = await CommandLine.RunAsync(["bench", "vectors", "--count", "3000", "--dim", "16", "--nlist", "30", "--nprobe", "30", "--queries", "5", "--clusters", "20"],
            output, error, new Dictionary<string, string?>());

        Assert.True(code == 0, error.ToString());
        Assert.Contains("a mixture of 20 Gaussians", output.ToString());
        var last = output.ToString().TrimEnd().Split('\n')[^1];
        // Probing all 30 lists is exact search.
        Assert.Matches(new Regex(@"^exact_qps=\d+ ivf_qps=\d+ recall_at_10=1\.0000 build_s=\d+\.\d$"), last.TrimEnd('\r'));
    }

    [Fact]
    public async Task More_probes_than_vectors_is_a_usage_error()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        int code = await CommandLine.RunAsync(["bench", "vectors", "--count", "100", "--nprobe", "101"], output, error, new Dictionary<string, string?>());

        Assert.Equal(2, code);
        Assert.Contains("--nprobe", error.ToString());
    }
}
