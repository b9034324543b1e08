using Automation.Core.Access;
using Automation.Core.Errors;

using static Automation.Core.Tests.Access.AccessRecordFixtures;
using static Automation.Core.Tests.Access.AccessSamples;

namespace Automation.Core.Tests.Access;

/// <summary>
/// Every transition of an access record: its allowed path (the version raised by one, one event on the timeline) and its
/// refusals (the error type, the field, and a message that says why), with the boundaries of who may do what.
/// </summary>
public class AccessRecordLifecycleTests
{
    private static readonly DateTimeOffset Later = Now.AddMinutes(5);

    // ---- Open, Started, Await ----

    [Fact]
    public void Open_records_the_request_at_version_one_with_nothing_granted_or_to_review()
    {
        AccessRecord record = Opened(Write);

        Assert.Equal((RequestId, 1, AccessStatus.Requested, 2), (record.RequestId, record.Version, record.Status, record.ApprovalsNeeded));
        Assert.Equal(Write, record.Request);
        Assert.Equal(("Orders", 1, Now), (record.Table, record.SegmentVersion, record.RequestedAt));
        Assert.Empty(record.Approvals);
        Assert.Empty(record.Extensions);
        Assert.Null(record.Wait);
        Assert.Null(record.Grant);
        Assert.Null(record.Revocation);
        Assert.Null(record.ExecutionArn);
        Assert.Equal("NotRequired", record.Review.State);
        Assert.Equal([new AccessEvent(Now, "requested", Requester, Valid.Reason)], record.Events);
    }

    [Fact]
    public void A_declared_emergency_that_skips_approval_says_so_on_the_timeline()
    {
        AccessRecord emergency = Opened(Emergency);
        AccessRecord needsApproval = AccessLifecycle.Open(RequestId, Emergency, "Orders", 1, 1, Now);

        Assert.Equal(0, emergency.ApprovalsNeeded);
        Assert.Equal(["requested", "emergency"], emergency.Events.Select(e => e.What));
        Assert.Contains("proceeds without approval; a review after the fact is required", emergency.Events[1].Detail, StringComparison.Ordinal);
        Assert.Equal(["requested"], needsApproval.Events.Select(e => e.What));
    }

    [Fact]
    public void Started_records_the_execution_once()
    {
        AccessRecord opened = Opened();

        AccessRecord started = AccessLifecycle.Started(opened, ExecutionArn, Now);
        AccessRecord retried = AccessLifecycle.Started(started, ExecutionArn + "-again", Later);

        AssertOneStep(opened, started, "started");
        Assert.Equal((ExecutionArn, AccessStatus.Requested), (started.ExecutionArn, started.Status));
        Assert.Same(started, retried);
    }

    [Fact]
    public void Awaiting_approval_stores_the_token_and_its_timeout_and_a_repeat_stores_the_newer_token()
    {
        AccessRecord started = Started();

        AccessRecord pending = AccessLifecycle.Await(started, AccessLifecycle.ApprovalWait, "t1", 1800, Now);
        AccessRecord again = AccessLifecycle.Await(pending, AccessLifecycle.ApprovalWait, "t2", 60, Later);

        AssertOneStep(started, pending, "awaiting-approval");
        Assert.Equal(AccessStatus.PendingApproval, pending.Status);
        Assert.Equal(new AccessWait(AccessLifecycle.ApprovalWait, "t1", Now, Now.AddMinutes(30)), pending.Wait);
        Assert.Equal("until 2026-11-20T02:43:00Z", pending.Events[^1].Detail);
        AssertOneStep(pending, again, "awaiting-approval");
        Assert.Equal(new AccessWait(AccessLifecycle.ApprovalWait, "t2", Later, Later.AddSeconds(60)), again.Wait);
    }

    [Fact]
    public void The_hold_waits_on_a_live_grant_only()
    {
        AccessRecord active = AccessLifecycle.Granted(Prepared(), Now.AddMinutes(3));

        AccessRecord holding = AccessLifecycle.Await(active, AccessLifecycle.HoldWait, HoldToken, -5, Later);

        AssertOneStep(active, holding, "holding");
        Assert.Equal(AccessStatus.Active, holding.Status);
        Assert.Equal(new AccessWait(AccessLifecycle.HoldWait, HoldToken, Later, Later), holding.Wait); // a negative timeout is none
    }

