using System.Globalization;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Jobs;
using FunnelDashboard.Web.Capture;
using FunnelDashboard.Web.Forecasting;
using FunnelDashboard.Web.Hosting;
using FunnelDashboard.Web.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Components.Pages.Admin;

/// <summary>
/// The administrator's page: jobs with live progress and loss curves (through the runner's throttled subscription),
/// the forecast registry of the series in the URL (?series=home) with activation, dataset upload as an import job,
/// and the traffic simulator. Every action names who did it (the signed-in user or key) to the service that does it.
/// </summary>
public sealed partial class Admin : IDisposable
{
    const int HistoryShown = 30;

    [Inject] JobRunner Runner { get; set; } = default!;
    [Inject] Retraining Retraining { get; set; } = default!;
    [Inject] DatasetImportJobs DataJobs { get; set; } = default!;
    [Inject] ForecastService Forecasts { get; set; } = default!;
    [Inject] SimulatorService Simulator { get; set; } = default!;
    [Inject] NavigationManager Navigation { get; set; } = default!;
    [Inject] AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] IOptions<LiveOptions> Live { get; set; } = default!;
    [Inject] IOptions<AdminOptions> AdminSettings { get; set; } = default!;
    [Inject] IOptions<ForecastingOptions> ForecastSettings { get; set; } = default!;
    [Inject] ILogger<Admin> Logger { get; set; } = default!;

    IDisposable? subscription;
    IReadOnlyList<JobSnapshot> history = [];
    IReadOnlyList<JobSnapshot>? jobs;
    string series = VisitSeries.Total;
    IReadOnlyList<ModelVersionSummary> versions = [];
    string? registryError, actionError, uploadError;
    IReadOnlyList<IBrowserFile> chosen = [];
    bool uploading;
    int simulatorRate = 20;

    int KeepVersions => ForecastSettings.Value.KeepVersions;
    int MaxUploadMegabytes => AdminSettings.Value.MaxUploadMegabytes;

    protected override async Task OnInitializedAsync()
    {
        Navigation.LocationChanged += OnLocationChanged;
        Forecasts.Changed += OnModelsChanged;
        Simulator.Changed += OnSimulatorChanged;
        ReadQuery();
        subscription = Runner.Subscribe(OnJobsChangedAsync, Live.Value.MinUpdateInterval);
        history = await Runner.ListAsync(HistoryShown);
        ShowJobs();
    }

    void ReadQuery()
    {
        var query = QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query);
        series = query.TryGetValue("series", out var value) && VisitSeries.Keys.Contains(value.ToString()) ? value.ToString() : VisitSeries.Total;
        LoadRegistry();
    }

    void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        if (!Navigation.ToBaseRelativePath(e.Location).StartsWith("admin", StringComparison.Ordinal)) return;
        ReadQuery();
        _ = InvokeAsync(StateHasChanged);
    }

    void ShowSeries(string? key) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("series", key == VisitSeries.Total ? null : key));

    void LoadRegistry()
    {
        try
        {
            var active = Forecasts.Registry.Active(series)?.Version;
            versions = Forecasts.Registry.List(series).OrderByDescending(v => v.Version)
                .Select(v => ModelVersionSummary.From(v, v.Version == active)).ToList();
            registryError = null;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            Logger.LogError(e, "The {Series} registry could not be read", series);
            (versions, registryError) = ([], e.Message);
        }
    }

    /// <summary>This run's jobs (live) over the history loaded with the page.</summary>
    void ShowJobs()
    {
        var current = Runner.Current;
        var ids = current.Select(j => j.Record.Id).ToHashSet();
        jobs = current.Concat(history.Where(h => !ids.Contains(h.Record.Id))).Take(HistoryShown).ToList();
    }

    Task OnJobsChangedAsync() => InvokeAsync(() =>
    {
        ShowJobs();
        StateHasChanged();
    });

    void OnModelsChanged() => _ = InvokeAsync(() =>
    {
        LoadRegistry();
        StateHasChanged();
    });

    void OnSimulatorChanged() => _ = InvokeAsync(StateHasChanged);

    async Task<string> ActorAsync()
    {
        var state = await Authentication.GetAuthenticationStateAsync();
        return state.User.Identity?.Name is { Length: > 0 } name ? name : "admin page";
    }

    async Task Retrain(string model)
    {
        actionError = null;
        Retraining.Enqueue(model, await ActorAsync());
        ShowJobs();
    }

    async Task RefreshAnalytics()
    {
        actionError = null;
        DataJobs.EnqueueRefresh(await ActorAsync());
        ShowJobs();
    }

    async Task Cancel(string id)
    {
        actionError = Runner.Cancel(id, await ActorAsync()) == CancelOutcome.Cancelled ? null : "That job has already ended.";
        ShowJobs();
    }

    async Task Activate(int version)
    {
        try
        {
            Forecasts.Activate(series, version, await ActorAsync());
            actionError = null;
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or IOException)
        {
            actionError = e.Message;
        }
        LoadRegistry();
    }

    void OnFilesChosen(InputFileChangeEventArgs e)
    {
        uploadError = null;
        chosen = e.FileCount > DatasetFiles.All.Count() ? [] : e.GetMultipleFiles(DatasetFiles.All.Count());
        if (e.FileCount > DatasetFiles.All.Count()) uploadError = $"Choose at most {DatasetFiles.All.Count()} files: the dataset's CSVs, or one zip of them.";
    }

    async Task ImportAsync()
    {
        uploading = true;
        uploadError = null;
        try
        {
            var files = chosen.Select(f => new UploadedFile(f.Name, max => f.OpenReadStream(Math.Min(max, AdminSettings.Value.MaxUploadBytes)))).ToList();
            var folder = await DatasetUpload.SaveAsync(files, AdminSettings.Value.MaxUploadBytes, CancellationToken.None);
            DataJobs.EnqueueImport(folder, await ActorAsync());
            chosen = [];
            ShowJobs();
        }
        catch (ImportException e)
        {
            uploadError = e.Message;
        }
        catch (IOException e)
        {
            // The browser's stream ended early or was larger than announced.
            uploadError = $"The upload could not be read: {e.Message}";
        }
        finally
        {
            uploading = false;
        }
    }

    async Task StartSimulator()
    {
        if (simulatorRate is < 1 or > 100_000)
        {
            actionError = "Events per second must be from 1 to 100,000.";
            return;
        }
        actionError = null;
        Simulator.Start(simulatorRate, await ActorAsync());
    }

    async Task StopSimulator() => Simulator.Stop(await ActorAsync());

    static string StateClass(JobState state) => state switch
    {
        JobState.Succeeded => "text-bg-success",
        JobState.Failed => "text-bg-danger",
        JobState.Running => "text-bg-primary",
        JobState.Cancelled => "text-bg-secondary",
        _ => "text-bg-light",
    };

    static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    static string Settings(ModelVersionSummary v) => string.Create(CultureInfo.InvariantCulture,
        $"{v.HyperParameters.InputDays} days in, {v.HyperParameters.Horizon} out, hidden {v.HyperParameters.HiddenSize}, dense {v.HyperParameters.DenseSize}, at most {v.HyperParameters.MaxEpochs} epochs, batch {v.HyperParameters.BatchSize}");

    static string Rmse(ModelVersionSummary v, string model) =>
        v.Metrics[model].Rmse is { } rmse ? rmse.ToString("N1", CultureInfo.InvariantCulture) : "—";

    public void Dispose()
    {
        subscription?.Dispose();
        Navigation.LocationChanged -= OnLocationChanged;
        Forecasts.Changed -= OnModelsChanged;
        Simulator.Changed -= OnSimulatorChanged;
    }
}
