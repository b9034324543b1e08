using System.Text.Json.Nodes;
using Automation.LocalCloud.Aws;
using Automation.LocalCloud.Routing;
using Automation.Tests.LocalCloud;

namespace Automation.LocalCloud.Tests.BreakGlassSupport;

/// <summary>StopExecution of a run that waits for a task token ends it ABORTED at once (moto 5.2.1 left it RUNNING),
/// and the execution status events reach the stacks' rules, each transition exactly once.</summary>
[Collection(SharedLocalCloud.Name)]
public sealed class StopAndStatusEventTests(LocalCloudFixture cloud)
{
    private static readonly string[] RunningThenAborted = ["RUNNING", "ABORTED"];

    [Fact]
    public async Task A_stopped_token_wait_is_aborted_at_once_runs_nothing_more_and_its_event_starts_the_rule_target()
    {
        var stack = await SupportStack.DeployAsync(cloud);
        var router = cloud.Sandbox.ViaRouter; // as the CLI or another state machine would: through the router
        var name = $"stop-{Guid.NewGuid():N}"[..20];
        var started = await router.CallAsync(AwsService.StepFunctions, "StartExecution", new JsonObject
        {
            ["stateMachineArn"] = stack.StateMachineArn("HoldStateMachine"),
            ["name"] = name,
            ["input"] = "{}",
        });
        var arn = started["executionArn"]!.GetValue<string>();
        var token = await SupportStack.EventuallyAsync(async () =>
        {
            var events = await HistoryAsync(arn);
            return events.Any(e => Type(e) == "TaskSubmitted")
                ? JsonNode.Parse(events.Single(e => Type(e) == "TaskScheduled")!["taskScheduledEventDetails"]!["parameters"]!.GetValue<string>())!
                    ["Item"]!["taskToken"]!["S"]!.GetValue<string>()
                : null;
        }, "the hold's token stored (TaskSubmitted)");

        await router.CallAsync(AwsService.StepFunctions, "StopExecution", new JsonObject { ["executionArn"] = arn, ["error"] = "Test.Stop", ["cause"] = "stopped by the test" });

        // At once, as AWS: no poll needed.
        var described = await cloud.Sandbox.Aws.CallAsync(AwsService.StepFunctions, "DescribeExecution", new JsonObject { ["executionArn"] = arn });
        Assert.Equal("ABORTED", described["status"]!.GetValue<string>());
        Assert.Equal("Test.Stop", described["error"]!.GetValue<string>());
        Assert.Equal("stopped by the test", described["cause"]!.GetValue<string>());
        var refused = await Assert.ThrowsAsync<AwsServiceException>(() => cloud.Sandbox.Aws.CallAsync(AwsService.StepFunctions, "SendTaskSuccess",
            new JsonObject { ["taskToken"] = token, ["output"] = "{}" }));
        Assert.Equal("TaskTimedOut", refused.Code);

        // The ABORTED event was delivered before StopExecution answered: the rule's target is already running, with the event.
        var events = cloud.Sandbox.Router.StatusEvents;
        Assert.Equal(RunningThenAborted, events.Published.Where(e => e["detail"]!["executionArn"]!.GetValue<string>() == arn)
            .Select(e => e["detail"]!["status"]!.GetValue<string>()));
        var delivery = Assert.Single(events.Deliveries, d => d.ExecutionArn == arn);
        Assert.Equal("ABORTED", delivery.Status);
        Assert.Equal(stack.StateMachineArn("FollowUpStateMachine"), delivery.TargetArn);
        Assert.NotNull(delivery.StartedExecutionArn);
        var followUp = await SupportStack.EventuallyAsync(async () =>
        {
            var d = await cloud.Sandbox.Aws.CallAsync(AwsService.StepFunctions, "DescribeExecution", new JsonObject { ["executionArn"] = delivery.StartedExecutionArn });
            return d["status"]!.GetValue<string>() == "RUNNING" ? null : d;
        }, "the follow-up run ended");
        var input = JsonNode.Parse(followUp["input"]!.GetValue<string>())!;
        Assert.Equal(ExecutionStatusEvents.Source, input["source"]!.GetValue<string>());
        Assert.Equal(ExecutionStatusEvents.DetailType, input["detail-type"]!.GetValue<string>());
        Assert.Equal(arn, input["resources"]![0]!.GetValue<string>());
        var detail = input["detail"]!;
        Assert.Equal(arn, detail["executionArn"]!.GetValue<string>());
        Assert.Equal(stack.StateMachineArn("HoldStateMachine"), detail["stateMachineArn"]!.GetValue<string>());
        Assert.Equal(name, detail["name"]!.GetValue<string>());
        Assert.Equal("ABORTED", detail["status"]!.GetValue<string>());
        Assert.Equal("Test.Stop", detail["error"]!.GetValue<string>());
        Assert.True(detail["stopDate"]!.GetValue<long>() >= detail["startDate"]!.GetValue<long>());
        Assert.Equal("{}", detail["input"]!.GetValue<string>());
        Assert.Null(detail["output"]);

        // Later (the follow-up has run meanwhile): still nothing after the stop — no AfterHold, no Catch, ABORTED last.
        var history = await HistoryAsync(arn);
        Assert.DoesNotContain(history, e => e!["stateEnteredEventDetails"]?["name"]?.GetValue<string>() == "AfterHold");
        Assert.Equal("ExecutionAborted", Type(history[^1]));
        Assert.Equal("ABORTED", (await cloud.Sandbox.Aws.CallAsync(AwsService.StepFunctions, "DescribeExecution", new JsonObject { ["executionArn"] = arn }))["status"]!.GetValue<string>());

        // A sweep sends nothing twice.
        await events.SweepAsync(stack.StateMachines.Select(m => m.Arn), CancellationToken.None);
        Assert.Equal(2, events.Published.Count(e => e["detail"]!["executionArn"]!.GetValue<string>() == arn));
        Assert.Single(events.Deliveries, d => d.ExecutionArn == arn);
    }

