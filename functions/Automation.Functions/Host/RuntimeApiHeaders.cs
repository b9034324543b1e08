namespace Automation.Functions.Host;

/// <summary>Header names of the Lambda Runtime API (2018-06-01).</summary>
public static class RuntimeApiHeaders
{
    public const string RequestId = "Lambda-Runtime-Aws-Request-Id";
    public const string DeadlineMs = "Lambda-Runtime-Deadline-Ms";
    public const string InvokedFunctionArn = "Lambda-Runtime-Invoked-Function-Arn";
    public const string TraceId = "Lambda-Runtime-Trace-Id";
    public const string FunctionErrorType = "Lambda-Runtime-Function-Error-Type";

    /// <summary>The environment variable the X-Ray SDK reads the current trace header from.</summary>
    public const string TraceIdEnvironmentVariable = "_X_AMZN_TRACE_ID";
}