    [Fact]
    public void A_wait_that_does_not_fit_the_state_is_a_concurrent_modification_naming_the_request()
    {
        AssertRefused(() => AccessLifecycle.Await(Holding(), AccessLifecycle.ApprovalWait, "t", 60, Later),
            ErrorTypes.AccessNotInState, "requestId", $"Request {RequestId} is Active: it does not wait for approval.");
        AssertRefused(() => AccessLifecycle.Await(Pending(), AccessLifecycle.HoldWait, "t", 60, Later),
            ErrorTypes.AccessNotInState, "requestId", "is PendingApproval: it does not wait for hold.");
        AssertRefused(() => AccessLifecycle.Await(Rejected(), AccessLifecycle.ApprovalWait, "t", 60, Later),
            ErrorTypes.AccessNotInState, "requestId", "is Rejected: it does not wait for approval.");
        AssertRefused(() => AccessLifecycle.Await(Pending(), "nap", "t", 60, Later),
            ErrorTypes.InvalidInput, "kind", "must be 'approval' or 'hold', got 'nap'");
    }

    // ---- Decide ----

    [Fact]
    public void One_approval_by_an_approver_completes_a_read_request_and_hands_out_the_approval_token()
    {
        AccessRecord pending = Pending(Read);

        (AccessRecord next, string? token) = AccessLifecycle.Decide(pending, Lead, AccessLifecycle.Approved, "go", Scope, Later);

        Assert.Equal(ApprovalToken, token);
        AssertOneStep(pending, next, "approved", Lead);
        Assert.Equal(AccessStatus.Granting, next.Status);
        Assert.Null(next.Wait);
        Assert.Equal([new AccessDecisionRecord(Lead, Later, AccessLifecycle.Approved, "go")], next.Approvals);
    }

    [Fact]
    public void A_write_request_needs_two_distinct_approvers_and_only_the_second_gets_the_token()
    {
        AccessRecord pending = Pending(Write);
        Assert.Equal(2, pending.ApprovalsNeeded);

        (AccessRecord first, string? firstToken) = AccessLifecycle.Decide(pending, Lead, AccessLifecycle.Approved, null, Scope, Later);
        (AccessRecord second, string? secondToken) = AccessLifecycle.Decide(first, Lead2, AccessLifecycle.Approved, null, Scope, Later.AddMinutes(1));

        Assert.Null(firstToken);
        AssertOneStep(pending, first, "approved", Lead);
        Assert.Equal(AccessStatus.PendingApproval, first.Status);
        Assert.Equal(pending.Wait, first.Wait);
        Assert.Equal(ApprovalToken, secondToken);
        AssertOneStep(first, second, "approved", Lead2);
        Assert.Equal(AccessStatus.Granting, second.Status);
        Assert.Null(second.Wait);
        Assert.Equal([Lead, Lead2], second.Approvals.Select(a => a.By));
    }

    [Fact]
    public void A_rejection_decides_at_once_even_after_one_approval_of_two()
    {
        AccessRecord first = AccessLifecycle.Decide(Pending(Write), Lead, AccessLifecycle.Approved, null, Scope, Later).Record;

        (AccessRecord rejected, string? token) = AccessLifecycle.Decide(first, Lead2, AccessLifecycle.Rejected, "too broad", Scope, Later);

        Assert.Equal(ApprovalToken, token);
        AssertOneStep(first, rejected, "rejected", Lead2);
        Assert.Equal(AccessStatus.Rejected, rejected.Status);
        Assert.Null(rejected.Wait);
        Assert.Equal([AccessLifecycle.Approved, AccessLifecycle.Rejected], rejected.Approvals.Select(a => a.Decision));
        Assert.True(rejected.IsClosed);
        AssertNotAllowed(() => AccessLifecycle.Decide(rejected, Lead, AccessLifecycle.Approved, null, Scope, Later),
            $"request {RequestId} is Rejected, not awaiting approval");
    }

    [Fact]
    public void A_rejection_of_a_read_request_closes_it()
    {
        AccessRecord pending = Pending(Read);

        (AccessRecord rejected, string? token) = AccessLifecycle.Decide(pending, Lead, AccessLifecycle.Rejected, null, Scope, Later);

        Assert.Equal((AccessStatus.Rejected, ApprovalToken), (rejected.Status, token));
        AssertOneStep(pending, rejected, "rejected", Lead);
    }

