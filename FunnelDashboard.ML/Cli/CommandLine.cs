using System.Globalization;

namespace FunnelDashboard.ML.Cli;

/// <summary>A usage error: the command line itself is wrong.</summary>
internal sealed class CommandLineException(string message) : Exception(message);

/// <summary>Positional arguments plus <c>--name value</c> options.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _options;
    private readonly HashSet<string> _read = [];

    private CommandLine(List<string> positional, Dictionary<string, string> options)
    {
        Positional = positional;
        _options = options;
    }

    public IReadOnlyList<string> Positional { get; }

    public static CommandLine Parse(string[] args)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(args[i]);
                continue;
            }
            if (i + 1 >= args.Length) throw new CommandLineException($"Option {args[i]} needs a value.");
            options[args[i][2..]] = args[++i];
        }
        return new CommandLine(positional, options);
    }

    public string? String(string name)
    {
        _read.Add(name);
        return _options.GetValueOrDefault(name);
    }

    public string RequiredString(string name) =>
        String(name) ?? throw new CommandLineException($"Missing required option --{name}.");

    public int Int(string name, int defaultValue, int minimum = 1)
    {
        string? text = String(name);
        if (text is null) return defaultValue;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < minimum)
            throw new CommandLineException($"--{name} must be an integer of at least {minimum}, got '{text}'.");
        return value;
    }

    /// <summary>Fails on options nobody asked for, so a typo never silently falls back to a default.</summary>
    public void RejectUnknownOptions()
    {
        var unknown = _options.Keys.Where(name => !_read.Contains(name)).ToList();
        if (unknown.Count > 0) throw new CommandLineException($"Unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}.");
    }
}
