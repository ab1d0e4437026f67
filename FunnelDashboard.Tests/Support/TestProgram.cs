using System.Diagnostics;

namespace FunnelDashboard.Tests.Support;

/// <summary>The web app's program run as its own process (dotnet FunnelDashboard.Web.dll ...), as an operator runs it.</summary>
public static class TestProgram
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FunnelDashboard.Web.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // The test host's own environment must not leak into the program.
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        foreach (var (name, value) in environment) start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet FunnelDashboard.Web.dll {string.Join(' ', args)} did not exit in 60 s (did it start the server?)");
        }
        return (process.ExitCode, await output, await error);
    }
}
