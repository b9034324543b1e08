using Automation.Core.Errors;
using Automation.Core.Incidents;

namespace Automation.Core.Tests.Incidents;

public class IncidentLifecycleTests
{
    private static readonly DateTimeOffset Now = Samples.Started.AddMinutes(5);

    private static AutomationException Refused(Action change)
    {
        var error = Assert.Throws<AutomationException>(change);
        Assert.Equal(ErrorTypes.InvalidInput, error.ErrorType);
        return error;
    }

    [Fact]
    public void Open_derives_the_id_from_the_idempotency_key_only()
    {
        var a = IncidentLifecycle.Open(Samples.Alarm(key: "alarm:1"), Samples.Execution, Samples.Started);
        var again = IncidentLifecycle.Open(Samples.Alarm(key: "alarm:1"), Samples.Execution, Samples.Started.AddMinutes(3));
        var other = IncidentLifecycle.Open(Samples.Alarm(key: "alarm:2"), Samples.Execution, Samples.Started);

        Assert.Equal(a.IncidentId, again.IncidentId);
        Assert.NotEqual(a.IncidentId, other.IncidentId);
        Assert.True(IncidentIds.IsWellFormed(a.IncidentId));
        Assert.Equal(IncidentStatus.Open, a.Status);
        Assert.Equal(1, a.Version);
    }

    [Fact]
    public void Open_keeps_times_at_millisecond_precision_in_utc()
    {
        var started = new DateTimeOffset(2026, 11, 21, 10, 15, 42, TimeSpan.FromHours(2)).AddTicks(1_234_567);

        var incident = IncidentLifecycle.Open(Samples.Alarm(), Samples.Execution, started);

        Assert.Equal(TimeSpan.Zero, incident.OpenedAt.Offset);
        Assert.Equal(started.AddTicks(-4_567).ToUniversalTime(), incident.OpenedAt);
    }

    [Fact]
    public void Time_to_mitigate_runs_from_the_alarm_state_change_to_the_verification()
    {
        var incident = IncidentLifecycle.RecordFindings(Samples.Open(), new IncidentFindings(Action: Samples.Applied()), Now);

        var closed = IncidentLifecycle.Close(incident, IncidentStatus.Mitigated, Samples.Verified(8.5), "fixed", Now);

        Assert.Equal(510_000, closed.TimeToMitigateMs);
        Assert.Equal(IncidentStatus.Mitigated, closed.Status);
        Assert.Equal(Now, closed.ClosedAt);
    }

    [Fact]
    public void Time_to_mitigate_of_a_manual_run_starts_when_it_opened()
    {
        var incident = Samples.Open(Samples.Manual(dryRun: false));

        var closed = IncidentLifecycle.Close(incident, IncidentStatus.Mitigated, new VerificationRecord(Samples.Started.AddMinutes(3), true, null, null), null, Now);

        Assert.Equal(180_000, closed.TimeToMitigateMs);
    }

    [Fact]
    public void Mitigated_needs_a_verification_that_shows_it()
    {
        var incident = Samples.Open();

        Assert.Equal("verification.mitigated", Refused(() => IncidentLifecycle.Close(incident, IncidentStatus.Mitigated, null, null, Now)).Field);
        Assert.Equal("verification.mitigated", Refused(() => IncidentLifecycle.Close(incident, IncidentStatus.Mitigated, Samples.Verified(5, mitigated: false), null, Now)).Field);
    }

    [Fact]
    public void A_verification_before_the_alarm_fired_is_refused()
    {
        var error = Refused(() => IncidentLifecycle.Close(Samples.Open(), IncidentStatus.Mitigated, Samples.Verified(-1), null, Now));

        Assert.Equal("verification.verifiedAt", error.Field);
    }

    [Fact]
    public void Only_other_statuses_than_mitigated_have_no_time_to_mitigate()
    {
        var closed = IncidentLifecycle.Close(Samples.Open(), IncidentStatus.NotMitigated, Samples.Verified(5, mitigated: false), null, Now);

        Assert.Null(closed.TimeToMitigateMs);
    }

    [Fact]
    public void A_dry_run_can_neither_apply_an_action_nor_be_mitigated()
    {
        var dryRun = Samples.Open(Samples.Alarm(dryRun: true));

        Assert.Equal("action.applied", Refused(() => IncidentLifecycle.RecordFindings(dryRun, new IncidentFindings(Action: Samples.Applied()), Now)).Field);
        Assert.Equal("status", Refused(() => IncidentLifecycle.Close(dryRun, IncidentStatus.Mitigated, Samples.Verified(5), null, Now)).Field);
        Assert.Equal(IncidentStatus.DryRunRecorded, IncidentLifecycle.Close(dryRun, IncidentStatus.DryRunRecorded, null, null, Now).Status);
    }

    [Fact]
    public void DryRunRecorded_is_only_for_dry_runs()
    {
        Assert.Equal("status", Refused(() => IncidentLifecycle.Close(Samples.Open(), IncidentStatus.DryRunRecorded, null, null, Now)).Field);
    }

    [Theory]
    [InlineData(IncidentStatus.Open)]
    [InlineData(IncidentStatus.AwaitingApproval)]
    [InlineData(IncidentStatus.Failed)]
    public void Close_takes_a_final_status_other_than_failed(IncidentStatus status)
    {
        Assert.Equal("status", Refused(() => IncidentLifecycle.Close(Samples.Open(), status, null, null, Now)).Field);
    }

