using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FunnelDashboard.Tests.Accounts;

/// <summary>Every formatted log line the app writes, for tests that check what an operator reads in the log.</summary>
public sealed class LogCapture : ILoggerProvider, ILogger
{
    readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => this;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        lines.Enqueue(formatter(state, exception));

    public bool IsEnabled(LogLevel logLevel) => true;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public void Dispose() { }
}
