using System.Data.Common;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Web.Capture;
using FunnelDashboard.Web.Cli.Verbs;
using FunnelDashboard.Web.Hosting;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Cli;

/// <summary>
/// The app's command line (`dotnet run --project FunnelDashboard.Web -- VERB ...`): with no verb, `serve`, or only host
/// options such as --urls it runs the web app; otherwise it runs the verb with the web app's configuration
/// (<see cref="FunnelHost"/>). Exit codes: 0 done, 1 failed (bad data, store error), 2 wrong command line, 130 cancelled.
/// Results go to stdout, errors and progress to stderr.
/// </summary>
public static class CommandLine
{
    /// <summary>Every verb. Adding one: a class implementing <see cref="IVerb"/> and one line here.</summary>
    internal static readonly IVerb[] Verbs =
    [
        new GenerateVerb(),
        new ImportVerb(),
        new FunnelVerb(),
        new TrainForecastVerb(),
        new EvalForecastVerb(),
        new GenerateSeriesVerb(),
        new BenchVerb(),
        new SimulateVerb(),
        new EvalTwoTowerVerb(),
    ];

    const string ServeVerb = "serve";
    static readonly string[] HelpWords = ["help", "--help", "-h"];

    /// <summary>Whether the arguments start the web server, and the host options to start it with.</summary>
    public static bool IsServe(string[] args, out string[] hostArgs)
    {
        hostArgs = args is [ServeVerb, .. var rest] ? rest : args;
        return args.Length == 0 || args[0] == ServeVerb || (args[0].StartsWith('-') && !HelpWords.Contains(args[0]));
    }

    /// <summary>Runs a verb on the console; Ctrl+C cancels it.</summary>
    public static async Task<int> RunOnConsoleAsync(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        return await RunAsync(args, Console.Out, Console.Error, new Dictionary<string, string?>(), cancel.Token);
    }

    /// <param name="settings">Configuration overriding appsettings and the environment (tests point it at temporary stores).</param>
    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?> settings,
        CancellationToken ct = default)
    {
        if (args.Length == 0 || HelpWords.Contains(args[0]))
        {
            await output.WriteLineAsync(Usage());
            return 0;
        }
        if (Verbs.FirstOrDefault(v => v.Name == args[0]) is not { } verb)
        {
            await error.WriteLineAsync($"Unknown verb '{args[0]}'.\n\n{Usage()}");
            return 2;
        }

        var builder = FunnelHost.CreateBuilder([]);
        // The builder watches appsettings for changes; a verb has no use for that, so release the watchers when done.
        using var configuration = builder.Configuration;
        configuration.AddInMemoryCollection(settings);
        var context = new CommandContext(output, error, configuration, builder.Environment);
        try
        {
            return await verb.RunAsync(args[1..], context, ct);
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"{e.Message}\n\nUsage: {ProgramName} {verb.Name} {verb.Arguments}\n{Indent(verb.Summary)}");
            return 2;
        }
        catch (ImportException e)
        {
            await error.WriteLineAsync($"Import failed, nothing was stored: {e.Message}");
            return 1;
        }
        catch (DbException e)
        {
            await error.WriteLineAsync($"{verb.Name} failed: store error: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await error.WriteLineAsync($"{verb.Name} cancelled.");
            return 130;
        }
        catch (OptionsValidationException e)
        {
            await error.WriteLineAsync($"{verb.Name} failed: the settings are invalid: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{verb.Name} failed: {e.Message}");
            return 1;
        }
    }

    const string ProgramName = "FunnelDashboard.Web";

    internal static string Usage() =>
        $"Usage: {ProgramName} [serve] [--urls URL ...]   run the web app (the default)\n" +
        $"       {ProgramName} VERB ...\n\nVerbs:\n" +
        string.Join('\n', Verbs.Select(v => $"  {v.Name} {v.Arguments}\n{Indent(v.Summary)}"));

    static string Indent(string text) => string.Join('\n', text.Split('\n').Select(line => "      " + line.TrimEnd('\r')));
}
