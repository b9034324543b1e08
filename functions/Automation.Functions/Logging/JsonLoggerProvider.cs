using System.Collections.Concurrent;


namespace Automation.Functions.Logging;

/// <summary>
/// Creates <see cref="JsonLogger"/>s that write Powertools-shaped JSON lines to one sink.
/// Scopes (<c>BeginScope</c> with key/value pairs) are shared across loggers, as in
/// Microsoft.Extensions.Logging, and flow with the async context.
/// </summary>
public sealed class JsonLoggerProvider(ILogLineSink sink, LambdaLogContext context, TimeProvider time, LogLevel minimumLevel)
    : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentDictionary<string, JsonLogger> _loggers = new(StringComparer.Ordinal);

    public ILogLineSink Sink { get; } = sink;
    public LambdaLogContext Context { get; } = context;
    public TimeProvider Time { get; } = time;
    public LogLevel MinimumLevel { get; } = minimumLevel;
    internal IExternalScopeProvider ScopeProvider { get; private set; } = new LoggerExternalScopeProvider();

    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, static (name, provider) => new JsonLogger(name, provider), this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) =>
        ScopeProvider = scopeProvider ?? throw new ArgumentNullException(nameof(scopeProvider));

    public void Dispose()
    {
    }
}
