using Automation.Tests.LocalCloud;

namespace Automation.LocalCloud.Tests.BreakGlassSupport;

/// <summary>The scenario format's break-glass additions, played: access trigger and interactions (concurrent calls
/// matched in any order), stop at a state, settling on the executions a status rule starts, step faults, IAM faults
/// and roles.</summary>
[Collection(SharedLocalCloud.Name)]
public sealed class SupportScenarioTests(LocalCloudFixture cloud)
{
    [Fact]
    public async Task Two_concurrent_approvals_exactly_one_wins_and_the_follow_up_run_is_waited_for()
    {
        var result = await cloud.Sandbox.PlayAsync(SupportStack.Scenario("access-approve-concurrent.yaml"));

        Assert.True(result.Passed, string.Join("\n", result.Failures));
        Assert.Equal(202, result.Response!.Status);
        var followUp = Assert.Single(result.Executions, e => e.StateMachine == "FollowUpStateMachine");
        Assert.Equal("SUCCEEDED", followUp.Status);
        // The API's own runs (request, two approvals) are executions of the stack too.
        Assert.Equal(3, result.Executions.Count(e => e.StateMachine == "BreakGlassApiStateMachine"));
    }

    [Fact]
    public async Task A_stop_at_a_token_wait_aborts_the_run_and_the_status_rule_sees_it()
    {
        var result = await cloud.Sandbox.PlayAsync(SupportStack.Scenario("access-stop-at-hold.yaml"));

        Assert.True(result.Passed, string.Join("\n", result.Failures));
        Assert.Equal("ABORTED", result.ExecutionStatus);
        Assert.DoesNotContain(result.Timeline, e => e.State == "AfterHold");
    }

    [Fact]
    public async Task A_refused_request_starts_nothing_and_its_answer_is_the_expectation()
    {
        var result = await cloud.Sandbox.PlayAsync(SupportStack.Scenario("access-refused.yaml"));

        Assert.True(result.Passed, string.Join("\n", result.Failures));
        Assert.Equal("NOT_STARTED", result.ExecutionStatus);
        Assert.Equal(400, result.Response!.Status);
        Assert.Equal("AccessRefused", result.Response.Error);
    }

    [Fact]
    public async Task Unmet_access_and_execution_expectations_fail_with_a_reason_each()
    {
        var original = SupportStack.Scenario("access-approve-concurrent.yaml");
        var scenario = original with
        {
            Name = "access-approve-wrong-expectations",
            SourcePath = null,
            Template = Path.Combine(SupportStack.Folder, "support-template.yaml"),
            Interactions = [.. original.Interactions.Select(i => i with { Access = [.. i.Access.Select(a => a with { ExpectResponse = new() { ["status"] = 200 } })] })],
            Expect = original.Expect with
            {
                Response = new() { ["status"] = 200 },
                Executions = [new() { StateMachine = "FollowUpStateMachine", Status = "FAILED" }],
            },
        };

        var result = await cloud.Sandbox.PlayAsync(scenario);

        Assert.False(result.Passed);
        Assert.Contains(result.Failures, f => f.StartsWith("access response status: was 202, expected 200", StringComparison.Ordinal));
        Assert.Contains(result.Failures, f => f.Contains("concurrent answers", StringComparison.Ordinal) && f.Contains("in any order", StringComparison.Ordinal));
        Assert.Contains(result.Failures, f => f.StartsWith("expect.executions[0]: no execution of FollowUpStateMachine meets it", StringComparison.Ordinal));
        Assert.Equal(3, result.Failures.Count);
    }

    [Fact]
    public async Task A_step_fault_every_time_fails_the_step_without_running_the_handler()
    {
        var invocations = cloud.Sandbox.Router.Functions.Invocations.Count;

        var result = await cloud.Sandbox.PlayAsync(SupportStack.Scenario("step-fault-every-time.yaml"));

        Assert.True(result.Passed, string.Join("\n", result.Failures));
        Assert.Equal(["RecordFailed"], Assert.Single(result.Timeline, e => e.State == "Step").AttemptErrors);
        Assert.Equal(invocations, cloud.Sandbox.Router.Functions.Invocations.Count); // the handler never ran
    }

    [Fact]
    public async Task A_step_fault_once_is_retried_and_the_retry_runs_the_real_handler()
    {
        var result = await cloud.Sandbox.PlayAsync(SupportStack.Scenario("step-fault-once.yaml"));

        Assert.True(result.Passed, string.Join("\n", result.Failures));
        Assert.Equal(["Flaky", "InvalidTrigger"], Assert.Single(result.Timeline, e => e.State == "Step").AttemptErrors);
    }

    [Fact]
    public async Task An_iam_fault_is_an_iam_error_the_workflow_retries_and_arranged_roles_are_checked_through_iam()
    {
        var result = await cloud.Sandbox.PlayAsync(SupportStack.Scenario("iam-fault-and-roles.yaml"));

        Assert.True(result.Passed, string.Join("\n", result.Failures));
        Assert.Equal(["Iam.ServiceFailureException"], Assert.Single(result.Timeline, e => e.State == "DeletePolicy").AttemptErrors);
        Assert.Equal(0, cloud.Sandbox.Router.QueryFaults.InjectedCount("iam")); // the play's rules are gone
    }
}
