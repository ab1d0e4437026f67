using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using FunnelDashboard.ML.IO;

namespace FunnelDashboard.ML.Registry;

/// <summary>
/// Versioned models of any kind on disk: one directory per key (a forecast series, the two-tower model, ...), one per
/// version: <c>{root}/{key}/v000001/{info.json, the model's own files}</c>. A version is written into a hidden
/// temporary directory and renamed into place, so a crash never leaves a half-written version visible, and two
/// writers never get the same number. What a version's record holds is the caller's type, stored as info.json.
/// Each key may name its active version in <c>{root}/{key}/active</c> (replaced atomically, so it survives a crash or
/// restart); without one the caller decides (the forecasts serve the latest good version).
/// </summary>
public sealed partial class ModelRegistry
{
    private const string InfoFileName = "info.json";
    private const string TemporaryPrefix = ".tmp-";
    private const string ActiveFileName = "active";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // metrics may be NaN
    };

    public ModelRegistry(string rootDirectory)
    {
        RootDirectory = Path.GetFullPath(rootDirectory);
    }

    public string RootDirectory { get; }

    /// <summary>
    /// A valid key for any name (e.g. a page path): the name itself when it is already valid, otherwise the name with
    /// unsafe characters replaced plus a checksum of the original, so distinct names stay distinct.
    /// </summary>
    public static string KeyFor(string name)
    {
        if (IsValidKey(name)) return name;
        string safe = UnsafeCharacters().Replace(name, "_").TrimStart('.');
        if (safe.Length > 180) safe = safe[..180];
        return $"{safe}-{Crc32.Compute(Encoding.UTF8.GetBytes(name)):x8}";
    }

    /// <summary>
    /// Stores the next version of <paramref name="key"/>: <paramref name="writeFiles"/> writes the model's files into
    /// the (temporary) version directory it is given, then the record <paramref name="describe"/> makes for the
    /// version number is written beside them and the version appears as a whole.
    /// </summary>
    public TInfo Register<TInfo>(string key, Action<string> writeFiles, Func<int, TInfo> describe)
    {
        string keyDirectory = KeyDirectory(key);
        Directory.CreateDirectory(keyDirectory);
        string temporary = Path.Combine(keyDirectory, TemporaryPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temporary);
        try
        {
            writeFiles(temporary);
            while (true)
            {
                int version = VersionsIn(keyDirectory).DefaultIfEmpty(0).Max() + 1;
                var info = describe(version);
                using (var stream = new FileStream(Path.Combine(temporary, InfoFileName), FileMode.Create))
                {
                    JsonSerializer.Serialize(stream, info, Json);
                    stream.Flush(flushToDisk: true);
                }
                string target = VersionDirectory(keyDirectory, version);
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

    /// <summary>The stored version numbers of the key, oldest first.</summary>
    public IReadOnlyList<int> Versions(string key) => VersionsIn(KeyDirectory(key)).Order().ToList();

    /// <summary>The version the key's active pointer names, or null when none is set (or it names a pruned version).</summary>
    public int? ActiveVersion(string key)
    {
        string path = Path.Combine(KeyDirectory(key), ActiveFileName);
        if (!File.Exists(path)) return null;
        return int.TryParse(File.ReadAllText(path).Trim(), out int version) && Directory.Exists(VersionDirectory(KeyDirectory(key), version))
            ? version
            : null;
    }

    /// <summary>Makes <paramref name="version"/> the key's active one: the pointer is written beside and renamed over the old one.</summary>
    /// <exception cref="FileNotFoundException">The version does not exist.</exception>
    public void Activate(string key, int version)
    {
        string keyDirectory = KeyDirectory(key);
        if (!Directory.Exists(VersionDirectory(keyDirectory, version)))
            throw new FileNotFoundException($"'{key}' has no model version {version} in {RootDirectory}.");
        string temporary = Path.Combine(keyDirectory, $"{TemporaryPrefix}{ActiveFileName}-{Guid.NewGuid():N}");
        using (var stream = new FileStream(temporary, FileMode.CreateNew))
        {
            stream.Write(Encoding.ASCII.GetBytes(version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, Path.Combine(keyDirectory, ActiveFileName), overwrite: true);
    }

    /// <summary>
    /// Deletes the oldest versions of the key until at most <paramref name="keep"/> remain, never the active one nor
    /// <paramref name="alsoKeep"/> (the version a caller serves without a pointer); returns the deleted versions.
    /// </summary>
    public IReadOnlyList<int> Prune(string key, int keep, int? alsoKeep = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        var protectedVersions = new[] { ActiveVersion(key), alsoKeep }.OfType<int>().ToHashSet();
        var versions = Versions(key);
        var deleted = new List<int>();
        int remaining = versions.Count;
        foreach (int version in versions)
        {
            if (remaining <= keep) break;
            if (protectedVersions.Contains(version)) continue;
            Directory.Delete(VersionDirectory(KeyDirectory(key), version), recursive: true);
            deleted.Add(version);
            remaining--;
        }
        return deleted;
    }

    /// <summary>Every key with a directory in the registry.</summary>
    public IReadOnlyList<string> Keys() =>
        Directory.Exists(RootDirectory)
            ? Directory.EnumerateDirectories(RootDirectory).Select(Path.GetFileName).OfType<string>().Where(IsValidKey).Order().ToList()
            : [];

    /// <summary>The record stored with a version.</summary>
    /// <exception cref="FileNotFoundException">The version does not exist.</exception>
    public TInfo ReadInfo<TInfo>(string key, int version)
    {
        using var stream = File.OpenRead(FilePath(key, version, InfoFileName));
        return JsonSerializer.Deserialize<TInfo>(stream, Json)
               ?? throw new InvalidDataException($"{FilePath(key, version, InfoFileName)} is empty.");
    }

    /// <summary>The path of one of a stored version's files.</summary>
    /// <exception cref="FileNotFoundException">The version does not exist.</exception>
    public string FilePath(string key, int version, string fileName)
    {
        string directory = VersionDirectory(KeyDirectory(key), version);
        if (!Directory.Exists(directory))
            throw new FileNotFoundException($"'{key}' has no model version {version} in {RootDirectory}.", directory);
        return Path.Combine(directory, fileName);
    }

    private string KeyDirectory(string key)
    {
        if (!IsValidKey(key))
            throw new ArgumentException(
                $"Model key '{key}' may only hold letters, digits, '.', '_' and '-' and must not start with '.'; " +
                $"use {nameof(KeyFor)} to derive one.", nameof(key));
        return Path.Combine(RootDirectory, key);
    }

    private static string VersionDirectory(string keyDirectory, int version) => Path.Combine(keyDirectory, $"v{version:D6}");

    private static IEnumerable<int> VersionsIn(string keyDirectory) =>
        Directory.Exists(keyDirectory)
            ? Directory.EnumerateDirectories(keyDirectory)
                .Select(Path.GetFileName)
                .Select(name => name is ['v', .. var digits] && int.TryParse(digits, out int version) ? version : 0)
                .Where(version => version > 0)
            : [];

    private static bool IsValidKey(string key) => key.Length is > 0 and <= 200 && !key.StartsWith('.') && !UnsafeCharacters().IsMatch(key);

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeCharacters();
}
