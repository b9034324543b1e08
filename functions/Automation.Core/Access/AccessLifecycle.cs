using Automation.Core.Errors;

namespace Automation.Core.Access;

/// <summary>
/// Every change a break-glass request's record can go through, as pure functions of the record, the verified caller
/// and an explicit <c>now</c>: the one place that says who may do what, when. Each returns the next record (its
/// <see cref="AccessRecord.Version"/> raised by one, the step on its timeline) or throws a typed refusal naming the rule;
/// the store writes the result only if nobody changed the record meanwhile, and a loser decides again on the new record.
/// </summary>
public static class AccessLifecycle
{
    /// <summary>The decision names an approver may give.</summary>
    public const string Approved = "approved";

    /// <inheritdoc cref="Approved"/>
    public const string Rejected = "rejected";

    /// <summary>The waits the workflow holds a task token for.</summary>
    public const string ApprovalWait = "approval";

    /// <inheritdoc cref="ApprovalWait"/>
    public const string HoldWait = "hold";

    /// <summary>A new request, checked (<see cref="AccessCriteria.Check"/>) before this is called.</summary>
    public static AccessRecord Open(string requestId, AccessRequest request, string table, int segmentVersion, int approvalsNeeded, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var events = new List<AccessEvent> { new(now, "requested", request.Requester, request.Reason) };
        if (request.Emergency && approvalsNeeded == 0)
        {
            events.Add(new AccessEvent(now, "emergency", request.Requester, "declared emergency: proceeds without approval; a review after the fact is required"));
        }

        return new AccessRecord(requestId, 1, AccessStatus.Requested, request, table, segmentVersion, now, approvalsNeeded, [], null, null, [], null,
            new AccessReview(false, null, null, null), null, events);
    }

    /// <summary>The workflow started for the request (its first step).</summary>
    public static AccessRecord Started(AccessRecord record, string executionArn, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.ExecutionArn is not null)
        {
            return record; // a retried first step: nothing new
        }

