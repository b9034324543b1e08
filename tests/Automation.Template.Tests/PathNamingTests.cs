using System.Text.Json.Nodes;
using Automation.Template.Tests.Infrastructure;

namespace Automation.Template.Tests;

/// <summary>
/// No stuttering paths in the state: a ResultPath names what a step produced, so the step's own
/// fields sit directly under it (<c>$.verification.mitigated</c>, not <c>$.verification.verification.mitigated</c>;
/// <c>$.closed.status</c>, not <c>$.closed.result.status</c>; <c>$.plan.remediation</c>, not <c>$.plan.plan</c>).
/// </summary>
public sealed class PathNamingTests
{
    private static IReadOnlyList<StateMachineDefinition> StateMachines => TemplateBundle.Current.StateMachines;

    [Fact]
    public void Definitions_read_json_paths_to_check() =>
        Assert.All(StateMachines, sm => Assert.True(
            AslPaths.Used(sm.Definition).Count() > 10,
            $"{sm.Label}: found almost no JSONPath; the checks below would pass vacuously."));

    [Fact]
    public void No_json_path_repeats_a_segment() =>
        Problems.AssertNone(
            StateMachines.SelectMany(sm => RepeatedSegments(sm.Definition).Select(p => $"{sm.Label}: {p}")).ToList(),
            "JSONPaths with two consecutive identical segments");

    [Fact]
    public void No_result_shaping_creates_a_stuttering_path() =>
        Problems.AssertNone(
            StateMachines.SelectMany(sm => StutteringResults(sm.Definition).Select(p => $"{sm.Label}: {p}")).ToList(),
            "ResultSelector / ResultPath creating $.x.x or wrapping a whole result in one more level");

    [Fact]
    public void The_checks_find_the_stutters_the_throttling_workflow_had()
    {
        JsonObject definition = JsonNode.Parse("""
            {
              "StartAt": "Plan",
              "States": {
                "Plan": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "ResultSelector": { "plan.$": "$.Payload.plan", "summary.$": "$.Payload.summary" }, "ResultPath": "$.plan", "Next": "Verify" },
                "Verify": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": { "Payload": { "plan.$": "$.plan.plan" } },
                  "ResultSelector": { "verification.$": "$.Payload" }, "ResultPath": "$.verification", "Next": "IsMitigated" },
                "IsMitigated": { "Type": "Choice", "Choices": [{ "Not": { "Variable": "$.verification.verification.mitigated", "BooleanEquals": false }, "Next": "Close" }], "Default": "Close" },
                "Close": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "ResultSelector": { "result.$": "$.Payload" }, "ResultPath": "$.closed",
                  "Catch": [{ "ErrorEquals": ["States.ALL"], "ResultPath": "$.error.error", "Next": "Summarise" }], "Next": "Summarise" },
                "Summarise": { "Type": "Pass", "Parameters": { "status.$": "States.Format('{}', $.closed.result.status)", "error.$": "$.error.Error" }, "End": true }
              }
            }
            """)!.AsObject();

        Assert.Equal(
            [
                "Verify: Parameters.Payload.plan.$ reads $.plan.plan (plan twice)",
                "IsMitigated: Choices[0].Not.Variable reads $.verification.verification.mitigated (verification twice)",
                "Close: Catch[0].ResultPath reads $.error.error (error twice)",
            ],
            RepeatedSegments(definition));
        Assert.Equal(
            [
                "Plan creates $.plan.plan (plan twice)",
                "Verify creates $.verification.verification (verification twice)",
                "Verify: ResultSelector wraps the whole result as $.verification.verification: select its fields instead",
                "Close: ResultSelector wraps the whole result as $.closed.result: select its fields instead",
            ],
            StutteringResults(definition));
    }

    private static List<string> RepeatedSegments(JsonObject definition) =>
        AslPaths.Used(definition)
            .Where(p => AslPaths.Stutter(p.Path) is not null)
            .Select(p => $"{p.Where} reads {p.Path} ({AslPaths.Stutter(p.Path)} twice)")
            .ToList();

    private static List<string> StutteringResults(JsonObject definition)
    {
        List<string> problems = AslPaths.Created(definition)
            .Where(c => AslPaths.Stutter(c.Path) is not null)
            .Select(c => $"{c.State} creates {c.Path} ({AslPaths.Stutter(c.Path)} twice)")
            .ToList();

        // One key holding the whole Lambda payload (or the whole result) adds a level that says nothing.
        foreach ((string path, JsonObject state) in AslStates.All(definition))
        {
            if (state["ResultSelector"] is JsonObject { Count: 1 } selector
                && selector.Single() is var (key, value)
                && key.EndsWith(".$", StringComparison.Ordinal)
                && value?.ToString() is "$" or "$.Payload")
            {
                string under = state["ResultPath"]?.ToString() ?? "$";
                problems.Add($"{path}: ResultSelector wraps the whole result as {(under == "$" ? "$" : under)}.{key[..^2]}: select its fields instead");
            }
        }

        return problems;
    }
}
