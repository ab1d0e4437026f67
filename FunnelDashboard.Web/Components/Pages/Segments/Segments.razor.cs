using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Controls;
using FunnelDashboard.Web.SimilarUsers;
using Microsoft.AspNetCore.Components;

namespace FunnelDashboard.Web.Components.Pages.Segments;

/// <summary>
/// The behavioural clusters and one user's similar users. Its state is the URL: <c>user</c> (the user looked up) and
/// <c>k</c> (the clusters, the API's grammar; chosen by silhouette when absent). Until a model exists it shows the
/// training progress; it follows <see cref="SimilarUsersService.Changed"/>, so a newly served version shows without
/// a reload. Results come from the model's per-version cache, computed off the renderer's thread.
/// </summary>
public sealed partial class Segments
{
    [Inject] SimilarUsersService SimilarUsers { get; set; } = default!;
    [Inject] FunnelAnalytics Snapshots { get; set; } = default!;

    long? user;
    int? k;
    SegmentsView? view;
    string lookup = "";
    string? lookupError;
    (SimilarityModel Model, long? User, int? K)? loading;

    string ModelText
    {
        get
        {
            var model = view!.Model;
            var range = model.DataStart is { } from && model.DataEnd is { } to ? $" on {Formats.Date(from)} to {Formats.Date(to)}" : "";
            return $"Model v{model.Version}, trained {model.CreatedUtc.UtcDateTime:yyyy-MM-dd HH:mm} UTC{range}; {Formats.Count(model.Users)} users";
        }
    }

    protected override void OnInitialized()
    {
        // The training progress, and a newly served version: computed for it (the same one: nothing to do).
        Follow(changed => SimilarUsers.Changed += changed, changed => SimilarUsers.Changed -= changed, () => _ = LoadAsync());
        base.OnInitialized();
    }

    protected override void OnQueryChanged(Func<string, string?> parameter)
    {
        var errors = new Dictionary<string, string[]>();
        user = null;
        if (parameter("user") is { Length: > 0 } text && SimilarUsersQuery.TryUserId(text, errors, out var id, "user")) user = id;
        k = SimilarUsersQuery.Count(parameter("k"), "k", null, 2, SimilarUsers.Options.MaxClusters, errors);
        SetQueryErrors(errors.SelectMany(e => e.Value));
        lookup = user?.ToString(CultureInfo.InvariantCulture) ?? "";
        lookupError = null;
        _ = LoadAsync();
    }

    /// <summary>
    /// Computes the view for the current URL and model off the renderer's thread; a result is shown only when the
    /// inputs it was computed for are still the page's, and the same inputs are never computed twice at once.
    /// </summary>
    async Task LoadAsync()
    {
        var model = SimilarUsers.Current;
        bool dataReady = View.DataRange is not null && View.State is AnalyticsState.Ready or AnalyticsState.Unavailable;
        if (model is null || QueryErrors is not null || !dataReady)
        {
            (view, loading) = (null, null);
            return;
        }
        var wanted = (model, user, k);
        if (loading == wanted || view is { } shown && shown.Inputs == wanted) return;
        loading = wanted;
        try
        {
            var snapshot = Snapshots.Snapshot;
            var computed = await Task.Run(() => new SegmentsView(wanted.model, wanted.k, wanted.user, snapshot, SimilarUsers.Options));
            await InvokeAsync(() =>
            {
                if (loading != wanted) return; // the URL or the model changed meanwhile
                (view, loading) = (computed, null);
                StateHasChanged();
            });
        }
        catch (Exception e)
        {
            loading = null;
            await DispatchExceptionAsync(e);
        }
    }

    /// <summary>Once the data is loaded (the page may open before), the view can be computed.</summary>
    protected override Action? Compute(IAnalyticsView analytics) => view is null ? () => _ = LoadAsync() : null;

    void FindSimilar()
    {
        var errors = new Dictionary<string, string[]>();
        if (!SimilarUsersQuery.TryUserId(lookup.Trim(), errors, out var id, "user"))
        {
            lookupError = errors["user"][0];
            return;
        }
        NavigateToQuery(new Dictionary<string, string?> { ["user"] = id.ToString(CultureInfo.InvariantCulture) });
    }
}
