using System.Globalization;


namespace Automation.Functions.Logging;

/// <summary>
/// The facts every log line carries: the process's (service, function, cold start) and the current
/// invocation's (request id, ARN, trace id). The runtime loop sets the invocation in an
/// <see cref="AsyncLocal{T}"/>, so it flows into everything the handler awaits.
/// </summary>
public sealed class LambdaLogContext(string service, string? functionName, string? functionVersion, int? functionMemorySize)
{
    public const string DefaultService = "service_undefined";

    private readonly AsyncLocal<InvocationContext?> _invocation = new();
    private int _completedInvocations;

    public string Service { get; } = service;
    public string? FunctionName { get; } = functionName;
    public string? FunctionVersion { get; } = functionVersion;
    public int? FunctionMemorySize { get; } = functionMemorySize;

    /// <summary>The invocation being handled on this async flow, if any.</summary>
    public InvocationContext? Invocation => _invocation.Value;

    /// <summary>True until the process's first invocation has finished (init counts as cold too).</summary>
    public bool IsColdStart => Volatile.Read(ref _completedInvocations) == 0;

    public static LambdaLogContext FromEnvironment()
    {
        var service = Environment.GetEnvironmentVariable("POWERTOOLS_SERVICE_NAME");
        var memory = int.TryParse(
            Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"),
            NumberStyles.Integer,
            CultureInfo.InvariantCulture,
            out var megabytes) ? megabytes : (int?)null;
        return new LambdaLogContext(
            string.IsNullOrWhiteSpace(service) ? DefaultService : service,
            Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME"),
            Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_VERSION"),
            memory);
    }

    public void BeginInvocation(InvocationContext invocation) => _invocation.Value = invocation;

    public void EndInvocation()
    {
        _invocation.Value = null;
        Interlocked.Increment(ref _completedInvocations);
    }
}
