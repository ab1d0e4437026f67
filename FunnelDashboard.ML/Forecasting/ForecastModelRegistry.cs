using FunnelDashboard.ML.Registry;

namespace FunnelDashboard.ML.Forecasting;

/// <summary>
/// Versioned forecast models, one registry key per series (a page or the total), each version holding
/// <c>{model.fdfm, info.json, training-log.csv}</c>; see <see cref="ModelRegistry"/> for the layout and its guarantees.
/// </summary>
public sealed class ForecastModelRegistry
{
    /// <summary>The series key suggested for the site-wide total.</summary>
    public const string TotalSeriesKey = "total";

    private const string ModelFileName = "model.fdfm";
    private const string LogFileName = "training-log.csv";

    private readonly ModelRegistry versions;

    public ForecastModelRegistry(string rootDirectory)
    {
        versions = new ModelRegistry(rootDirectory);
    }

    public string RootDirectory => versions.RootDirectory;

    /// <summary>A valid series key for any name (e.g. a page path); see <see cref="ModelRegistry.KeyFor"/>.</summary>
    public static string SeriesKeyFor(string name) => ModelRegistry.KeyFor(name);

    /// <summary>Stores the trained model as the next version of the series and returns its record.</summary>
    /// <param name="name">A name for the version, unique within the series; null for none.</param>
    /// <param name="createdBy">Who started the training.</param>
    /// <param name="decision">Why it is, or is not, going to be activated.</param>
    /// <exception cref="ArgumentException">Another version of the series already has that name.</exception>
    public ModelVersionInfo Register(string seriesKey, ForecastTrainingResult result, string? name = null, string? createdBy = null, string? decision = null)
    {
        if (name is not null && List(seriesKey).FirstOrDefault(v => v.Name == name) is { } taken)
            throw new ArgumentException($"The name '{name}' is taken by version {taken.Version} of '{seriesKey}'.", nameof(name));
        return versions.Register(seriesKey,
            directory =>
            {
                using (var stream = new FileStream(Path.Combine(directory, ModelFileName), FileMode.CreateNew))
                {
                    ForecastModelFile.Save(result.Model, stream);
                    stream.Flush(flushToDisk: true);
                }
                TrainingLogCsv.Write(Path.Combine(directory, LogFileName), result.Log);
            },
            version => new ModelVersionInfo(seriesKey, version, DateTimeOffset.UtcNow, result.DataStart, result.DataEnd,
                result.MissingDays, result.Options, result.Evaluation, result.Epochs, result.BestEpoch, result.BestValidationLoss, result.IsGood,
                name, createdBy, decision));
    }

    /// <summary>All stored versions of the series, oldest first.</summary>
    public IReadOnlyList<ModelVersionInfo> List(string seriesKey) =>
        versions.Versions(seriesKey).Select(version => versions.ReadInfo<ModelVersionInfo>(seriesKey, version)).ToList();

    /// <summary>Keys of every series with a directory in the registry.</summary>
    public IReadOnlyList<string> SeriesKeys() => versions.Keys();

    /// <summary>The newest version flagged good, or null when there is none.</summary>
    public ModelVersionInfo? LatestGood(string seriesKey) => List(seriesKey).LastOrDefault(info => info.IsGood);

    public ForecastModel Load(string seriesKey, int version) => ForecastModelFile.Load(versions.FilePath(seriesKey, version, ModelFileName));

    /// <summary>The per-epoch training log of a stored version.</summary>
    /// <exception cref="FileNotFoundException">The version, or its log, does not exist.</exception>
    /// <exception cref="InvalidDataException">The log is not in the expected format.</exception>
    public IReadOnlyList<TrainingProgress> ReadTrainingLog(string seriesKey, int version) =>
        TrainingLogCsv.Read(versions.FilePath(seriesKey, version, LogFileName),
            versions.ReadInfo<ModelVersionInfo>(seriesKey, version).Options.MaxEpochs);

    /// <summary>The model to serve for the series: its latest good version, or null when there is none.</summary>
    public (ModelVersionInfo Info, ForecastModel Model)? LoadLatestGood(string seriesKey) =>
        LatestGood(seriesKey) is { } info ? (info, Load(seriesKey, info.Version)) : null;

    /// <summary>
    /// The version the series serves: the one activated last, or, when none ever was (an installation from before
    /// activation), its latest good version; null when it has no good version.
    /// </summary>
    public ModelVersionInfo? Active(string seriesKey)
    {
        var all = List(seriesKey);
        return versions.ActiveVersion(seriesKey) is { } active && all.FirstOrDefault(v => v.Version == active && v.IsGood) is { } pointed
            ? pointed
            : all.LastOrDefault(info => info.IsGood);
    }

    /// <summary>The active version and its model, or null when the series has no good version.</summary>
    public (ModelVersionInfo Info, ForecastModel Model)? LoadActive(string seriesKey) =>
        Active(seriesKey) is { } info ? (info, Load(seriesKey, info.Version)) : null;

    /// <summary>Makes a good version the one the series serves (roll back or forward).</summary>
    /// <exception cref="FileNotFoundException">The version does not exist.</exception>
    /// <exception cref="ArgumentException">The version is not good (its training did not converge), so it may not be served.</exception>
    public ModelVersionInfo Activate(string seriesKey, int version)
    {
        var info = versions.ReadInfo<ModelVersionInfo>(seriesKey, version);
        if (!info.IsGood) throw new ArgumentException($"Version {version} of '{seriesKey}' did not train to a usable model and cannot be activated.", nameof(version));
        versions.Activate(seriesKey, version);
        return info;
    }

    /// <summary>Deletes the oldest versions beyond <paramref name="keep"/>, never the active one; returns the deleted versions.</summary>
    public IReadOnlyList<int> Prune(string seriesKey, int keep) => versions.Prune(seriesKey, keep, Active(seriesKey)?.Version);
}
