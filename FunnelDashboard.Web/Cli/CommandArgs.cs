using System.Globalization;

namespace FunnelDashboard.Web.Cli;

/// <summary>A verb's arguments: positional values, "--name value" options and "--flag" switches. Unknown options are errors.</summary>
public sealed class CommandArgs
{
    readonly List<string> positional = [];
    readonly Dictionary<string, string?> options = new(StringComparer.OrdinalIgnoreCase);

    public CommandArgs(IEnumerable<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string>? flags = null)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal)) { positional.Add(arg); continue; }
            var name = arg[2..];
            if (flags?.Contains(name) == true) options[name] = null;
            else if (valueOptions.Contains(name))
                options[name] = e.MoveNext() ? e.Current : throw new UsageException($"--{name} needs a value.");
            else throw new UsageException($"Unknown option --{name}.");
        }
    }

    public IReadOnlyList<string> Positional => positional;
    public bool Has(string name) => options.ContainsKey(name);
    public string? Value(string name) => options.GetValueOrDefault(name);

    public string RequiredValue(string name) => Value(name) ?? throw new UsageException($"Missing --{name}.");

    public long Long(string name, long fallback, long min, long max)
    {
        if (Value(name) is not { } text) return fallback;
        return long.TryParse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"--{name} must be a whole number from {min:N0} to {max:N0}; got '{text}'.");
    }

    public int Int(string name, int fallback, int min, int max = int.MaxValue) => (int)Long(name, fallback, min, max);

    public DateOnly Date(string name, DateOnly fallback)
    {
        if (Value(name) is not { } text) return fallback;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new UsageException($"--{name} must be a yyyy-MM-dd date; got '{text}'.");
    }

    public string Required(int position, string what) =>
        position < positional.Count ? positional[position] : throw new UsageException($"Missing {what}.");

    /// <summary>Fails on positional values past the ones the verb takes, so a stray word is never silently ignored.</summary>
    public void AtMost(int count)
    {
        if (positional.Count > count) throw new UsageException($"Unexpected argument '{positional[count]}'.");
    }
}

public sealed class UsageException(string message) : Exception(message);
