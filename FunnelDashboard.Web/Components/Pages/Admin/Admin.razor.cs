using System.Globalization;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Jobs;
using FunnelDashboard.Web.Capture;
using FunnelDashboard.Web.Forecasting;
using FunnelDashboard.Web.Hosting;
using FunnelDashboard.Web.Jobs;
using FunnelDashboard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Components.Pages.Admin;

/// <summary>
/// The administrator's page: jobs with live progress and loss curves (through the runner's throttled subscription),
/// the forecast registry of the series in the URL (?series=home) with activation, dataset upload as an import job,
/// and the traffic simulator. Every action names who did it to the service that does it.
/// </summary>
/// <remarks>
/// Only a request that passed the admin policy renders it: the server prerenders it for that request and hands who
/// the caller is to the interactive page as protected component state. Reached by in-app navigation (no such request),
/// it reloads itself, so the policy decides (401/403) before anything shows.
/// </remarks>
public sealed partial class Admin : IDisposable
{
    const int HistoryShown = 30;

    [Inject] JobRunner Runner { get; set; } = default!;
    [Inject] Retraining Retraining { get; set; } = default!;
    [Inject] DatasetImportJobs DataJobs { get; set; } = default!;
    [Inject] ForecastService Forecasts { get; set; } = default!;
    [Inject] SimulatorService Simulator { get; set; } = default!;
    [Inject] NavigationManager Navigation { get; set; } = default!;
    [Inject] PersistentComponentState PageState { get; set; } = default!;
    [CascadingParameter] HttpContext? HttpContext { get; set; }
    [Inject] IOptions<LiveOptions> Live { get; set; } = default!;
    [Inject] IOptions<AdminOptions> AdminSettings { get; set; } = default!;
    [Inject] IOptions<ForecastingOptions> ForecastSettings { get; set; } = default!;
    [Inject] ILogger<Admin> Logger { get; set; } = default!;

    const string ActorKey = "admin-actor";
    IDisposable? subscription;
    PersistingComponentStateSubscription persisting;
    /// <summary>Who the page acts for: the caller the admin policy let in; null when the page was not served to one.</summary>
    string? actor;
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
        if (HttpContext is { } request) actor = AccountPrincipal.Actor(request.User); // prerendering the request the policy let in
        else if (PageState.TryTakeFromJson<string>(ActorKey, out var persisted)) actor = persisted;
        persisting = PageState.RegisterOnPersisting(() =>
        {
            if (actor is not null) PageState.PersistAsJson(ActorKey, actor);
            return Task.CompletedTask;
        });
        if (actor is null)
        {
            Navigation.NavigateTo(Navigation.Uri, forceLoad: true);
            return;
        }
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

    async Task RetrainAsync(string model)
    {
        actionError = null;
        await Retraining.EnqueueAsync(model, actor!);
        ShowJobs();
    }

    async Task RefreshAnalyticsAsync()
    {
        actionError = null;
        await DataJobs.EnqueueRefreshAsync(actor!);
        ShowJobs();
    }

    async Task CancelAsync(string id)
    {
        actionError = await Runner.CancelAsync(id, actor!) == CancelOutcome.Cancelled ? null : "That job has already ended.";
        ShowJobs();
    }

    async Task ActivateAsync(int version)
    {
        try
        {
            await Forecasts.ActivateAsync(series, version, actor!);
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
            await DataJobs.ImportUploadAsync(files, AdminSettings.Value.MaxUploadBytes, actor!);
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

    async Task StartSimulatorAsync() => actionError = await Simulator.StartSimulatingAsync(simulatorRate, actor!);

    async Task StopSimulatorAsync() => actionError = await Simulator.StopSimulatingAsync(actor!);

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
        persisting.Dispose();
        subscription?.Dispose();
        Navigation.LocationChanged -= OnLocationChanged;
        Forecasts.Changed -= OnModelsChanged;
        Simulator.Changed -= OnSimulatorChanged;
    }
}
