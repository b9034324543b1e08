using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Automation.LocalCloud.Hosting;

/// <summary>One log entry a handler wrote while the router ran it.</summary>
public sealed record LogEntry(DateTimeOffset Time, string Category, LogLevel Level, string Message, Exception? Exception);

/// <summary>
/// Keeps the handlers' logs in memory (tests and failed scenarios show them) and optionally echoes
/// them to a writer (the CLI's --verbose). The real JSON log format is the runtime host's business.
/// </summary>
public sealed class RecordingLoggerProvider(TextWriter? echo = null) : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyCollection<LogEntry> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(LogEntry entry)
    {
        _entries.Enqueue(entry);
        if (echo is not null)
        {
            lock (echo)
            {
                echo.WriteLine($"  [{entry.Level}] {entry.Category}: {entry.Message}{(entry.Exception is null ? string.Empty : $" ({entry.Exception.GetType().Name}: {entry.Exception.Message})")}");
            }
        }
    }

    private sealed class Logger(RecordingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            provider.Write(new LogEntry(DateTimeOffset.UtcNow, category, logLevel, formatter(state, exception), exception));
        }
    }
}
