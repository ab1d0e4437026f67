using System.IO.Compression;
using FunnelDashboard.Core.Ingestion;

namespace FunnelDashboard.Web.Jobs;

/// <summary>One uploaded file: its name as the browser gave it, and its content.</summary>
public sealed record UploadedFile(string Name, Func<long, Stream> Open);

/// <summary>
/// Puts an upload (the dataset's five CSVs, or one zip of them) into a new temporary folder for the importer, never
/// writing more than <paramref name="maxBytes"/> in all (a zip is counted unpacked, so a small zip cannot fill the
/// disk) and never outside the folder: files are stored under their known dataset names only.
/// </summary>
public static class DatasetUpload
{
    /// <returns>The folder holding the dataset files.</returns>
    /// <exception cref="ImportException">A file is not one of the dataset's, is missing, repeated, or too large; the message names it.</exception>
    public static async Task<string> SaveAsync(IReadOnlyList<UploadedFile> files, long maxBytes, CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"fd-upload-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            long budget = maxBytes;
            if (files is [var only] && only.Name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                await using var zipStream = only.Open(maxBytes);
                var buffered = new MemoryStream();
                await CopyBoundedAsync(zipStream, buffered, only.Name, maxBytes, maxBytes, ct);
                buffered.Position = 0;
                using var zip = new ZipArchive(buffered, ZipArchiveMode.Read);
                foreach (var entry in zip.Entries.Where(e => e.Name.Length > 0))
                {
                    await using var content = entry.Open();
                    budget -= await StoreAsync(folder, entry.Name, content, budget, maxBytes, $"{only.Name}: {entry.FullName}", ct);
                }
            }
            else
            {
                foreach (var file in files)
                {
                    await using var content = file.Open(budget);
                    budget -= await StoreAsync(folder, file.Name, content, budget, maxBytes, file.Name, ct);
                }
            }
            foreach (var required in DatasetFiles.All)
                if (!File.Exists(Path.Combine(folder, required)))
                    throw new ImportException(required, null, $"missing from the upload; send the five files {string.Join(", ", DatasetFiles.All)} (or one zip of them)");
            return folder;
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    static async Task<long> StoreAsync(string folder, string name, Stream content, long budget, long maxBytes, string shownAs, CancellationToken ct)
    {
        var known = DatasetFiles.All.FirstOrDefault(f => f.Equals(Path.GetFileName(name), StringComparison.OrdinalIgnoreCase))
                    ?? throw new ImportException(shownAs, null, $"is not a dataset file; expected {string.Join(", ", DatasetFiles.All)}");
        var path = Path.Combine(folder, known);
        if (File.Exists(path)) throw new ImportException(shownAs, null, $"{known} is in the upload twice");
        await using var target = new FileStream(path, FileMode.CreateNew);
        return await CopyBoundedAsync(content, target, shownAs, budget, maxBytes, ct);
    }

    static async Task<long> CopyBoundedAsync(Stream source, Stream target, string shownAs, long budget, long maxBytes, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > budget) throw new ImportException(shownAs, null, $"the upload is larger than {Size(maxBytes)} (Admin:MaxUploadMegabytes)");
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        return total;
    }

    static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024):N0} MB" : $"{bytes:N0} bytes";
}
