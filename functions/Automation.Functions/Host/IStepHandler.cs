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

    /// <summary>Runs the step on one invocation's payload and returns the response payload.</summary>
    /// <exception cref="Automation.Core.Errors.AutomationException">A typed, reportable failure.</exception>
    Task<string> HandleAsync(string inputJson, InvocationContext context, CancellationToken cancellationToken);
}