    [Theory]
    [InlineData(Requester)] // the same ARN
    [InlineData("arn:aws:sts::123456789012:assumed-role/OnCall/ALICE")] // the same session (IAM names ignore case)
    [InlineData(RequesterRole)] // the role stands for every session of it
    public void The_requester_may_not_approve_or_reject_their_own_request(string approver)
    {
        Assert.True(AccessCriteria.SamePerson(approver, Requester));
        var scope = Scope with { Approvers = ["arn:aws:sts::*:assumed-role/OnCall/*", "arn:aws:iam::*:role/OnCall"] }; // even if listed

        foreach (string decision in new[] { AccessLifecycle.Approved, AccessLifecycle.Rejected })
        {
            AssertNotAllowed(() => AccessLifecycle.Decide(Pending(), approver, decision, null, scope, Later),
                $"Not allowed: {approver} asked for this access: a request needs approval by a different verified person.");
        }
    }

    [Fact]
    public void Another_session_of_the_requesters_role_is_another_person_who_may_approve_if_the_segment_lists_them()
    {
        Assert.False(AccessCriteria.SamePerson(OtherOnCallSession, Requester));
        var scope = Scope with { Approvers = ["arn:aws:sts::*:assumed-role/OnCall/*"] };

        (AccessRecord next, string? token) = AccessLifecycle.Decide(Pending(), OtherOnCallSession, AccessLifecycle.Approved, null, scope, Later);

        Assert.Equal((AccessStatus.Granting, ApprovalToken), (next.Status, token));
        AssertNotAllowed(() => AccessLifecycle.Decide(Pending(), OtherOnCallSession, AccessLifecycle.Approved, null, Scope, Later),
            $"{OtherOnCallSession} is not an approver of segment orders (its access.approvers)");
    }

    [Theory]
    [InlineData(Stranger)]
    [InlineData("arn:aws:sts::210987654321:assumed-role/Developer/bob")]
    [InlineData("arn:aws:iam::123456789012:user/bob")]
    public void Somebody_who_is_not_an_approver_of_the_segment_may_not_decide(string caller)
    {
        AccessRecord pending = Pending();

        AssertNotAllowed(() => AccessLifecycle.Decide(pending, caller, AccessLifecycle.Approved, null, Scope, Later),
            $"{caller} is not an approver of segment orders (its access.approvers)");
        AssertNotAllowed(() => AccessLifecycle.Decide(pending, caller, AccessLifecycle.Rejected, null, Scope, Later), "is not an approver");
    }

    [Fact]
    public void A_caller_whose_ARN_does_not_parse_is_refused()
    {
        AssertRefused(() => AccessLifecycle.Decide(Pending(), "bob", AccessLifecycle.Approved, null, Scope with { Approvers = ["*"] }, Later),
            ErrorTypes.ApprovalNotAllowed, "caller", "Not allowed: bob");
    }

    [Theory]
    [InlineData(Lead, AccessLifecycle.Approved)]
    [InlineData("arn:aws:sts::123456789012:assumed-role/OnCallLead/BOB", AccessLifecycle.Approved)] // the same session, other case
    [InlineData(Lead, AccessLifecycle.Rejected)] // once approved, the same person cannot also reject
    public void Each_person_decides_once(string again, string decision)
    {
        AccessRecord first = AccessLifecycle.Decide(Pending(Write), Lead, AccessLifecycle.Approved, null, Scope, Later).Record;

        AssertNotAllowed(() => AccessLifecycle.Decide(first, again, decision, null, Scope, Later),
            $"{again} has already decided on request {RequestId}: each person counts once");
    }

    [Fact]
    public void Approving_before_the_workflow_stored_its_token_says_to_try_again()
    {
        AccessRecord requested = Started();
        Assert.Equal(AccessStatus.Requested, requested.Status);

        AssertNotAllowed(() => AccessLifecycle.Decide(requested, Lead, AccessLifecycle.Approved, null, Scope, Later),
            $"request {RequestId} is not awaiting approval yet (its workflow is starting): try again in a few seconds");
    }

    [Fact]
    public void Deciding_on_a_request_that_no_longer_waits_for_approval_is_refused()
    {
        AssertNotAllowed(() => AccessLifecycle.Decide(Approved(), Lead2, AccessLifecycle.Approved, null, Scope, Later),
            $"request {RequestId} is Granting, not awaiting approval");
        AssertNotAllowed(() => AccessLifecycle.Decide(Expired(), Lead, AccessLifecycle.Approved, null, Scope, Later), "is Expired, not awaiting approval");
        AssertNotAllowed(() => AccessLifecycle.Decide(Holding(), Lead, AccessLifecycle.Rejected, null, Scope, Later), "is Active, not awaiting approval");

        // PendingApproval without an approval wait (e.g. a record written by hand) is not decidable either.
        AccessRecord noWait = Pending() with { Wait = null };
        AssertNotAllowed(() => AccessLifecycle.Decide(noWait, Lead, AccessLifecycle.Approved, null, Scope, Later), "is PendingApproval, not awaiting approval");
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("Approved")]
    [InlineData("")]
    public void A_decision_is_approved_or_rejected(string decision)
    {
        AssertRefused(() => AccessLifecycle.Decide(Pending(), Lead, decision, null, Scope, Later),
            ErrorTypes.InvalidInput, "action", $"must be approve or reject, got '{decision}'");
    }

