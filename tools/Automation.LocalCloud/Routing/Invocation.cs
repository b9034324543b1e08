namespace Automation.LocalCloud.Routing;

/// <summary>One Lambda invocation the router served (for progress output and tests).</summary>
public sealed record Invocation(
    string FunctionName,
    string Handler,
    string RequestId,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    string? ErrorType,
    string? ErrorMessage);