    [Fact]
    public void Closing_again_the_same_way_changes_nothing_and_differently_is_refused()
    {
        var closed = IncidentLifecycle.Close(Samples.Open(), IncidentStatus.NoActionNeeded, null, "false alarm", Now);

        Assert.Same(closed, IncidentLifecycle.Close(closed, IncidentStatus.NoActionNeeded, null, "false alarm", Now.AddMinutes(1)));
        Assert.Equal("status", Refused(() => IncidentLifecycle.Close(closed, IncidentStatus.Refused, null, null, Now)).Field);
    }

    [Fact]
    public void Approval_round_trip_keeps_the_token_while_waiting_and_drops_it_when_approved()
    {
        var plan = new PlanRecord("Switch Orders to on-demand", "{}");
        var waiting = IncidentLifecycle.RequestApproval(Samples.Open(), "token-1", plan, Now.AddHours(1), Now);

        Assert.Equal(IncidentStatus.AwaitingApproval, waiting.Status);
        Assert.Equal("token-1", waiting.Approval!.TaskToken);
        Assert.Equal(plan, waiting.Plan);
        Assert.Same(waiting, IncidentLifecycle.RequestApproval(waiting, "token-1", plan, Now.AddHours(1), Now.AddSeconds(5)));
        Assert.Equal("token-2", IncidentLifecycle.RequestApproval(waiting, "token-2", plan, null, Now).Approval!.TaskToken);

        var approved = IncidentLifecycle.Approve(waiting, "alice", "go", Now.AddMinutes(2));

        Assert.Equal(IncidentStatus.Open, approved.Status);
        Assert.Null(approved.Approval!.TaskToken);
        Assert.Equal("alice", approved.Approval.ApprovedBy);
        Assert.Same(approved, IncidentLifecycle.Approve(approved, "alice", "go", Now.AddMinutes(3)));
    }

    [Fact]
    public void Findings_wait_until_approval_and_approval_needs_a_request()
    {
        var waiting = IncidentLifecycle.RequestApproval(Samples.Open(), "t", new PlanRecord("p", null), null, Now);

        Assert.Equal("incidentId", Refused(() => IncidentLifecycle.RecordFindings(waiting, new IncidentFindings(Action: Samples.Applied()), Now)).Field);
        Assert.Same(waiting, IncidentLifecycle.RecordFindings(waiting, IncidentFindings.None, Now));
        Assert.Equal("approval", Refused(() => IncidentLifecycle.Approve(Samples.Open(), "alice", null, Now)).Field);
    }

    [Fact]
    public void Timed_out_or_rejected_approvals_close_without_acting_and_drop_the_token()
    {
        var waiting = IncidentLifecycle.RequestApproval(Samples.Open(), "t", new PlanRecord("p", null), null, Now);

        var timedOut = IncidentLifecycle.Close(waiting, IncidentStatus.ApprovalTimedOut, null, null, Now);
        var rejected = IncidentLifecycle.Close(waiting, IncidentStatus.Refused, null, "rejected by bob", Now);

        Assert.Null(timedOut.Approval!.TaskToken);
        Assert.Null(rejected.Approval!.TaskToken);
        Assert.Equal("status", Refused(() => IncidentLifecycle.Close(waiting, IncidentStatus.Mitigated, Samples.Verified(5), null, Now)).Field);
    }

    [Fact]
    public void An_action_counts_once_however_often_it_is_recorded()
    {
        var findings = new IncidentFindings(Action: Samples.Applied());
        var once = IncidentLifecycle.RecordFindings(Samples.Open(), findings, Now);
        var twice = IncidentLifecycle.RecordFindings(once, findings, Now.AddSeconds(1));
        var second = IncidentLifecycle.RecordFindings(twice, new IncidentFindings(Action: Samples.Applied("GSI WCU 100 -> 300")), Now);
        var dryAction = IncidentLifecycle.RecordFindings(second, new IncidentFindings(Action: Samples.Applied("planned only") with { Applied = false }), Now);

        Assert.Same(once, twice);
        Assert.Equal(1, once.ActionsApplied);
        Assert.Equal(2, second.ActionsApplied);
        Assert.Equal(2, dryAction.ActionsApplied);
    }

    [Fact]
    public void The_first_failure_is_kept_and_a_closed_incident_keeps_its_status()
    {
        var failure = new FailureRecord("GuardrailRefused", "too many switches", "{}", "PlanFix", Now);
        var failed = IncidentLifecycle.Fail(Samples.Open(), failure, Now);
        var closed = IncidentLifecycle.Close(Samples.Open(), IncidentStatus.NoActionNeeded, null, null, Now);

        Assert.Equal(IncidentStatus.Failed, failed.Status);
        Assert.Equal(failure, failed.Failure);
        Assert.Same(failed, IncidentLifecycle.Fail(failed, failure with { Error = "Other" }, Now.AddMinutes(1)));
        Assert.Same(closed, IncidentLifecycle.Fail(closed, failure, Now));
        Assert.Equal("incidentId", Refused(() => IncidentLifecycle.RecordFindings(failed, IncidentFindings.None, Now)).Field);
    }
}