    // ---- EmergencyProceeds, Expire ----

    [Fact]
    public void An_allowed_emergency_proceeds_without_approval_once()
    {
        AccessRecord started = Started(Emergency);

        AccessRecord proceeds = AccessLifecycle.EmergencyProceeds(started, Now);

        AssertOneStep(started, proceeds, "emergency-proceeds");
        Assert.Equal(AccessStatus.Granting, proceeds.Status);
        Assert.Empty(proceeds.Approvals);
        Assert.Same(proceeds, AccessLifecycle.EmergencyProceeds(proceeds, Later));
    }

    [Fact]
    public void A_request_that_needs_approval_never_proceeds_as_an_emergency()
    {
        AssertRefused(() => AccessLifecycle.EmergencyProceeds(Started(Read), Now),
            ErrorTypes.AccessNotInState, "requestId", $"Request {RequestId} is Requested: it needs approval: it is not an allowed emergency.");

        // Declared, but the scope makes it need approval (a write under emergency: readOnly).
        AccessRecord writeEmergency = AccessLifecycle.Open(RequestId, Write with { Emergency = true }, "Orders", 1, 2, Now);
        AssertRefused(() => AccessLifecycle.EmergencyProceeds(writeEmergency, Now), ErrorTypes.AccessNotInState, "requestId", "it is not an allowed emergency");
    }

    [Fact]
    public void A_request_nobody_approved_in_time_expires_and_nothing_else_does()
    {
        AccessRecord pending = Pending();
        AccessRecord requested = Started();

        AccessRecord expired = AccessLifecycle.Expire(pending, Later);

        AssertOneStep(pending, expired, "expired");
        Assert.Equal((AccessStatus.Expired, null), (expired.Status, expired.Wait));
        Assert.Equal(AccessStatus.Expired, AccessLifecycle.Expire(requested, Later).Status);
        Assert.True(expired.IsClosed);
        foreach (AccessRecord other in new[] { expired, Approved(), Holding(), Rejected(), RevokedRecord() })
        {
            Assert.Same(other, AccessLifecycle.Expire(other, Later));
        }
    }

    // ---- Prepare, Granted ----

    [Fact]
    public void Prepare_records_the_grant_and_opens_the_review_before_anything_exists_in_IAM()
    {
        AccessRecord approved = Approved();
        AccessGrant grant = Grant(Read);

        AccessRecord prepared = AccessLifecycle.Prepare(approved, grant, RoleArn, Later);

        AssertOneStep(approved, prepared, "prepared");
        Assert.Equal(AccessStatus.Granting, prepared.Status);
        Assert.Equal(new AccessGrantRecord(grant.RoleName, RoleArn, grant.PolicyName, grant.PolicyDocument, grant.TrustPolicyDocument, Later, null,
            grant.ExpiresAt, grant.MaxSessionDurationSeconds), prepared.Grant);
        Assert.Equal("Open", prepared.Review.State);
    }

    [Fact]
    public void A_retried_prepare_keeps_the_first_window()
    {
        AccessRecord prepared = Prepared();
        AccessGrant later = Grant(Read) with { ExpiresAt = Now.AddHours(5) };

        Assert.Same(prepared, AccessLifecycle.Prepare(prepared, later, RoleArn, Now.AddMinutes(9)));
    }

    [Fact]
    public void Only_an_approved_request_is_prepared()
    {
        foreach (AccessRecord record in new[] { Pending(), Rejected(), Expired(), Holding() })
        {
            AssertRefused(() => AccessLifecycle.Prepare(record, Grant(Read), RoleArn, Later),
                ErrorTypes.AccessNotInState, "requestId", $"Request {RequestId} is {record.Status}: it is not being granted.");
        }
    }

