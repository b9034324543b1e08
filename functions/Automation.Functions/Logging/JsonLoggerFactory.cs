namespace Automation.Functions.Logging;

/// <summary>
/// The host's <see cref="ILoggerFactory"/>: every logger writes through the one JSON provider.
/// Deliberately not Microsoft's <c>LoggerFactory</c>: that pulls in the options and filter
/// machinery (and their assemblies) at cold start for nothing we use; level filtering is the
/// provider's single minimum level.
/// </summary>
public sealed class JsonLoggerFactory(JsonLoggerProvider jsonProvider) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => jsonProvider.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) =>
        throw new NotSupportedException("The Lambda host writes logs only as JSON lines to stdout; extra providers are not supported.");

    public void Dispose() => jsonProvider.Dispose();
}
