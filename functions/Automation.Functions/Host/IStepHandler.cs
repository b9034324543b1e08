namespace Automation.Functions.Host;

/// <summary>
/// One workflow step, selected by the Lambda <c>_HANDLER</c> setting. Handlers only translate:
/// JSON input → typed record → core call → typed record → JSON output.
/// </summary>
public interface IStepHandler
{
    /// <summary>The <c>_HANDLER</c> value that selects this step (e.g. <c>NormalizeTrigger</c>).</summary>
    string Name { get; }

    /// <summary>Runs the step on one invocation's payload and returns the response payload.</summary>
    /// <exception cref="Automation.Core.Errors.AutomationException">A typed, reportable failure.</exception>
    Task<string> HandleAsync(string inputJson, InvocationContext context, CancellationToken cancellationToken);
}