    [Fact]
    public void Granted_makes_the_prepared_grant_live_once()
    {
        AccessRecord prepared = Prepared();

        AccessRecord active = AccessLifecycle.Granted(prepared, Later);

        AssertOneStep(prepared, active, "granted");
        Assert.Equal(AccessStatus.Active, active.Status);
        Assert.Equal(prepared.Grant! with { GrantedAt = Later }, active.Grant);
        Assert.Same(active, AccessLifecycle.Granted(active, Later.AddMinutes(1)));
    }

    [Fact]
    public void Granted_without_a_prepared_grant_is_refused()
    {
        AssertRefused(() => AccessLifecycle.Granted(Approved(), Later),
            ErrorTypes.AccessNotInState, "requestId", "is Granting: there is no prepared grant to mark live.");
        AssertRefused(() => AccessLifecycle.Granted(Pending(), Later), ErrorTypes.AccessNotInState, "requestId", "is PendingApproval");
        AssertRefused(() => AccessLifecycle.Granted(RevokedRecord(), Later), ErrorTypes.AccessNotInState, "requestId", "is Revoked");
    }

    // ---- Done ----

    [Theory]
    [InlineData(Requester)]
    [InlineData(Lead)] // approved it
    [InlineData(Lead2)] // an approver of the segment who did not approve it
    public void The_requester_or_an_approver_ends_the_grant_early_and_resumes_the_hold(string caller)
    {
        AccessRecord holding = Holding();

        (AccessRecord next, string token) = AccessLifecycle.Done(holding, caller, Scope, Later);

        Assert.Equal(HoldToken, token);
        AccessEvent done = AssertOneStep(holding, next, "done", caller);
        Assert.Equal("ended early", done.Detail);
        Assert.Equal((AccessStatus.Active, null), (next.Status, next.Wait));
    }

    [Theory]
    [InlineData(Stranger)]
    [InlineData(OtherOnCallSession)] // another session of the requester's role is another person
    public void Somebody_else_may_not_end_the_grant(string caller)
    {
        AssertNotAllowed(() => AccessLifecycle.Done(Holding(), caller, Scope, Later),
            $"{caller} may not end request {RequestId}: only its requester or an approver of segment orders");
    }

    [Fact]
    public void Done_needs_a_live_grant_that_the_workflow_holds()
    {
        AssertNotAllowed(() => AccessLifecycle.Done(Pending(), Requester, Scope, Later), $"request {RequestId} is PendingApproval: it has no live grant.");
        AssertNotAllowed(() => AccessLifecycle.Done(RevokedRecord(), Requester, Scope, Later), "is Revoked: it has no live grant.");

        AccessRecord ended = AccessLifecycle.Done(Holding(), Requester, Scope, Later).Record;
        AssertNotAllowed(() => AccessLifecycle.Done(ended, Requester, Scope, Later),
            "is Active: it has no live grant (its workflow is between steps: try again in a few seconds)");
    }

    // ---- Extensions ----

    [Fact]
    public void The_requester_asks_for_an_extension_which_waits_for_approval()
    {
        AccessRecord holding = Holding();

        AccessRecord next = AccessLifecycle.RequestExtension(holding, Requester, 15, "still digging", Scope, Later);

        AccessEvent asked = AssertOneStep(holding, next, "extension-requested", Requester);
        Assert.Equal("+15 min: still digging", asked.Detail);
        Assert.Equal([new AccessExtensionRecord(1, Requester, Later, 15, "still digging", "Pending", null, null, null, null)], next.Extensions);
        Assert.Equal(holding.Wait, next.Wait); // the hold goes on
        Assert.Equal(holding.Grant, next.Grant);
    }

    [Theory]
    [InlineData(Lead)]
    [InlineData(Stranger)]
    [InlineData(OtherOnCallSession)]
    public void Only_the_requester_may_ask_to_extend(string caller)
    {
        AssertNotAllowed(() => AccessLifecycle.RequestExtension(Holding(), caller, 15, "more", Scope, Later),
            $"{caller} did not ask for request {RequestId}: only its requester may ask to extend it");
    }

    [Fact]
    public void A_second_extension_waits_until_the_first_is_decided()
    {
        AccessRecord asked = AccessLifecycle.RequestExtension(Holding(), Requester, 15, "more", Scope, Later);

        AssertNotAllowed(() => AccessLifecycle.RequestExtension(asked, Requester, 5, "even more", Scope, Later),
            $"request {RequestId} already has an extension awaiting approval");
    }

