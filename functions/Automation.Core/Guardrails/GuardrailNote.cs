namespace Automation.Core.Guardrails;

/// <summary>A guardrail that shaped a plan (clipped a target, ruled out an option), for the incident record.</summary>
/// <param name="Guardrail">Which guardrail.</param>
/// <param name="IndexName">The GSI it applied to, or null for the table.</param>
/// <param name="Detail">What it did, in one sentence.</param>
public sealed record GuardrailNote(GuardrailKind Guardrail, string? IndexName, string Detail);
