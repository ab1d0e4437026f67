using Microsoft.JSInterop;

namespace FunnelDashboard.Web.Components.Controls;

/// <summary>Saves an export in the browser (wwwroot/js/download.js) and tells the user how it went, in a toast.</summary>
public static class Downloads
{
    public static async Task SaveTextAsync(IJSRuntime js, ToastService toasts, string fileName, string text, string mimeType, string what)
    {
        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./js/download.js");
            await module.InvokeVoidAsync("downloadText", fileName, text, mimeType);
            toasts.Show($"Saved {what} as {fileName}.", ToastLevel.Success);
        }
        catch (JSException e)
        {
            toasts.Show($"Export failed: {e.Message}", ToastLevel.Error);
        }
    }
}