    [Fact]
    public void An_extension_over_the_segments_limits_is_refused_by_its_rule()
    {
        AssertRefused(() => AccessLifecycle.RequestExtension(Holding(), Requester, 61, "more", Scope, Later),
            ErrorTypes.AccessRefused, "minutes", AccessRules.ExtensionOverMaximum);
        AssertRefused(() => AccessLifecycle.RequestExtension(Holding(), Requester, 15, "more", Scope with { MaxExtensions = 0 }, Later),
            ErrorTypes.AccessRefused, "extensions", AccessRules.ExtensionsExhausted);
        AssertNotAllowed(() => AccessLifecycle.RequestExtension(Approved(), Requester, 15, "more", Scope, Later), "is Granting: it has no live grant");
    }

    [Fact]
    public void An_approver_approves_the_pending_extension_and_resumes_the_hold()
    {
        AccessRecord asked = AccessLifecycle.RequestExtension(Holding(), Requester, 15, "more", Scope, Later);

        (AccessRecord next, int number, string token) = AccessLifecycle.ApproveExtension(asked, Lead2, Scope, Later.AddMinutes(1));

        Assert.Equal((1, HoldToken), (number, token));
        AccessEvent approved = AssertOneStep(asked, next, "extension-approved", Lead2);
        Assert.Equal("extension 1: +15 min", approved.Detail);
        Assert.Equal(asked.Extensions[0] with { Status = "Approved", ApprovedBy = Lead2, ApprovedAt = Later.AddMinutes(1) }, Assert.Single(next.Extensions));
        Assert.Null(next.Wait);
        Assert.Equal(asked.Grant, next.Grant); // the expiry moves only when applied
    }

    [Theory]
    [InlineData(Requester, "an extension needs approval by a different verified person")]
    [InlineData(RequesterRole, "an extension needs approval by a different verified person")]
    [InlineData(Stranger, "is not an approver of segment orders")]
    public void The_requester_or_a_non_approver_may_not_approve_an_extension(string caller, string why)
    {
        AccessRecord asked = AccessLifecycle.RequestExtension(Holding(), Requester, 15, "more", Scope, Later);

        AssertNotAllowed(() => AccessLifecycle.ApproveExtension(asked, caller, Scope with { Approvers = [.. Scope.Approvers, RequesterRole] }, Later), why);
    }

    [Fact]
    public void Approving_an_extension_needs_one_pending_and_a_live_hold()
    {
        AssertNotAllowed(() => AccessLifecycle.ApproveExtension(Holding(), Lead, Scope, Later), $"request {RequestId} has no extension awaiting approval");

        AccessRecord asked = AccessLifecycle.RequestExtension(Holding(), Requester, 15, "more", Scope, Later);
        AccessRecord approved = AccessLifecycle.ApproveExtension(asked, Lead, Scope, Later).Record;
        AssertNotAllowed(() => AccessLifecycle.ApproveExtension(approved, Lead2, Scope, Later), "it has no live grant");
    }

    [Fact]
    public void Applying_an_approved_extension_moves_the_expiry_and_the_policy_once()
    {
        AccessRecord approved = ApprovedExtension();
        DateTimeOffset newExpiry = approved.Grant!.ExpiresAt.AddMinutes(15);
        AccessGrant extendedGrant = Grant(Read) with { PolicyDocument = "{\"extended\":true}", MaxSessionDurationSeconds = 7200, ExpiresAt = newExpiry };

        AccessRecord applied = AccessLifecycle.ApplyExtension(approved, 1, newExpiry, null, extendedGrant, Later);

        AccessEvent extended = AssertOneStep(approved, applied, "extended", Lead);
        Assert.Equal("extension 1: until 2026-11-20T02:58:00Z", extended.Detail);
        Assert.Equal(approved.Grant with { ExpiresAt = newExpiry, Policy = "{\"extended\":true}", MaxSessionDurationSeconds = 7200 }, applied.Grant);
        Assert.Equal(("Applied", newExpiry), (applied.Extensions[0].Status, applied.Extensions[0].NewExpiry));
        Assert.Same(applied, AccessLifecycle.ApplyExtension(applied, 1, newExpiry.AddMinutes(15), null, extendedGrant, Later));
    }

