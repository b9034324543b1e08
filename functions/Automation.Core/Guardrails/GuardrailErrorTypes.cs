namespace Automation.Core.Guardrails;

/// <summary>
/// Error types of the guardrail re-check beyond <see cref="Errors.ErrorTypes"/>. Matched by name in the ASL.
/// </summary>
public static class GuardrailErrorTypes
{
    /// <summary>
    /// The table or index is not ACTIVE (an update is in progress): the plan may still be valid in a minute,
    /// so unlike <see cref="Errors.ErrorTypes.GuardrailRefused"/> this one is worth retrying with backoff.
    /// </summary>
    public const string ResourceNotReady = "ResourceNotReady";
}