        return Next(record, now, "started", null, executionArn) with { ExecutionArn = executionArn };
    }

    /// <summary>The workflow waits: for approval (from Requested) or in the hold (from Active). A repeated call stores the newer token.</summary>
    /// <exception cref="AutomationException"><c>AccessNotInState</c>: the request is not in a state that waits this way.</exception>
    public static AccessRecord Await(AccessRecord record, string kind, string taskToken, int timeoutSeconds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        bool fits = kind switch
        {
            ApprovalWait => record.Status is AccessStatus.Requested or AccessStatus.PendingApproval,
            HoldWait => record.Status is AccessStatus.Active,
            _ => throw InputError.Field("kind", $"must be '{ApprovalWait}' or '{HoldWait}', got '{kind}'"),
        };
        if (!fits)
        {
            throw NotInState(record, $"it does not wait for {kind}");
        }

        var wait = new AccessWait(kind, taskToken, now, now.AddSeconds(Math.Max(0, timeoutSeconds)));
        AccessRecord next = Next(record, now, kind == ApprovalWait ? "awaiting-approval" : "holding", null, $"until {AccessPolicySynthesizer.Timestamp(wait.Until)}") with { Wait = wait };
        return kind == ApprovalWait ? next with { Status = AccessStatus.PendingApproval } : next;
    }

    /// <summary>
    /// A verified approver's decision. Approve: counted once per person; the request is approved when
    /// <see cref="AccessRecord.ApprovalsNeeded"/> distinct approvers agree. Reject: one rejection decides.
    /// </summary>
    /// <returns>The next record, and the approval task's token when this decision completes it (null: more approvals needed).</returns>
    /// <exception cref="AutomationException"><c>ApprovalNotAllowed</c>: not pending, the requester, not an approver of the segment, or already decided by this person.</exception>
    public static (AccessRecord Record, string? CompletedToken) Decide(AccessRecord record, string approver, string decision, string? notes, AccessScope scope, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(scope);
        if (decision is not (Approved or Rejected))
        {
            throw InputError.Field("action", $"must be approve or reject, got '{decision}'");
        }

        if (record.Status != AccessStatus.PendingApproval || record.Wait is not { Kind: ApprovalWait } wait)
        {
            throw NotAllowed(record.Status == AccessStatus.Requested
                ? $"request {record.RequestId} is not awaiting approval yet (its workflow is starting): try again in a few seconds"
                : $"request {record.RequestId} is {record.Status}, not awaiting approval");
        }

        if (AccessCriteria.SamePerson(approver, record.Request.Requester))
        {
            throw NotAllowed($"{approver} asked for this access: a request needs approval by a different verified person");
        }

        if (!AccessCriteria.MayApprove(approver, record.Request.Requester, scope))
        {
            throw NotAllowed($"{approver} is not an approver of segment {record.Request.Segment} (its access.approvers)");
        }

        if (record.Approvals.Any(a => AccessCriteria.SamePerson(a.By, approver)))
        {
            throw NotAllowed($"{approver} has already decided on request {record.RequestId}: each person counts once");
        }

        AccessRecord next = Next(record, now, decision, approver, notes) with
        {
            Approvals = [.. record.Approvals, new AccessDecisionRecord(approver, now, decision, notes)],
        };
        if (decision == Rejected)
        {
            return (next with { Status = AccessStatus.Rejected, Wait = null }, wait.TaskToken);
        }

        int approvals = next.Approvals.Count(a => a.Decision == Approved);
        return approvals >= record.ApprovalsNeeded
            ? (next with { Status = AccessStatus.Granting, Wait = null }, wait.TaskToken)
            : (next, null);
    }

    /// <summary>A declared emergency proceeds without approval (only when <see cref="AccessRecord.ApprovalsNeeded"/> is 0).</summary>
    public static AccessRecord EmergencyProceeds(AccessRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.ApprovalsNeeded != 0 || !record.Request.Emergency)
        {
            throw NotInState(record, "it needs approval: it is not an allowed emergency");
        }

        return record.Status == AccessStatus.Requested ? Next(record, now, "emergency-proceeds", null, "no approval") with { Status = AccessStatus.Granting } : record;
    }

    /// <summary>The approval wait timed out: the request expires, nothing is granted.</summary>
    public static AccessRecord Expire(AccessRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Status is AccessStatus.Requested or AccessStatus.PendingApproval
            ? Next(record, now, "expired", null, "nobody approved in time") with { Status = AccessStatus.Expired, Wait = null }
            : record;
    }

    /// <summary>The grant is synthesised; recorded before anything exists in IAM (so every revoke path knows the role).</summary>
    public static AccessRecord Prepare(AccessRecord record, AccessGrant grant, string roleArn, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(grant);
        if (record.Status != AccessStatus.Granting)
        {
            throw NotInState(record, "it is not being granted");
        }

        if (record.Grant is { } existing && existing.RoleName == grant.RoleName && existing.GrantedAt is null)
        {
            // A retried step: keep the first synthesis's window, so the expiry does not creep.
            return record;
        }

        var prepared = new AccessGrantRecord(grant.RoleName, roleArn, grant.PolicyName, grant.PolicyDocument, grant.TrustPolicyDocument, now, null,
            grant.ExpiresAt, grant.MaxSessionDurationSeconds);
        return Next(record, now, "prepared", null, $"role {roleArn} until {AccessPolicySynthesizer.Timestamp(grant.ExpiresAt)}") with
        {
            Grant = prepared,
            Review = new AccessReview(true, null, null, null),
        };
    }

    /// <summary>The inline policy is on the role: the grant is live.</summary>
    public static AccessRecord Granted(AccessRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Status == AccessStatus.Active)
        {
            return record;
        }

        if (record.Status != AccessStatus.Granting || record.Grant is null)
        {
            throw NotInState(record, "there is no prepared grant to mark live");
        }

        return Next(record, now, "granted", null, $"{record.Grant.RoleArn} until {AccessPolicySynthesizer.Timestamp(record.Grant.ExpiresAt)}") with
        {
            Status = AccessStatus.Active,
            Grant = record.Grant with { GrantedAt = now },
        };
    }

    /// <summary>The requester (or an approver) ends the grant early.</summary>
    /// <returns>The next record and the hold's task token to resume.</returns>
    /// <exception cref="AutomationException"><c>ApprovalNotAllowed</c>: not the requester or an approver, or no live grant.</exception>
    public static (AccessRecord Record, string Token) Done(AccessRecord record, string caller, AccessScope scope, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(scope);
        string token = HoldToken(record);
        bool mayEnd = AccessCriteria.SamePerson(caller, record.Request.Requester) || record.Approvals.Any(a => AccessCriteria.SamePerson(a.By, caller))
            || AccessCriteria.MayApprove(caller, record.Request.Requester, scope);
        if (!mayEnd)
        {
            throw NotAllowed($"{caller} may not end request {record.RequestId}: only its requester or an approver of segment {record.Request.Segment}");
        }

        return (Next(record, now, "done", caller, "ended early") with { Wait = null }, token);
    }

    /// <summary>The requester asks for more time on the live grant (an approver must approve it).</summary>
    /// <exception cref="AutomationException"><c>ApprovalNotAllowed</c>: not the requester, no live grant, one already pending; <c>AccessRefused</c>: over the segment's limits.</exception>
    public static AccessRecord RequestExtension(AccessRecord record, string caller, int minutes, string reason, AccessScope scope, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(scope);
        _ = HoldToken(record);
        if (!AccessCriteria.SamePerson(caller, record.Request.Requester))
        {
            throw NotAllowed($"{caller} did not ask for request {record.RequestId}: only its requester may ask to extend it");
        }

        if (record.Extensions.Any(e => e.Status == "Pending"))
        {
            throw NotAllowed($"request {record.RequestId} already has an extension awaiting approval");
        }

        int applied = record.Extensions.Count(e => e.Status is "Approved" or "Applied");
        _ = AccessExtensions.ExtendedExpiry(record.Grant!.ExpiresAt, minutes, record.Grant.GrantedAt ?? record.Grant.PreparedAt, scope, applied);
        var extension = new AccessExtensionRecord(record.Extensions.Count + 1, caller, now, minutes, reason, "Pending", null, null, null, null);
        return Next(record, now, "extension-requested", caller, $"+{minutes} min: {reason}") with { Extensions = [.. record.Extensions, extension] };
    }

    /// <summary>An approver (never the requester) approves the pending extension.</summary>
    /// <returns>The next record, the extension's number and the hold's token to resume.</returns>
    public static (AccessRecord Record, int Extension, string Token) ApproveExtension(AccessRecord record, string approver, AccessScope scope, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(scope);
        string token = HoldToken(record);
        AccessExtensionRecord pending = record.Extensions.LastOrDefault(e => e.Status == "Pending")
            ?? throw NotAllowed($"request {record.RequestId} has no extension awaiting approval");
        if (AccessCriteria.SamePerson(approver, record.Request.Requester))
        {
            throw NotAllowed($"{approver} asked for this access: an extension needs approval by a different verified person");
        }

        if (!AccessCriteria.MayApprove(approver, record.Request.Requester, scope))
        {
            throw NotAllowed($"{approver} is not an approver of segment {record.Request.Segment} (its access.approvers)");
        }

        AccessExtensionRecord approved = pending with { Status = "Approved", ApprovedBy = approver, ApprovedAt = now };
        return (Next(record, now, "extension-approved", approver, $"extension {pending.Number}: +{pending.Minutes} min") with
        {
            Extensions = [.. record.Extensions.Select(e => e.Number == pending.Number ? approved : e)],
            Wait = null,
        }, pending.Number, token);
    }

    /// <summary>The workflow applies an approved extension: the new expiry (or the refusal, keeping the current one).</summary>
    public static AccessRecord ApplyExtension(AccessRecord record, int number, DateTimeOffset? newExpiry, string? refusal, AccessGrant? grant, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        AccessExtensionRecord extension = record.Extensions.FirstOrDefault(e => e.Number == number)
            ?? throw InputError.Field("extension", $"request {record.RequestId} has no extension {number}");
        if (extension.Status == "Applied" || extension.Status == "Refused")
        {
            return record;
        }

        if (newExpiry is null || grant is null || record.Grant is null)
        {
            return Next(record, now, "extension-refused", null, refusal) with
            {
                Extensions = [.. record.Extensions.Select(e => e.Number == number ? e with { Status = "Refused", Refusal = refusal } : e)],
            };
        }

        return Next(record, now, "extended", extension.ApprovedBy, $"extension {number}: until {AccessPolicySynthesizer.Timestamp(newExpiry.Value)}") with
        {
            Extensions = [.. record.Extensions.Select(e => e.Number == number ? e with { Status = "Applied", NewExpiry = newExpiry } : e)],
            Grant = record.Grant with { Policy = grant.PolicyDocument, ExpiresAt = newExpiry.Value, MaxSessionDurationSeconds = grant.MaxSessionDurationSeconds },
        };
    }

    /// <summary>The revoke began (idempotent).</summary>
    public static AccessRecord Revoking(AccessRecord record, RevocationCause cause, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Status is AccessStatus.Revoked or AccessStatus.Revoking || EndedWithoutGrant(record)
            ? record
            : Next(record, now, "revoking", null, cause.ToString()) with { Status = AccessStatus.Revoking, Wait = null };
    }

    /// <summary>The grant is revoked (or there was none to revoke). The first revoke's cause stays on the record.</summary>
    public static AccessRecord Revoked(AccessRecord record, RevocationCause cause, string? roleName, string? executionArn, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Status == AccessStatus.Revoked || EndedWithoutGrant(record))
        {
            return record;
        }

        string detail = roleName is null ? $"{cause}: no role was created" : $"{cause}: role {roleName} deleted";
        return Next(record, now, "revoked", null, detail) with
        {
            Status = AccessStatus.Revoked,
            Wait = null,
            Revocation = new AccessRevocation(cause, now, roleName, null, executionArn),
        };
    }

    /// <summary>The revoke failed after its retries: loud, and the sweeper tries again.</summary>
    public static AccessRecord RevokeFailed(AccessRecord record, RevocationCause cause, string? roleName, string error, string? executionArn, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Status == AccessStatus.Revoked || EndedWithoutGrant(record)
            ? record
            : Next(record, now, "revoke-failed", null, error) with
            {
                Status = AccessStatus.RevokeFailed,
                Revocation = new AccessRevocation(cause, now, roleName, error, executionArn),
            };
    }

    /// <summary>A refusal or failure before anything was granted (the grant, if any, goes through the revoke).</summary>
    public static AccessRecord Failed(AccessRecord record, string step, string error, string message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        AccessRecord next = Next(record, now, "failed", null, $"{step}: {error}: {message}");
        bool nothingLive = record.Grant is null && record.Status is AccessStatus.Requested or AccessStatus.PendingApproval or AccessStatus.Granting;
        return nothingLive
            ? next with { Status = error == ErrorTypes.AccessRefused ? AccessStatus.Refused : AccessStatus.Failed, Wait = null }
            : next;
    }

    /// <summary>The post-incident review, by a verified person other than the requester, once anything was granted
    /// (usually after the revoke; a review while the grant is live is recorded as such, with its time).</summary>
    public static AccessRecord Reviewed(AccessRecord record, string reviewer, string notes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!record.Review.Required)
        {
            throw NotAllowed($"request {record.RequestId} granted nothing: there is nothing to review");
        }

        if (record.Review.By is not null)
        {
            throw NotAllowed($"request {record.RequestId} was already reviewed by {record.Review.By} at {AccessPolicySynthesizer.Timestamp(record.Review.At!.Value)}");
        }

        if (AccessCriteria.SamePerson(reviewer, record.Request.Requester))
        {
            throw NotAllowed($"{reviewer} used this access: the review must be by somebody else");
        }

        return Next(record, now, "reviewed", reviewer, notes) with { Review = new AccessReview(true, reviewer, now, notes) };
    }

    /// <summary>Rejected, expired, refused or failed before anything was granted: a later revoke (the status rule on the
    /// failed run) has nothing to take back and leaves the record as it ended.</summary>
    public static bool EndedWithoutGrant(AccessRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Grant is null && record.Status is AccessStatus.Rejected or AccessStatus.Expired or AccessStatus.Refused or AccessStatus.Failed;
    }

    private static string HoldToken(AccessRecord record) =>
        record.Status == AccessStatus.Active && record.Wait is { Kind: HoldWait } wait
            ? wait.TaskToken
            : throw NotAllowed($"request {record.RequestId} is {record.Status}: it has no live grant{(record.Status == AccessStatus.Active ? " (its workflow is between steps: try again in a few seconds)" : string.Empty)}");

    private static AccessRecord Next(AccessRecord record, DateTimeOffset now, string what, string? by, string? detail) =>
        record with { Version = record.Version + 1, Events = [.. record.Events, new AccessEvent(now, what, by, detail)] };

    // The refused thing is the verified caller's right to act: the field is the caller.
    private static AutomationException NotAllowed(string message) => new(ErrorTypes.ApprovalNotAllowed, $"Not allowed: {message}.") { Field = "caller" };

    private static AutomationException NotInState(AccessRecord record, string message) =>
        new(ErrorTypes.AccessNotInState, $"Request {record.RequestId} is {record.Status}: {message}.") { Field = "requestId" };
}
