namespace Automation.Functions.Host;

/// <summary>The host's own log messages (source-generated: templates parsed at build time).</summary>
internal static partial class HostLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Invoking {Handler} with {RemainingMs} ms to the deadline")]
    public static partial void Invoking(ILogger logger, string handler, long remainingMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Step {Handler} failed with {ErrorType}: {ErrorMessage}")]
    public static partial void StepFailed(ILogger logger, Exception exception, string handler, string errorType, string errorMessage);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not post the outcome of request {RequestId} to the Runtime API")]
    public static partial void PostFailed(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Init failed with {ErrorType}: {ErrorMessage}")]
    public static partial void InitFailed(ILogger logger, Exception? exception, string errorType, string errorMessage);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The Runtime API loop stopped")]
    public static partial void LoopStopped(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring unrecognised log level {LogLevelValue}; use DEBUG, INFO, WARN, ERROR or CRITICAL")]
    public static partial void UnknownLogLevel(ILogger logger, string logLevelValue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay clock: the steps read {ReplayInstant} as now (AUTOMATION_CLOCK under sam local invoke); deadlines, logs and metrics keep the real clock")]
    public static partial void ReplayClock(ILogger logger, DateTimeOffset replayInstant);
}
