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
    public ModelVersionInfo Register(string seriesKey, ForecastTrainingResult result) =>
        versions.Register(seriesKey,
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
                result.MissingDays, result.Options, result.Evaluation, result.Epochs, result.BestEpoch, result.BestValidationLoss, result.IsGood));

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
}
