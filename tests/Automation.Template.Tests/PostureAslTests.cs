using System.Text.Json.Nodes;
using Automation.Template.Tests.Infrastructure;

namespace Automation.Template.Tests;

/// <summary>
/// posture.asl.json guarantees that a template check can hold: one table's unreadable fact never fails the run (each
/// fact-gathering task of the table Map catches into a per-table result), and an approval answer without a boolean
/// <c>approved</c> is a rejection, not a States.Runtime failure.
/// </summary>
public sealed class PostureAslTests
{
    private static JsonObject Posture =>
        TemplateBundle.Current.StateMachines.Single(s => s.LogicalId == "PostureStateMachine").Definition;

    [Fact]
    public void Every_task_of_the_table_map_catches_everything_into_a_per_table_result()
    {
        JsonObject states = Posture["States"]!["GatherTableFacts"]!["ItemProcessor"]!["States"]!.AsObject();
        List<string> problems = [];
        int tasks = 0;
        foreach ((string name, JsonNode? node) in states)
        {
            if (node!["Type"]?.ToString() != "Task")
            {
                continue;
            }

            tasks++;
            JsonNode? catchAll = (node["Catch"]?.AsArray() ?? [])
                .FirstOrDefault(c => c!["ErrorEquals"]!.AsArray().Any(e => e!.ToString() == "States.ALL"));
            if (catchAll is null)
            {
                problems.Add($"{name}: no Catch of States.ALL (one table's failure fails the whole run, with no report)");
                continue;
            }

            JsonNode? target = states[catchAll["Next"]!.ToString()];
            bool perTable = target?["Type"]?.ToString() == "Pass" && target["End"]?.GetValue<bool>() == true
                && target["Parameters"]?["tableName.$"] is not null && target["Parameters"]?["error.$"] is not null
                && target["Parameters"]?["unreadable"]?.GetValue<bool>() == true;
            if (!perTable)
            {
                problems.Add($"{name}: States.ALL goes to {catchAll["Next"]}, not a Pass that ends the iteration with tableName, error and unreadable: true");
            }
        }

        Assert.True(tasks >= 6, $"GatherTableFacts has {tasks} tasks; expected at least DescribeTable ... BuildTableFacts.");
        Problems.AssertNone(problems, "GatherTableFacts tasks that can fail the run");
    }

    [Fact]
    public void Approval_without_a_boolean_approved_goes_to_rejected_before_any_comparison()
    {
        JsonArray choices = Posture["States"]!["Approved?"]!["Choices"]!.AsArray();
        int firstComparison = choices.ToList().FindIndex(c => c!["BooleanEquals"] is not null);

        Assert.True(firstComparison >= 0, "Approved? compares $.approval.approved nowhere");
        JsonNode?[] guards = [.. choices.Take(firstComparison)];
        Assert.Contains(guards, c => c!["Variable"]!.ToString() == "$.approval.approved" && c["IsPresent"]?.GetValue<bool>() == false && c["Next"]!.ToString() == "MarkRejected");
        Assert.Contains(guards, c => c!["Variable"]!.ToString() == "$.approval.approved" && c["IsBoolean"]?.GetValue<bool>() == false && c["Next"]!.ToString() == "MarkRejected");
        Assert.Equal("MarkRejected", Posture["States"]!["Approved?"]!["Default"]!.ToString());
    }
}
