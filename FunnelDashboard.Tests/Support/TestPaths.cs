namespace FunnelDashboard.Tests.Support;

public static class TestPaths
{
    /// <summary>The repository root: the nearest folder above the test binaries holding FunnelDashboard.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SeedData => Path.Combine(RepoRoot, "seed-data");

    /// <summary>Where the published dataset is looked for: ../shared beside the repository.</summary>
    public static string RealDatasetPath => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", "ecommerce-funnel"));

    /// <summary>The published dataset, or null where this machine has none.</summary>
    public static string? RealDataset => Directory.Exists(RealDatasetPath) ? RealDatasetPath : null;

    public static string NewTempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "funnel-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FunnelDashboard.sln"))) return dir.FullName;
        throw new InvalidOperationException("FunnelDashboard.sln not found above " + AppContext.BaseDirectory);
    }
}
