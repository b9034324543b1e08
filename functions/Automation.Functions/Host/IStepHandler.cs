namespace Automation.Functions.Host;

/// <summary>
/// One workflow step, selected by the Lambda <c>_HANDLER</c> setting. Implement it by deriving from
/// <see cref="StepHandler{TInput,TOutput}"/>, which owns parsing, cancellation, logging scope and serialisation.
/// </summary>
public interface IStepHandler
{
    /// <summary>The <c>_HANDLER</c> value that selects this step (e.g. <c>NormalizeTrigger</c>).</summary>
    string Name { get; }

    /// <summary>
    /// The typed errors (<see cref="Automation.Core.Errors.ErrorTypes"/>) this step can throw that are worth retrying,
    /// beyond the Lambda service errors every task retries. The state machine's Retry for this step's tasks names
    /// exactly these (enforced by the template tests).
    /// </summary>
    IReadOnlyList<string> RetryableErrors { get; }

    /// <summary>
    /// Runs the step on one invocation's payload and returns the response payload, both UTF-8 JSON as the Runtime API
    /// carries them (no UTF-16 copy of either on the way through).
    /// </summary>
    /// <exception cref="Automation.Core.Errors.AutomationException">A typed, reportable failure.</exception>
    Task<byte[]> HandleAsync(ReadOnlyMemory<byte> utf8Input, InvocationContext context, CancellationToken cancellationToken);
}

/// <summary>The same call with JSON text, for in-process callers (tests, the local cloud): the bytes path underneath.</summary>
public static class StepHandlerText
{
    /// <summary>Runs <paramref name="handler"/> on <paramref name="inputJson"/> and returns its response as text.</summary>
    public static async Task<string> HandleAsync(this IStepHandler handler, string inputJson, InvocationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(inputJson);
        byte[] output = await handler.HandleAsync(System.Text.Encoding.UTF8.GetBytes(inputJson), context, cancellationToken).ConfigureAwait(false);
        return System.Text.Encoding.UTF8.GetString(output);
    }
}
