namespace Automation.Functions.Host;

/// <summary>What the Runtime API tells us about one invocation (Lambda-Runtime-* headers).</summary>
public sealed record InvocationContext(
    string RequestId,
    string InvokedFunctionArn,
    DateTimeOffset Deadline,
    string? TraceId,
    string FunctionName);