    [Fact]
    public async Task A_run_that_ends_by_itself_is_announced_by_a_sweep_and_express_runs_are_not_announced()
    {
        var stack = await SupportStack.DeployAsync(cloud);
        var followUp = stack.StateMachineArn("FollowUpStateMachine");
        var name = $"sweep-{Guid.NewGuid():N}"[..20];
        var started = await cloud.Sandbox.Aws.CallAsync(AwsService.StepFunctions, "StartExecution", new JsonObject
        {
            ["stateMachineArn"] = followUp,
            ["name"] = name,
            ["input"] = """{"source":"test","detail-type":"t","detail":{"name":"n","status":"S"}}""",
        });
        var arn = started["executionArn"]!.GetValue<string>();
        var events = cloud.Sandbox.Router.StatusEvents;
        Assert.DoesNotContain(events.Published, e => e["detail"]!["executionArn"]!.GetValue<string>() == arn); // straight to moto: unseen

        await SupportStack.EventuallyAsync(async () =>
        {
            await events.SweepAsync([followUp], CancellationToken.None);
            return events.Published.Any(e => e["detail"]!["executionArn"]!.GetValue<string>() == arn && e["detail"]!["status"]!.GetValue<string>() == "SUCCEEDED")
                ? "done"
                : null;
        }, "the SUCCEEDED event");

        var mine = events.Published.Where(e => e["detail"]!["executionArn"]!.GetValue<string>() == arn).ToList();
        Assert.Equal(["RUNNING", "SUCCEEDED"], mine.Select(e => e["detail"]!["status"]!.GetValue<string>()));
        Assert.Equal("n", JsonNode.Parse(mine[1]["detail"]!["output"]!.GetValue<string>())!["name"]!.GetValue<string>());

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(cloud.Sandbox.Endpoint, "access/requests/r-express"));
        request.Headers.Add(AccessApiContract.CallerHeader, "arn:aws:iam::123456789012:role/OnCall");
        request.Headers.Add(AccessApiContract.StackHeader, stack.Name);
        using var response = await http.SendAsync(request);
        var apiRun = response.Headers.GetValues(AccessApiContract.ExecutionHeader).Single();
        await events.SweepAsync(stack.StateMachines.Select(m => m.Arn), CancellationToken.None);
        Assert.DoesNotContain(events.Published, e => e["detail"]!["executionArn"]!.GetValue<string>() == apiRun);
    }

    private async Task<List<JsonNode?>> HistoryAsync(string arn) =>
        [.. (await cloud.Sandbox.Aws.CallAsync(AwsService.StepFunctions, "GetExecutionHistory", new JsonObject { ["executionArn"] = arn, ["maxResults"] = 1000 }))["events"]!.AsArray()];

    private static string Type(JsonNode? historyEvent) => historyEvent!["type"]!.GetValue<string>();
}