    [Fact]
    public void A_refused_extension_keeps_the_expiry()
    {
        AccessRecord approved = ApprovedExtension();

        AccessRecord refused = AccessLifecycle.ApplyExtension(approved, 1, null, "extension-over-maximum", null, Later);

        AccessEvent evt = AssertOneStep(approved, refused, "extension-refused");
        Assert.Equal("extension-over-maximum", evt.Detail);
        Assert.Equal(approved.Grant, refused.Grant);
        Assert.Equal(("Refused", "extension-over-maximum", (DateTimeOffset?)null),
            (refused.Extensions[0].Status, refused.Extensions[0].Refusal, refused.Extensions[0].NewExpiry));
        Assert.Same(refused, AccessLifecycle.ApplyExtension(refused, 1, Now.AddHours(2), null, Grant(Read), Later));
    }

    [Fact]
    public void Applying_an_extension_that_does_not_exist_is_invalid_input()
    {
        AssertRefused(() => AccessLifecycle.ApplyExtension(ApprovedExtension(), 2, Now.AddHours(2), null, Grant(Read), Later),
            ErrorTypes.InvalidInput, "extension", $"request {RequestId} has no extension 2");
    }

    private static AccessRecord ApprovedExtension()
    {
        AccessRecord asked = AccessLifecycle.RequestExtension(Holding(), Requester, 15, "more", Scope, Later);
        return AccessLifecycle.ApproveExtension(asked, Lead, Scope, Later).Record;
    }

    // ---- Revoking, Revoked, RevokeFailed ----

    [Fact]
    public void Revoking_begins_once_and_ends_the_wait()
    {
        AccessRecord holding = Holding();

        AccessRecord revoking = AccessLifecycle.Revoking(holding, RevocationCause.Expiry, Later);

        AccessEvent evt = AssertOneStep(holding, revoking, "revoking");
        Assert.Equal("Expiry", evt.Detail);
        Assert.Equal((AccessStatus.Revoking, null), (revoking.Status, revoking.Wait));
        Assert.Same(revoking, AccessLifecycle.Revoking(revoking, RevocationCause.Sweeper, Later));
        AccessRecord revoked = RevokedRecord();
        Assert.Same(revoked, AccessLifecycle.Revoking(revoked, RevocationCause.Sweeper, Later));
    }

    [Fact]
    public void Revoked_records_how_and_the_first_cause_stays()
    {
        AccessRecord revoking = AccessLifecycle.Revoking(Holding(), RevocationCause.Done, Later);

        AccessRecord revoked = AccessLifecycle.Revoked(revoking, RevocationCause.Done, "break-glass-req-1", ExecutionArn, Later.AddMinutes(1));
        AccessRecord again = AccessLifecycle.Revoked(revoked, RevocationCause.Sweeper, "break-glass-req-1", "arn:other", Later.AddMinutes(9));

        AccessEvent evt = AssertOneStep(revoking, revoked, "revoked");
        Assert.Equal("Done: role break-glass-req-1 deleted", evt.Detail);
        Assert.Equal(AccessStatus.Revoked, revoked.Status);
        Assert.Equal(new AccessRevocation(RevocationCause.Done, Later.AddMinutes(1), "break-glass-req-1", null, ExecutionArn), revoked.Revocation);
        Assert.True(revoked.IsClosed);
        Assert.Equal("Open", revoked.Review.State); // a grant that ended still waits for its review
        Assert.Same(revoked, again);
    }

    [Fact]
    public void A_grant_stopped_while_being_granted_is_revoked_even_without_a_role()
    {
        AccessRecord approved = Approved();

        AccessRecord revoked = AccessLifecycle.Revoked(approved, RevocationCause.StoppedRun, null, ExecutionArn, Later);

        Assert.Equal("StoppedRun: no role was created", AssertOneStep(approved, revoked, "revoked").Detail);
        Assert.Equal(AccessStatus.Revoked, revoked.Status);
    }

    private static AccessRecord Ended(string how) => how switch
    {
        "Rejected" => Rejected(),
        "Expired" => Expired(),
        "Failed" => AccessLifecycle.Failed(Pending(), "Validate", ErrorTypes.InternalError, "boom", Now.AddMinutes(1)),
        _ => Refused(),
    };

    [Theory]
    [InlineData("Rejected")]
    [InlineData("Expired")]
    [InlineData("Refused")]
    [InlineData("Failed")]
    public void A_request_that_ended_without_a_grant_stays_as_it_ended_when_a_revoke_comes(string how)
    {
        AccessRecord ended = Ended(how);
        Assert.Equal(how, ended.Status.ToString());

        Assert.Same(ended, AccessLifecycle.Revoking(ended, RevocationCause.StoppedRun, Later));
        Assert.Same(ended, AccessLifecycle.Revoked(ended, RevocationCause.StoppedRun, null, ExecutionArn, Later));
    }

