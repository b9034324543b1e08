using Automation.Core.Guardrails;

namespace Automation.Core.Tests.Guardrails;

/// <summary>Guardrail policies for tests: the built-in defaults with one section changed.</summary>
internal static class TestPolicies
{
    public static GuardrailPolicy Defaults { get; } = new(7, GuardrailSettings.Default, PricingAssumptions.Default, []);

    public static GuardrailPolicy With(Func<GuardrailSettings, GuardrailSettings> change) =>
        Defaults with { Defaults = change(GuardrailSettings.Default) };

    public static GuardrailPolicy Capacity(Func<CapacityGuardrails, CapacityGuardrails> change) =>
        With(s => s with { Capacity = change(s.Capacity) });

    public static GuardrailPolicy OnDemand(Func<OnDemandGuardrails, OnDemandGuardrails> change) =>
        With(s => s with { OnDemand = change(s.OnDemand) });

    public static GuardrailPolicy WithSegments(this GuardrailPolicy policy, params GuardrailSegment[] segments) =>
        policy with { Segments = segments };
}
