using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using FunnelDashboard.ML.IO;

namespace FunnelDashboard.ML.Forecasting;

/// <summary>
/// Versioned forecast models on disk, one sub-directory per series (a page or the total), one directory per version:
/// <c>{root}/{seriesKey}/v000001/{model.fdfm, info.json, training-log.csv}</c>. A version is written into a hidden temporary directory
/// and renamed into place, so a crash never leaves a half-written version visible.
/// </summary>
public sealed partial class ForecastModelRegistry
{
    /// <summary>The series key suggested for the site-wide total.</summary>
    public const string TotalSeriesKey = "total";

    private const string ModelFileName = "model.fdfm";
    private const string InfoFileName = "info.json";
    private const string LogFileName = "training-log.csv";
    private const string TemporaryPrefix = ".tmp-";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // metrics may be NaN
    };

    public ForecastModelRegistry(string rootDirectory)
    {
        RootDirectory = Path.GetFullPath(rootDirectory);
    }

    public string RootDirectory { get; }

    /// <summary>
    /// A valid series key for any name (e.g. a page path): the name itself when it is already valid,
    /// otherwise the name with unsafe characters replaced plus a checksum of the original, so distinct names stay distinct.
    /// </summary>
    public static string SeriesKeyFor(string name)
    {
        if (IsValidKey(name)) return name;
        string safe = UnsafeCharacters().Replace(name, "_").TrimStart('.');
        if (safe.Length > 180) safe = safe[..180];
        return $"{safe}-{Crc32.Compute(Encoding.UTF8.GetBytes(name)):x8}";
    }

    /// <summary>Stores the trained model as the next version of the series and returns its record.</summary>
    public ModelVersionInfo Register(string seriesKey, ForecastTrainingResult result)
    {
        string seriesDirectory = SeriesDirectory(seriesKey);
        Directory.CreateDirectory(seriesDirectory);
        string temporary = Path.Combine(seriesDirectory, TemporaryPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temporary);
        try
        {
            using (var stream = new FileStream(Path.Combine(temporary, ModelFileName), FileMode.CreateNew))
            {
                ForecastModelFile.Save(result.Model, stream);
                stream.Flush(flushToDisk: true);
            }
            TrainingLogCsv.Write(Path.Combine(temporary, LogFileName), result.Log);
            while (true)
            {
                int version = Versions(seriesDirectory).DefaultIfEmpty(0).Max() + 1;
                var info = new ModelVersionInfo(seriesKey, version, DateTimeOffset.UtcNow, result.DataStart, result.DataEnd,
                    result.MissingDays, result.Options, result.Evaluation, result.Epochs, result.BestEpoch, result.BestValidationLoss, result.IsGood);
                using (var stream = new FileStream(Path.Combine(temporary, InfoFileName), FileMode.Create))
                {
                    JsonSerializer.Serialize(stream, info, Json);
                    stream.Flush(flushToDisk: true);
                }
                string target = VersionDirectory(seriesDirectory, version);
                try
                {
                    Directory.Move(temporary, target);
                    return info;
                }
                catch (IOException) when (Directory.Exists(target))
                {
                    // Another writer took this version number first: take the next one.
                }
            }
        }
        finally
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        }
    }

    /// <summary>All stored versions of the series, oldest first.</summary>
    public IReadOnlyList<ModelVersionInfo> List(string seriesKey)
    {
        string seriesDirectory = SeriesDirectory(seriesKey);
        return Versions(seriesDirectory).Order().Select(version => ReadInfo(VersionDirectory(seriesDirectory, version))).ToList();
    }

    /// <summary>Keys of every series with a directory in the registry.</summary>
    public IReadOnlyList<string> SeriesKeys() =>
        Directory.Exists(RootDirectory)
            ? Directory.EnumerateDirectories(RootDirectory).Select(Path.GetFileName).OfType<string>().Where(IsValidKey).Order().ToList()
            : [];

    /// <summary>The newest version flagged good, or null when there is none.</summary>
    public ModelVersionInfo? LatestGood(string seriesKey) => List(seriesKey).LastOrDefault(info => info.IsGood);

    public ForecastModel Load(string seriesKey, int version)
    {
        string directory = VersionDirectory(SeriesDirectory(seriesKey), version);
        if (!Directory.Exists(directory))
            throw new FileNotFoundException($"Series '{seriesKey}' has no model version {version} in {RootDirectory}.", directory);
        return ForecastModelFile.Load(Path.Combine(directory, ModelFileName));
    }

    /// <summary>The per-epoch training log of a stored version.</summary>
    /// <exception cref="FileNotFoundException">The version, or its log, does not exist.</exception>
    /// <exception cref="InvalidDataException">The log is not in the expected format.</exception>
    public IReadOnlyList<TrainingProgress> ReadTrainingLog(string seriesKey, int version)
    {
        string directory = VersionDirectory(SeriesDirectory(seriesKey), version);
        if (!Directory.Exists(directory))
            throw new FileNotFoundException($"Series '{seriesKey}' has no model version {version} in {RootDirectory}.", directory);
        return TrainingLogCsv.Read(Path.Combine(directory, LogFileName), ReadInfo(directory).Options.MaxEpochs);
    }

    /// <summary>The model to serve for the series: its latest good version, or null when there is none.</summary>
    public (ModelVersionInfo Info, ForecastModel Model)? LoadLatestGood(string seriesKey) =>
        LatestGood(seriesKey) is { } info ? (info, Load(seriesKey, info.Version)) : null;

    private string SeriesDirectory(string seriesKey)
    {
        if (!IsValidKey(seriesKey))
            throw new ArgumentException(
                $"Series key '{seriesKey}' may only hold letters, digits, '.', '_' and '-' and must not start with '.'; " +
                $"use {nameof(SeriesKeyFor)} to derive one.", nameof(seriesKey));
        return Path.Combine(RootDirectory, seriesKey);
    }

    private static string VersionDirectory(string seriesDirectory, int version) => Path.Combine(seriesDirectory, $"v{version:D6}");

    private static IEnumerable<int> Versions(string seriesDirectory) =>
        Directory.Exists(seriesDirectory)
            ? Directory.EnumerateDirectories(seriesDirectory)
                .Select(Path.GetFileName)
                .Select(name => name is ['v', .. var digits] && int.TryParse(digits, out int version) ? version : 0)
                .Where(version => version > 0)
            : [];

    private static ModelVersionInfo ReadInfo(string versionDirectory)
    {
        using var stream = File.OpenRead(Path.Combine(versionDirectory, InfoFileName));
        return JsonSerializer.Deserialize<ModelVersionInfo>(stream, Json)
               ?? throw new InvalidDataException($"{versionDirectory}/{InfoFileName} is empty.");
    }

    private static bool IsValidKey(string key) => key.Length is > 0 and <= 200 && !key.StartsWith('.') && !UnsafeCharacters().IsMatch(key);

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeCharacters();
}
