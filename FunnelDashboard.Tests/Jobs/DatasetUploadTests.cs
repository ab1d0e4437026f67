using System.IO.Compression;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Jobs;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.Tests.Support;
using FunnelDashboard.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace FunnelDashboard.Tests.Jobs;

/// <summary>An uploaded dataset (five CSVs or a zip) becomes an import job: all or nothing, with the command line's line-level report.</summary>
public sealed class DatasetUploadTests : IDisposable
{
    readonly string folder = TestPaths.NewTempFolder();
    const long Limit = 50 * 1024 * 1024;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>A generated dataset of 200 users, its search file broken on line 4 when asked.</summary>
    string Dataset(bool brokenSearch)
    {
        var dataset = Path.Combine(folder, $"upload-{Guid.NewGuid():N}");
        DatasetGenerator.Generate(dataset, users: 200, seed: 5);
        if (brokenSearch)
        {
            var path = Path.Combine(dataset, DatasetFiles.ForPage(FunnelDashboard.Core.Domain.FunnelPage.Search));
            var lines = File.ReadAllLines(path);
            lines[3] = "not-a-user,search_page";
            File.WriteAllLines(path, lines);
        }
        return dataset;
    }

    /// <summary>The app on an empty store (no seed), so what an upload adds is all there is.</summary>
    static async Task<FunnelAppFactory> EmptyAppAsync()
    {
        var app = new FunnelAppFactory(new Dictionary<string, string?> { ["Seeding:Enabled"] = "false" });
        await app.Services.GetRequiredService<IEventStore>().InitializeAsync();
        return app;
    }

    static IReadOnlyList<UploadedFile> Files(string dataset) =>
        DatasetFiles.All.Select(name => new UploadedFile(name, _ => File.OpenRead(Path.Combine(dataset, name)))).ToList();

    [Fact]
    public async Task A_bad_line_in_one_file_fails_the_import_job_naming_file_and_line_and_stores_nothing()
    {
        await using var app = await EmptyAppAsync();
        var store = app.Services.GetRequiredService<IEventStore>();
        var before = await store.CountAsync();

        var upload = await DatasetUpload.SaveAsync(Files(Dataset(brokenSearch: true)), Limit, CancellationToken.None);
        var job = await app.Services.GetRequiredService<DatasetImportJobs>().EnqueueImportAsync(upload, "alice");
        var ended = await app.Services.GetRequiredService<JobRunner>().WhenFinishedAsync(job.Record.Id).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(JobState.Failed, ended.State);
        Assert.StartsWith("Failed: Import failed, nothing was stored: search_page_table.csv line 4:", ended.Message);
        Assert.Contains(ended.Log, line => line.Contains("search_page_table.csv line 4: "));
        Assert.Equal(before, await store.CountAsync());
        Assert.False(Directory.Exists(upload)); // the upload is not left behind
    }

    [Fact]
    public async Task A_zip_of_the_five_files_is_imported_and_the_analytics_see_it()
    {
        await using var app = await EmptyAppAsync();
        var store = app.Services.GetRequiredService<IEventStore>();
        var before = await store.CountAsync();
        var zip = Path.Combine(folder, "dataset.zip");
        ZipFile.CreateFromDirectory(Dataset(brokenSearch: false), zip);

        var upload = await DatasetUpload.SaveAsync([new UploadedFile("dataset.zip", _ => File.OpenRead(zip))], Limit, CancellationToken.None);
        var job = await app.Services.GetRequiredService<DatasetImportJobs>().EnqueueImportAsync(upload, "alice");
        var ended = await app.Services.GetRequiredService<JobRunner>().WhenFinishedAsync(job.Record.Id).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(ended.State == JobState.Succeeded, ended.Message);
        Assert.Equal("Imported 200 users.", ended.Message);
        Assert.Equal(before.Users + 200, (await store.CountAsync()).Users);
        Assert.Equal(200, app.Analytics.Current.GetMetrics(new FunnelFilter()).Users);
    }

    [Theory]
    [InlineData("notes.txt", "notes.txt: is not a dataset file")]
    [InlineData(null, "search_page_table.csv: missing from the upload")]
    public async Task An_upload_that_is_not_the_dataset_is_refused_naming_the_file(string? extra, string expected)
    {
        var dataset = Dataset(brokenSearch: false);
        var files = Files(dataset).Where(f => extra is not null || f.Name != "search_page_table.csv").ToList();
        if (extra is not null) files.Add(new UploadedFile(extra, _ => new MemoryStream("hello"u8.ToArray())));

        var error = await Assert.ThrowsAsync<ImportException>(() => DatasetUpload.SaveAsync(files, Limit, CancellationToken.None));

        Assert.StartsWith(expected, error.Message);
    }

    [Fact]
    public async Task An_upload_larger_than_the_limit_is_refused_naming_the_limit()
    {
        var files = Files(Dataset(brokenSearch: false));

        var error = await Assert.ThrowsAsync<ImportException>(() => DatasetUpload.SaveAsync(files, 1024, CancellationToken.None));

        Assert.Equal("user_table.csv: the upload is larger than 1,024 bytes (Admin:MaxUploadMegabytes)", error.Message);
    }
}
