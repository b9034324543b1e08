namespace Automation.Functions.Host;

/// <summary>What the Lambda service tells a custom runtime through its environment.</summary>
/// <param name="RuntimeApi"><c>AWS_LAMBDA_RUNTIME_API</c>: host:port of the Runtime API.</param>
/// <param name="HandlerName"><c>_HANDLER</c>: which step this function runs.</param>
/// <param name="FunctionName"><c>AWS_LAMBDA_FUNCTION_NAME</c>.</param>
public sealed record HostSettings(string? RuntimeApi, string? HandlerName, string FunctionName)
{
    public static HostSettings FromEnvironment() => new(
        Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API"),
        Environment.GetEnvironmentVariable("_HANDLER"),
        Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME") ?? string.Empty);
}
