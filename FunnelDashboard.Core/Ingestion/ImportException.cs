namespace FunnelDashboard.Core.Ingestion;

/// <summary>Bad import input, located: the message names the file and, where there is one, the line.</summary>
public sealed class ImportException(string path, int? line, string problem)
    : Exception(line is null ? $"{Path.GetFileName(path)}: {problem}" : $"{Path.GetFileName(path)} line {line}: {problem}")
{
    public string FileName { get; } = Path.GetFileName(path);
    public int? Line { get; } = line;
    public string Problem { get; } = problem;
}
