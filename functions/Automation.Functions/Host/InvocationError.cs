namespace Automation.Functions.Host;

/// <summary>
/// The error document Lambda expects (Runtime API "invocation error" body), and the one the local
/// cloud's router returns with <c>X-Amz-Function-Error: Unhandled</c>. Step Functions matches
/// <see cref="ErrorType"/> in Retry/Catch.
/// </summary>
public sealed record InvocationError(string ErrorType, string ErrorMessage, IReadOnlyList<string> StackTrace)
{
    public static InvocationError From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var errorType = exception switch
        {
            AutomationException typed => typed.ErrorType,
            OperationCanceledException => ErrorTypes.DeadlineExceeded,
            _ => ErrorTypes.InternalError,
        };
        var stack = (exception.ToString() ?? string.Empty)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new InvocationError(errorType, exception.Message, stack);
    }
}
