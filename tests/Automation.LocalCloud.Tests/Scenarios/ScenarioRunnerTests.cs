using System.Text.Json.Nodes;
using Automation.LocalCloud.Scenarios;
using Automation.Tests.LocalCloud;
using Automation.Tests.Shared;

namespace Automation.LocalCloud.Tests.Scenarios;

/// <summary>The runner must report unmet expectations, not just play: otherwise every scenario "passes".</summary>
[Collection(SharedLocalCloud.Name)]
public sealed class ScenarioRunnerTests(LocalCloudFixture cloud)
{
    private static Scenario Default() => ScenarioLoader.Load(RepoPaths.Combine("scenarios", "throttling-response", "table-alarm.yaml"));

    [Fact]
    public async Task Wrong_expectations_fail_with_a_reason_for_each()
    {
        // not-actionable-alarm-ok: SUCCEEDED through NotActionable, on the on-demand table demo-sessions.
        var original = ScenarioLoader.Load(RepoPaths.Combine("scenarios", "throttling-response", "not-actionable-alarm-ok.yaml"));
        var scenario = original with
        {
            SourcePath = null,
            Name = "not-actionable-wrong-expectations",
            Expect = original.Expect with
            {
                Status = "FAILED",
                Output = new() { ["$.notActionableReason"] = JsonValue.Create("CompositeAlarm"), ["$.missing"] = JsonValue.Create(1) },
                States = new() { ["NotActionable"] = new ScenarioStateExpectation { Entered = false } },
                State =
                [
                    new ScenarioCheck
                    {
                        Call = "dynamodb.DescribeTable",
                        Params = new JsonObject { ["TableName"] = "demo-sessions" },
                        Expect = new() { ["$.Table.BillingModeSummary.BillingMode"] = JsonValue.Create("PROVISIONED") },
                    },
                ],
            },
        };

        var result = await cloud.Sandbox.PlayAsync(scenario);

        Assert.False(result.Passed);
        Assert.Equal("SUCCEEDED", result.ExecutionStatus);
        Assert.Contains(result.Failures, f => f.Contains("was SUCCEEDED, expected FAILED", StringComparison.Ordinal));
        Assert.Contains(result.Failures, f => f.Contains("$.notActionableReason: was \"AlarmNotInAlarmState\"", StringComparison.Ordinal));
        Assert.Contains(result.Failures, f => f.Contains("$.missing: missing", StringComparison.Ordinal));
        Assert.Contains(result.Failures, f => f.Contains("state NotActionable: entered, expected not to run", StringComparison.Ordinal));
        Assert.Contains(result.Failures, f => f.Contains("BillingMode: was \"PAY_PER_REQUEST\", expected \"PROVISIONED\"", StringComparison.Ordinal));
        Assert.Equal(5, result.Failures.Count);
    }

    [Fact]
    public async Task A_scenario_file_outside_the_repository_plays()
    {
        var folder = Directory.CreateTempSubdirectory("localcloud-scenario-");
        try
        {
            var file = Path.Combine(folder.FullName, "outside.json");
            await File.WriteAllTextAsync(file, """
                {
                  "name": "outside-invalid",
                  "workflow": "ThrottlingResponseStateMachine",
                  "trigger": { "input": { "tableNam": "outside-table" } },
                  "expect": { "status": "FAILED", "error": "InvalidTrigger", "visited": ["NormalizeTrigger", "ParseInvalidTriggerCause", "RejectInvalidTrigger"] }
                }
                """);

            var result = await cloud.Sandbox.PlayAsync(ScenarioLoader.Load(ScenarioLoader.Resolve(file, RepoPaths.Combine("scenarios"))));

            Assert.True(result.Passed, string.Join("\n", result.Failures));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_alarm_event_has_the_shape_eventbridge_delivers()
    {
        var result = await cloud.Sandbox.PlayAsync(Default() with { Name = "table-alarm-event-shape" });

        var history = await cloud.Sandbox.Aws.CallAsync("stepfunctions", "GetExecutionHistory", new JsonObject { ["executionArn"] = result.ExecutionArn });
        var started = history["events"]!.AsArray().First(e => e!["type"]!.GetValue<string>() == "ExecutionStarted");
        var input = JsonNode.Parse(started!["executionStartedEventDetails"]!["input"]!.GetValue<string>())!;
        Assert.Equal("aws.cloudwatch", input["source"]!.GetValue<string>());
        Assert.Equal("CloudWatch Alarm State Change", input["detail-type"]!.GetValue<string>());
        Assert.EndsWith(":alarm:ddb-automation-demo-orders-WriteThrottleEvents", input["resources"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("ALARM", input["detail"]!["state"]!["value"]!.GetValue<string>());
        Assert.Equal("OK", input["detail"]!["previousState"]!["value"]!.GetValue<string>());
        Assert.Equal(412.0, JsonNode.Parse(input["detail"]!["state"]!["reasonData"]!.GetValue<string>())!["recentDatapoints"]![0]!.GetValue<double>());
        var metric = input["detail"]!["configuration"]!["metrics"]![0]!["metricStat"]!;
        Assert.Equal("demo-orders", metric["metric"]!["dimensions"]!["TableName"]!.GetValue<string>());
        Assert.Equal(60, metric["period"]!.GetValue<int>());
    }
}
