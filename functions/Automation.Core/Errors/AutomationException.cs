namespace Automation.Core.Errors;

/// <summary>
/// A failure the workflow can name. <see cref="ErrorType"/> becomes the Lambda <c>errorType</c>
/// that the state machine's Retry and Catch match, so it must stay stable once published.
/// </summary>
public class AutomationException : Exception
{
    public AutomationException(string errorType, string message, Exception? inner = null)
        : base(message, inner)
    {
        ErrorType = errorType;
    }

    /// <summary>Stable name from <see cref="ErrorTypes"/>.</summary>
    public string ErrorType { get; }

    /// <summary>The input field at fault, when the failure is about one (JSON path style).</summary>
    public string? Field { get; init; }
}
