using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using FunnelDashboard.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunnelDashboard.Tests.Api;

/// <summary>The app on Kestrel, spoken to over a raw socket: what a broken or slow client sends, byte for byte.</summary>
public sealed class RawHttpTests : IDisposable
{
    readonly FunnelAppFactory app;
    readonly ErrorLog errors = new();
    readonly int port;

    public RawHttpTests()
    {
        app = new FunnelAppFactory(testServices: services =>
        {
            services.AddSingleton<ILoggerProvider>(errors);
            // Kestrel's default (240 B/s after a 5 s grace) made quick: a body trickling at 1 B/s fails within ~2 s.
            services.Configure<KestrelServerOptions>(o => o.Limits.MinRequestBodyDataRate = new MinDataRate(100, TimeSpan.FromSeconds(1.5)));
        });
        app.UseKestrel(0);
        app.StartServer();
        port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
    }

    [Theory]
    [InlineData("/predict")]
    [InlineData("/predict/multiple")]
    public async Task A_malformed_chunked_body_is_400_and_not_logged_as_an_error(string path)
    {
        var response = await SendAsync(
            $"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{{}}\r\n0\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400 ", response);
        Assert.Empty(errors.Entries);
    }

    [Theory]
    [InlineData("/predict")]
    [InlineData("/predict/multiple")]
    public async Task A_body_sent_at_one_byte_a_second_is_408_and_not_logged_as_an_error(string path)
    {
        using var socket = await ConnectAsync();
        await socket.SendAsync(Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"));
        var response = ReadAsync(socket);
        for (var i = 0; i < 10 && !response.IsCompleted; i++)
        {
            try { await socket.SendAsync("{"u8.ToArray()); } catch (SocketException) { break; }
            await Task.WhenAny(response, Task.Delay(1000));
        }

        Assert.StartsWith("HTTP/1.1 408 ", await response);
        Assert.Empty(errors.Entries);
    }

    [Fact]
    public async Task Head_gets_the_headers_of_get_and_no_body_from_kestrel()
    {
        var response = await SendAsync("HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200 ", response);
        Assert.Contains("Content-Type: text/html", response);
        Assert.EndsWith("\r\n\r\n", response);
        Assert.Empty(errors.Entries);
    }

    async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", port);
        return socket;
    }

    async Task<string> SendAsync(string request)
    {
        using var socket = await ConnectAsync();
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        return await ReadAsync(socket);
    }

    /// <summary>Everything the server sends until it closes the connection or pauses for a second after answering.</summary>
    static async Task<string> ReadAsync(Socket socket)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            using var pause = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
            if (text.Length > 0) pause.CancelAfter(TimeSpan.FromSeconds(1));
            int read;
            try { read = await socket.ReceiveAsync(buffer, pause.Token); }
            catch (OperationCanceledException) when (!deadline.IsCancellationRequested) { break; }
            catch (SocketException) { break; }
            if (read == 0) break;
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        return text.ToString();
    }

    public void Dispose() => app.Dispose();

    /// <summary>Errors the app logs (an unhandled exception in a request is one).</summary>
    sealed class ErrorLog : ILoggerProvider, ILogger
    {
        public readonly ConcurrentQueue<string> Entries = new();
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) Entries.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
        }
        public void Dispose() { }
    }
}