    [Fact]
    public void A_failed_revoke_is_loud_and_the_next_revoke_may_still_finish_it()
    {
        AccessRecord revoking = AccessLifecycle.Revoking(Holding(), RevocationCause.Expiry, Later);

        AccessRecord failed = AccessLifecycle.RevokeFailed(revoking, RevocationCause.Expiry, "break-glass-req-1", "DeleteRolePolicy: AccessDenied", ExecutionArn, Later);
        AccessRecord retrying = AccessLifecycle.Revoking(failed, RevocationCause.Sweeper, Later.AddMinutes(15));
        AccessRecord revoked = AccessLifecycle.Revoked(retrying, RevocationCause.Sweeper, "break-glass-req-1", null, Later.AddMinutes(16));

        Assert.Equal("DeleteRolePolicy: AccessDenied", AssertOneStep(revoking, failed, "revoke-failed").Detail);
        Assert.Equal(AccessStatus.RevokeFailed, failed.Status);
        Assert.Equal(new AccessRevocation(RevocationCause.Expiry, Later, "break-glass-req-1", "DeleteRolePolicy: AccessDenied", ExecutionArn), failed.Revocation);
        AssertOneStep(failed, retrying, "revoking");
        Assert.Equal(AccessStatus.Revoked, revoked.Status);
        Assert.Null(revoked.Revocation!.Error);
        Assert.Same(revoked, AccessLifecycle.RevokeFailed(revoked, RevocationCause.Failure, null, "late", null, Later));
    }

    // ---- Failed ----

    [Fact]
    public void A_failure_before_anything_was_granted_ends_the_request()
    {
        AccessRecord pending = Pending();

        AccessRecord failed = AccessLifecycle.Failed(pending, "Validate", ErrorTypes.InternalError, "boom", Later);
        AccessRecord refused = AccessLifecycle.Failed(Approved(), "CheckBeforeGrant", ErrorTypes.AccessRefused, "pitr-required (actions): ...", Later);

        Assert.Equal("Validate: InternalError: boom", AssertOneStep(pending, failed, "failed").Detail);
        Assert.Equal((AccessStatus.Failed, null), (failed.Status, failed.Wait));
        Assert.Equal(AccessStatus.Refused, refused.Status);
        Assert.True(refused.IsClosed);
    }

    [Fact]
    public void A_failure_once_a_grant_exists_is_recorded_and_left_to_the_revoke()
    {
        foreach (AccessRecord record in new[] { Prepared(), Holding() })
        {
            AccessRecord next = AccessLifecycle.Failed(record, "PutRolePolicy", ErrorTypes.TransientDependencyError, "throttled", Later);

            AssertOneStep(record, next, "failed");
            Assert.Equal(record.Status, next.Status);
            Assert.Equal(record.Grant, next.Grant);
        }
    }

    // ---- Reviewed ----

    [Fact]
    public void Somebody_other_than_the_requester_reviews_a_grant_once()
    {
        AccessRecord revoked = RevokedRecord();

        AccessRecord reviewed = AccessLifecycle.Reviewed(revoked, Stranger, "keys were right", Later);

        AssertOneStep(revoked, reviewed, "reviewed", Stranger);
        Assert.Equal(new AccessReview(true, Stranger, Later, "keys were right"), reviewed.Review);
        Assert.Equal("Done", reviewed.Review.State);
        AssertNotAllowed(() => AccessLifecycle.Reviewed(reviewed, Lead, "again", Later),
            $"request {RequestId} was already reviewed by {Stranger} at 2026-11-20T02:18:00Z");
        AssertNotAllowed(() => AccessLifecycle.Reviewed(reviewed, Stranger, "again", Later), "was already reviewed");
    }

    [Theory]
    [InlineData(Requester)]
    [InlineData(RequesterRole)]
    public void The_requester_may_not_review_their_own_access(string reviewer)
    {
        AssertNotAllowed(() => AccessLifecycle.Reviewed(RevokedRecord(), reviewer, "all fine", Later),
            $"{reviewer} used this access: the review must be by somebody else");
    }

    [Fact]
    public void A_request_that_granted_nothing_has_nothing_to_review()
    {
        foreach (AccessRecord record in new[] { Pending(), Rejected(), Expired() })
        {
            AssertNotAllowed(() => AccessLifecycle.Reviewed(record, Lead, "n/a", Later), $"request {RequestId} granted nothing: there is nothing to review");
        }
    }
}
