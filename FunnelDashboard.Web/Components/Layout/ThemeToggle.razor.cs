using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace FunnelDashboard.Web.Components.Layout;

/// <summary>Switches Bootstrap's light/dark theme; the choice is remembered per browser (wwwroot/js/theme.js).</summary>
public sealed partial class ThemeToggle : IAsyncDisposable
{
    [Inject] IJSRuntime JS { get; set; } = default!;

    IJSObjectReference? module;
    string theme = "light";

    string Other => theme == "dark" ? "light" : "dark";

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/theme.js");
        theme = await module.InvokeAsync<string>("get");
        StateHasChanged();
    }

    async Task ToggleAsync()
    {
        if (module is null) return;
        theme = Other;
        await module.InvokeVoidAsync("set", theme);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (module is not null) await module.DisposeAsync();
        }
        catch (JSDisconnectedException) { }
    }
}
