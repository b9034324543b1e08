namespace Automation.Functions.Contracts.Incidents;

/// <summary>
/// The error object a Step Functions <c>Catch</c> puts at its <c>ResultPath</c>:
/// <c>{"Error": "GuardrailRefused", "Cause": "..."}</c> (PascalCase, as Step Functions writes it).
/// For a Lambda failure the cause is itself JSON: <c>{"errorMessage", "errorType", "stackTrace"}</c>.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record StepFunctionsError(
    [property: JsonPropertyName("Error")] string? Error = null,
    [property: JsonPropertyName("Cause")] string? Cause = null);
