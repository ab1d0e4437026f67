namespace FunnelDashboard.Web.Cli;

/// <summary>
/// One command-line verb. To add a verb: write a class implementing this in Cli/Verbs and add one instance to
/// <see cref="CommandLine.Verbs"/>. Parsing its arguments (<see cref="CommandArgs"/>), printing usage, error handling and
/// exit codes are shared; the verb only does its work.
/// </summary>
public interface IVerb
{
    /// <summary>The word that selects it, e.g. "import".</summary>
    string Name { get; }

    /// <summary>Its arguments after the name, as shown in the usage, e.g. "DIR [--seed S]".</summary>
    string Arguments { get; }

    /// <summary>What it does, in one or two short lines.</summary>
    string Summary { get; }

    /// <summary>Does the work; returns the exit code. Throw <see cref="UsageException"/> for a wrong command line.</summary>
    Task<int> RunAsync(string[] args, CommandContext context, CancellationToken ct);
}
