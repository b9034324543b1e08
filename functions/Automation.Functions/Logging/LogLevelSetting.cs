namespace Automation.Functions.Logging;

/// <summary>
/// The minimum log level, from <c>POWERTOOLS_LOG_LEVEL</c>, else Lambda's own
/// <c>AWS_LAMBDA_LOG_LEVEL</c> (advanced logging controls), else Information.
/// </summary>
public static class LogLevelSetting
{
    public const string PowertoolsVariable = "POWERTOOLS_LOG_LEVEL";
    public const string LambdaVariable = "AWS_LAMBDA_LOG_LEVEL";

    /// <summary>Resolves the level; <paramref name="rejected"/> is a set but unrecognised value
    /// (so the host can warn about it instead of silently ignoring it).</summary>
    public static LogLevel Resolve(string? powertoolsValue, string? lambdaValue, out string? rejected)
    {
        rejected = null;
        foreach (var value in (ReadOnlySpan<string?>)[powertoolsValue, lambdaValue])
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }
            if (Parse(value) is { } level)
            {
                return level;
            }
            rejected ??= value;
        }
        return LogLevel.Information;
    }

    public static LogLevel FromEnvironment(out string? rejected) => Resolve(
        Environment.GetEnvironmentVariable(PowertoolsVariable),
        Environment.GetEnvironmentVariable(LambdaVariable),
        out rejected);

    /// <summary>Powertools and Lambda level names, case-insensitive, plus the .NET names.</summary>
    public static LogLevel? Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Trim().ToUpperInvariant() switch
        {
            "TRACE" => LogLevel.Trace,
            "DEBUG" => LogLevel.Debug,
            "INFO" or "INFORMATION" => LogLevel.Information,
            "WARN" or "WARNING" => LogLevel.Warning,
            "ERROR" => LogLevel.Error,
            "CRITICAL" or "FATAL" => LogLevel.Critical,
            "NONE" => LogLevel.None,
            _ => null,
        };
    }
}
