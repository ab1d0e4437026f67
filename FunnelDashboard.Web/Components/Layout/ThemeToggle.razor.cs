using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace FunnelDashboard.Web.Components.Layout;

/// <summary>Switches Bootstrap's light/dark theme; the choice is remembered per browser (wwwroot/js/theme.js).</summary>
public sealed partial class ThemeToggle : IAsyncDisposable
{
    [Inject] IJSRuntime JS { get; set; } = default!;

    Task<IJSObjectReference>? moduleTask;
    string theme = "light";

    string Other => theme == "dark" ? "light" : "dark";

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        theme = await (await ModuleAsync()).InvokeAsync<string>("get");
        StateHasChanged();
    }

    // A click can come before the first render's import has finished: both paths share one import.
    Task<IJSObjectReference> ModuleAsync() => moduleTask ??= JS.InvokeAsync<IJSObjectReference>("import", "./js/theme.js").AsTask();

    async Task ToggleAsync()
    {
        var module = await ModuleAsync();
        theme = await module.InvokeAsync<string>("get") == "dark" ? "light" : "dark";
        await module.InvokeVoidAsync("set", theme);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (moduleTask is { IsCompletedSuccessfully: true }) await moduleTask.Result.DisposeAsync();
        }
        catch (JSDisconnectedException) { }
    }
}
