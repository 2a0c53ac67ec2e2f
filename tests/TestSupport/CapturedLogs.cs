using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Consultant.TestSupport;

/// <summary>One log entry as a host wrote it: what an operator would read.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : Environment.NewLine + Exception)}";
}

/// <summary>
/// A logger provider that keeps every entry the host's log filters let through (the same filters as the console),
/// so a test can read the log a silo writes.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> entries = new();

    public IReadOnlyList<CapturedLog> Entries => entries.ToList();

    /// <summary>The entries written after the first <paramref name="count"/> (take the count before the action).</summary>
    public IReadOnlyList<CapturedLog> Since(int count) => entries.Skip(count).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.entries.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), exception));
    }
}
