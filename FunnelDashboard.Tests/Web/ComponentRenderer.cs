using System.Net;
using FunnelDashboard.Web.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;

namespace FunnelDashboard.Tests.Web;

/// <summary>Renders a component to static HTML with <see cref="HtmlRenderer"/> (bUnit does not restore here).</summary>
public static class ComponentRenderer
{
    /// <summary>The decoded HTML of <typeparamref name="TComponent"/> with the given parameters.</summary>
    public static async Task<string> RenderAsync<TComponent>(IDictionary<string, object?>? parameters = null) where TComponent : IComponent
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddDashboardUi()
            .AddSingleton<IJSRuntime, NoJSRuntime>()
            .BuildServiceProvider();
        await using var _ = services;
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var root = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters ?? new Dictionary<string, object?>()));
            return root.ToHtmlString();
        });
        return WebUtility.HtmlDecode(html);
    }

    /// <summary>Static rendering runs no JavaScript; a component that calls it during rendering is a bug.</summary>
    sealed class NoJSRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new InvalidOperationException($"JavaScript '{identifier}' called during static rendering.");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            InvokeAsync<TValue>(identifier, args);
    }
}
