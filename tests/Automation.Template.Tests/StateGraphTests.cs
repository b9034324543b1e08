using System.Text.Json.Nodes;
using Automation.Template.Tests.Infrastructure;

namespace Automation.Template.Tests;

/// <summary>
/// The states of each ASL file are written in flow order, and every transition lands on a state of
/// its own scope. Flow order, per scope (top level, each Parallel branch, each Map processor):
/// <list type="number">
/// <item>StartAt is the first state;</item>
/// <item>a state comes after every state that leads to it (Next, Choices, Default, Catch), except
/// along a loop: an edge back to a state that can reach the edge's source;</item>
/// <item>every other state has a state above it that leads to it (loops included), so nothing is
/// written before the flow can have reached it.</item>
/// </list>
/// Read top to bottom, a definition then never names a state the reader has not yet seen a way into,
/// and the shared failure handling (RecordFailure, Failed) comes after everything that fails into it.
/// </summary>
public sealed class StateGraphTests
{
    public static TheoryData<string> DefinitionFiles() =>
        [.. TemplateBundle.Current.StateMachines
            .Select(sm => sm.DefinitionFile)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)];

    [Fact]
    public void Template_has_definition_files_to_check() =>
        Assert.NotEmpty(DefinitionFiles());

    [Theory]
    [MemberData(nameof(DefinitionFiles))]
    public void States_are_written_in_flow_order(string definitionFile) =>
        Problems.AssertNone(FlowOrderProblems(AslGraph.ReadFile(definitionFile)), $"{definitionFile}: states out of flow order");

    [Theory]
    [MemberData(nameof(DefinitionFiles))]
    public void Every_transition_lands_on_a_state_of_its_scope(string definitionFile) =>
        Problems.AssertNone(MissingTargets(AslGraph.ReadFile(definitionFile)), $"{definitionFile}: transitions to no state");

    [Fact]
    public void Flow_order_rejects_a_state_written_after_a_state_it_leads_to()
    {
        // The shape the throttling workflow had: two UpdateTable variants written after the shared
        // failure path they catch into, and a loop that must not count as "out of order".
        JsonObject definition = JsonNode.Parse("""
            {
              "StartAt": "Route",
              "States": {
                "Route": { "Type": "Choice", "Choices": [{ "Variable": "$.k", "StringEquals": "a", "Next": "UpdateA" }], "Default": "UpdateB" },
                "UpdateA": { "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:updateTable", "Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "RecordFailure" }], "Next": "Poll" },
                "Poll": { "Type": "Wait", "Seconds": 1, "Next": "IsDone" },
                "IsDone": { "Type": "Choice", "Choices": [{ "Variable": "$.done", "BooleanEquals": true, "Next": "Done" }], "Default": "Poll" },
                "Done": { "Type": "Succeed" },
                "RecordFailure": { "Type": "Pass", "Next": "Failed" },
                "Failed": { "Type": "Fail" },
                "UpdateB": { "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:updateTable", "Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "RecordFailure" }], "Next": "Poll" },
                "Orphan": { "Type": "Succeed" }
              }
            }
            """)!.AsObject();

        List<string> problems = FlowOrderProblems(definition);

        Assert.Contains(problems, p => p.StartsWith("top level: Poll is written before UpdateB", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("top level: RecordFailure is written before UpdateB", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("top level: Orphan", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("IsDone", StringComparison.Ordinal));
        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void Flow_order_requires_start_at_first_and_transitions_need_targets()
    {
        JsonObject definition = JsonNode.Parse("""
            {
              "StartAt": "First",
              "States": {
                "Second": { "Type": "Pass", "Next": "Nowhere" },
                "First": { "Type": "Parallel", "Branches": [{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": "Second" } } }], "Next": "Second" }
              }
            }
            """)!.AsObject();

        Assert.Contains(FlowOrderProblems(definition), p => p.StartsWith("top level: the first state is Second, not StartAt First", StringComparison.Ordinal));
        Assert.Equal(
            ["top level: Second Next -> Nowhere, which is not a state of this scope", "First/branch 0: A Next -> Second, which is not a state of this scope"],
            MissingTargets(definition));
    }

    private static List<string> FlowOrderProblems(JsonObject definition)
    {
        List<string> problems = [];
        foreach (AslScope scope in AslGraph.Scopes(definition))
        {
            if (scope.States.Count > 0 && scope.States[0].Name != scope.StartAt)
            {
                problems.Add($"{scope.Label}: the first state is {scope.States[0].Name}, not StartAt {scope.StartAt}");
            }

            Dictionary<string, int> position = scope.States
                .Select((s, i) => (s.Name, i))
                .ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
            Dictionary<string, List<string>> predecessors = scope.States.ToDictionary(s => s.Name, _ => new List<string>(), StringComparer.Ordinal);
            foreach ((string name, JsonObject state) in scope.States)
            {
                foreach (string target in AslGraph.Transitions(state).Select(t => t.Target).Distinct(StringComparer.Ordinal))
                {
                    if (!position.TryGetValue(target, out int targetPosition))
                    {
                        continue; // Every_transition_lands_on_a_state_of_its_scope reports it
                    }

                    predecessors[target].Add(name);
                    bool loopsBack = scope.ReachableFrom(target).Contains(name);
                    if (!loopsBack && targetPosition < position[name])
                    {
                        problems.Add($"{scope.Label}: {target} is written before {name}, which leads to it; move {target} below {name}");
                    }
                }
            }

            foreach ((string name, _) in scope.States.Where(s => s.Name != scope.StartAt))
            {
                if (!predecessors[name].Any(p => position[p] < position[name]))
                {
                    problems.Add($"{scope.Label}: {name} has no state above it that leads to it "
                        + (predecessors[name].Count == 0 ? "(nothing leads to it)" : $"(only {string.Join(", ", predecessors[name])})"));
                }
            }
        }

        return problems;
    }

    private static List<string> MissingTargets(JsonObject definition) =>
        AslGraph.Scopes(definition)
            .SelectMany(scope => scope.States.SelectMany(s => AslGraph.Transitions(s.State)
                .Where(t => !scope.Names.Contains(t.Target))
                .Select(t => $"{scope.Label}: {s.Name} {t.Via} -> {t.Target}, which is not a state of this scope")))
            .ToList();
}
