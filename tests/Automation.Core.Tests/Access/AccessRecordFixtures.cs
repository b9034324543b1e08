using Automation.Core.Access;
using Automation.Core.Errors;

using static Automation.Core.Tests.Access.AccessSamples;

namespace Automation.Core.Tests.Access;

/// <summary>
/// Access records at each point of the break-glass lifecycle, built through <see cref="AccessLifecycle"/> itself, and the
/// assertions the lifecycle, updater and property tests share.
/// </summary>
internal static class AccessRecordFixtures
{
    public const string RequestId = "bg-0123456789abcdef01234567";
    public const string ExecutionArn = "arn:aws:states:eu-west-1:123456789012:execution:BreakGlass:bg-0123456789abcdef01234567";
    public const string ApprovalToken = "approval-token";
    public const string HoldToken = "hold-token";

    /// <summary>Another approver of the sample scope (<c>assumed-role/OnCallLead/*</c>) than <see cref="AccessSamples.Lead"/>.</summary>
    public const string Lead2 = "arn:aws:sts::123456789012:assumed-role/OnCallLead/carol";

    /// <summary>A verified person who is neither a requester nor an approver of the segment.</summary>
    public const string Stranger = "arn:aws:sts::123456789012:assumed-role/Developer/dave";

    /// <summary>The requester's role itself: stands for everyone who may assume it, so the same person as its sessions.</summary>
    public const string RequesterRole = "arn:aws:iam::123456789012:role/OnCall";

    /// <summary>Another session of the requester's role: a different person.</summary>
    public const string OtherOnCallSession = "arn:aws:sts::123456789012:assumed-role/OnCall/carol";

    public static readonly string RoleArn = $"arn:aws:iam::{Account}:role{RolePath}break-glass-req-1";

    /// <summary>Reads only: one approval.</summary>
    public static readonly AccessRequest Read = Valid;

    /// <summary>With PutItem: the sample scope's writeApprovers (2).</summary>
    public static readonly AccessRequest Write = Valid with { Actions = ["GetItem", "PutItem"] };

    /// <summary>A declared read-only emergency: the sample scope (emergency: readOnly) lets it skip approval.</summary>
    public static readonly AccessRequest Emergency = Valid with { Emergency = true };

    public static AccessRecord Opened(AccessRequest? request = null, DateTimeOffset? at = null)
    {
        AccessRequest r = request ?? Read;
        return AccessLifecycle.Open(RequestId, r, "Orders", 1, AccessCriteria.ApprovalsNeeded(r, Scope), at ?? Now);
    }

    public static AccessRecord Started(AccessRequest? request = null) => AccessLifecycle.Started(Opened(request), ExecutionArn, Now);

    /// <summary>Waiting for approval: the approval task's token is stored.</summary>
    public static AccessRecord Pending(AccessRequest? request = null) =>
        AccessLifecycle.Await(Started(request), AccessLifecycle.ApprovalWait, ApprovalToken, 1800, Now.AddSeconds(1));

    /// <summary>Approved by <see cref="AccessSamples.Lead"/> (and <see cref="Lead2"/> for a write): being granted.</summary>
    public static AccessRecord Approved(AccessRequest? request = null)
    {
        AccessRecord record = Pending(request);
        foreach (string approver in new[] { Lead, Lead2 }.Take(record.ApprovalsNeeded))
        {
            record = AccessLifecycle.Decide(record, approver, AccessLifecycle.Approved, "ok", Scope, Now.AddMinutes(1)).Record;
        }

        Assert.Equal(AccessStatus.Granting, record.Status);
        return record;
    }

    public static AccessRecord Prepared(AccessRequest? request = null) =>
        AccessLifecycle.Prepare(Approved(request), Grant(request ?? Read), RoleArn, Now.AddMinutes(2));

    /// <summary>The grant is live and the workflow holds (its hold token stored).</summary>
    public static AccessRecord Holding(AccessRequest? request = null) =>
        AccessLifecycle.Await(AccessLifecycle.Granted(Prepared(request), Now.AddMinutes(3)), AccessLifecycle.HoldWait, HoldToken, 1800, Now.AddMinutes(3));

    public static AccessRecord Rejected() => AccessLifecycle.Decide(Pending(), Lead, AccessLifecycle.Rejected, "no", Scope, Now.AddMinutes(1)).Record;

    public static AccessRecord Expired() => AccessLifecycle.Expire(Pending(), Now.AddMinutes(30));

    public static AccessRecord Refused() => AccessLifecycle.Failed(Approved(), "CheckBeforeGrant", ErrorTypes.AccessRefused, "pitr-required", Now.AddMinutes(2));

    public static AccessRecord RevokedRecord(RevocationCause cause = RevocationCause.Done)
    {
        AccessRecord revoking = AccessLifecycle.Revoking(Holding(), cause, Now.AddMinutes(10));
        return AccessLifecycle.Revoked(revoking, cause, "break-glass-req-1", ExecutionArn, Now.AddMinutes(11));
    }

    /// <summary>One change: the version raised by exactly one, exactly one event appended (the earlier ones kept).</summary>
    public static AccessEvent AssertOneStep(AccessRecord before, AccessRecord after, string what, string? by = null)
    {
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal(before.Events.Count + 1, after.Events.Count);
        Assert.Equal(before.Events, after.Events.Take(before.Events.Count));
        AccessEvent added = after.Events[^1];
        Assert.Equal(what, added.What);
        Assert.Equal(by, added.By);
        return added;
    }

    /// <summary>The call is refused with <paramref name="errorType"/>, naming <paramref name="field"/>, saying <paramref name="why"/>.</summary>
    public static AutomationException AssertRefused(Action call, string errorType, string field, string why)
    {
        AutomationException error = Assert.Throws<AutomationException>(call);
        Assert.Equal((errorType, field), (error.ErrorType, error.Field));
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        return error;
    }

    public static AutomationException AssertNotAllowed(Action call, string why) => AssertRefused(call, ErrorTypes.ApprovalNotAllowed, "caller", why);
}
