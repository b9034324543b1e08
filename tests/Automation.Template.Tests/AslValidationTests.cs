using Automation.Template.Tests.Infrastructure;

namespace Automation.Template.Tests;

/// <summary>Every state machine's ASL, with its substitutions filled in, is a definition Step
/// Functions would accept.</summary>
public sealed class AslValidationTests(AslValidationFixture fixture) : IClassFixture<AslValidationFixture>
{
    private static IReadOnlyList<StateMachineDefinition> StateMachines => TemplateBundle.Current.StateMachines;

    [Fact]
    public void Substitutions_resolve_to_values_that_keep_the_definition_json()
    {
        string[] problems = StateMachines
            .SelectMany(sm => sm.UnresolvedSubstitutions.Select(kv => $"{sm.Label}: {kv.Key}: {kv.Value}"))
            .Concat(fixture.ParseErrors.Values)
            .ToArray();

        Problems.AssertNone(problems, "Substitutions that cannot be resolved or break the ASL");
    }

    [Fact]
    public void Definitions_pass_asl_validator()
    {
        string[] problems = StateMachines
            .Where(sm => fixture.AslValidatorResults.TryGetValue(sm.LogicalId, out var r) && !r.Valid)
            .SelectMany(sm => fixture.AslValidatorResults[sm.LogicalId].Errors.Select(e => $"{sm.Label}: {e}"))
            .ToArray();

        Problems.AssertNone(problems, "asl-validator rejects");
    }

    [Fact]
    public void Definitions_pass_cfn_lint_as_plain_state_machines()
    {
        Dictionary<string, StateMachineDefinition> byId = StateMachines.ToDictionary(sm => sm.LogicalId);
        string[] problems = fixture.CfnLintMatches
            .Where(m => m.Resource != AslValidationFixture.ControlId)
            .Select(m => $"{(byId.TryGetValue(m.Resource, out var sm) ? sm.Label : m.Resource)}: {m}")
            .ToArray();

        Problems.AssertNone(problems, "cfn-lint rejects the inlined definitions");
    }

    [Fact]
    public void Both_validators_reject_a_broken_definition()
    {
        (bool valid, IReadOnlyList<string> errors) = fixture.AslValidatorResults[AslValidationFixture.ControlId];
        Assert.False(valid, "asl-validator accepted the broken control definition: it is not checking.");
        Assert.Contains(errors, e => e.Contains("MaxAttempts", StringComparison.Ordinal));
        Assert.Contains(
            fixture.CfnLintMatches,
            m => m.Resource == AslValidationFixture.ControlId && m.Rule == "E3601");
    }
}
