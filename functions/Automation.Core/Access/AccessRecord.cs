namespace Automation.Core.Access;

/// <summary>
/// One break-glass request's record (the access-requests table holds one per request): who asked and why, the scope,
/// the approvals with their verified identities, the grant with its full policy text, every extension, the revoke and
/// the post-incident review, and the timeline of every step. Changed only through <see cref="AccessLifecycle"/>, and
/// stored with a compare-and-swap on <see cref="Version"/> (so two concurrent decisions cannot both win).
/// </summary>
/// <param name="RequestId">The request id (also the break-glass execution's name).</param>
/// <param name="Version">Raised by one on every change; the store's condition.</param>
/// <param name="Status">Where the request is.</param>
/// <param name="Request">What the verified requester asked for.</param>
/// <param name="Table">The segment's table.</param>
/// <param name="SegmentVersion">The segment file's version the request was checked against.</param>
/// <param name="RequestedAt">When it was recorded.</param>
/// <param name="ApprovalsNeeded">Approvals by verified people other than the requester (0 for an allowed emergency).</param>
/// <param name="Approvals">Every decision so far (approve / reject), with the verified approver.</param>
/// <param name="Wait">The workflow's current wait (its task token), or null.</param>
/// <param name="Grant">The grant once prepared (role, policy text, expiry), or null.</param>
/// <param name="Extensions">Every extension asked for, with its approval.</param>
/// <param name="Revocation">When and how the grant was revoked, or null.</param>
/// <param name="Review">The post-incident review (required for every grant; open until done).</param>
/// <param name="ExecutionArn">The break-glass execution, once started.</param>
/// <param name="Events">The timeline: every step, in order.</param>
public sealed record AccessRecord(
    string RequestId,
    int Version,
    AccessStatus Status,
    AccessRequest Request,
    string Table,
    int SegmentVersion,
    DateTimeOffset RequestedAt,
    int ApprovalsNeeded,
    IReadOnlyList<AccessDecisionRecord> Approvals,
    AccessWait? Wait,
    AccessGrantRecord? Grant,
    IReadOnlyList<AccessExtensionRecord> Extensions,
    AccessRevocation? Revocation,
    AccessReview Review,
    string? ExecutionArn,
    IReadOnlyList<AccessEvent> Events)
{
    /// <summary>Statuses in which a role may exist in IAM (the sweeper keeps a role only while its request is in one).</summary>
    public static readonly IReadOnlySet<AccessStatus> LiveStatuses = new HashSet<AccessStatus> { AccessStatus.Granting, AccessStatus.Active };

    /// <summary>True once the request can change no more (except for its review).</summary>
    public bool IsClosed => Status is AccessStatus.Rejected or AccessStatus.Expired or AccessStatus.Revoked or AccessStatus.Refused;
}

/// <summary>One approver's decision.</summary>
/// <param name="By">The verified approver (IAM ARN).</param>
/// <param name="At">When.</param>
/// <param name="Decision"><c>approved</c> or <c>rejected</c>.</param>
/// <param name="Notes">What they said, if anything.</param>
public sealed record AccessDecisionRecord(string By, DateTimeOffset At, string Decision, string? Notes);

/// <summary>The workflow's wait: approval (until the approval timeout) or hold (until the grant's expiry).</summary>
/// <param name="Kind"><c>approval</c> or <c>hold</c>.</param>
/// <param name="TaskToken">The waiting task's token; never shown by the API.</param>
/// <param name="Since">When the wait began.</param>
/// <param name="Until">When it times out.</param>
public sealed record AccessWait(string Kind, string TaskToken, DateTimeOffset Since, DateTimeOffset Until);

/// <summary>The grant as created in IAM.</summary>
/// <param name="RoleName">The role (under the break-glass path).</param>
/// <param name="RoleArn">Its ARN.</param>
/// <param name="PolicyName">The inline policy's name.</param>
/// <param name="Policy">The inline policy, full text, as put on the role.</param>
/// <param name="TrustPolicy">The trust policy, full text.</param>
/// <param name="PreparedAt">When the policy was synthesised.</param>
/// <param name="GrantedAt">When the policy was on the role (null while granting).</param>
/// <param name="ExpiresAt">When it expires (moves with an approved extension).</param>
/// <param name="MaxSessionDurationSeconds">The role's MaxSessionDuration.</param>
public sealed record AccessGrantRecord(
    string RoleName,
    string RoleArn,
    string PolicyName,
    string Policy,
    string TrustPolicy,
    DateTimeOffset PreparedAt,
    DateTimeOffset? GrantedAt,
    DateTimeOffset ExpiresAt,
    int MaxSessionDurationSeconds);

/// <summary>One extension of a live grant.</summary>
/// <param name="Number">1, 2, … in order.</param>
/// <param name="RequestedBy">The verified requester.</param>
/// <param name="RequestedAt">When it was asked for.</param>
/// <param name="Minutes">How much longer.</param>
/// <param name="Reason">Why.</param>
/// <param name="Status"><c>Pending</c>, <c>Approved</c>, <c>Applied</c> or <c>Refused</c>.</param>
/// <param name="ApprovedBy">The verified approver, once approved.</param>
/// <param name="ApprovedAt">When.</param>
/// <param name="NewExpiry">The grant's expiry after it, once applied.</param>
/// <param name="Refusal">Why it was refused, if it was.</param>
public sealed record AccessExtensionRecord(
    int Number,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    int Minutes,
    string Reason,
    string Status,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? NewExpiry,
    string? Refusal);

/// <summary>How the grant ended.</summary>
/// <param name="Cause">Expiry, done, failure, stopped run or sweeper.</param>
/// <param name="At">When the revoke finished (or failed).</param>
/// <param name="RoleName">The role revoked (null: no role was ever created).</param>
/// <param name="Error">The revoke's failure, if it failed.</param>
/// <param name="ExecutionArn">The revoke run.</param>
public sealed record AccessRevocation(RevocationCause Cause, DateTimeOffset At, string? RoleName, string? Error, string? ExecutionArn);

/// <summary>The post-incident review: required for every grant; an emergency grant's is the one the notification asks for.</summary>
/// <param name="Required">True once anything was granted.</param>
/// <param name="By">The verified reviewer (never the requester).</param>
/// <param name="At">When.</param>
/// <param name="Notes">What the review found.</param>
public sealed record AccessReview(bool Required, string? By, DateTimeOffset? At, string? Notes)
{
    /// <summary><c>Open</c> while required and not done, <c>Done</c> once reviewed, <c>NotRequired</c> when nothing was granted.</summary>
    public string State => !Required ? "NotRequired" : By is null ? "Open" : "Done";
}

/// <summary>One step on the request's timeline.</summary>
/// <param name="At">When.</param>
/// <param name="What">What happened (requested, approved, rejected, expired, emergency, granted, extended, revoked, …).</param>
/// <param name="By">The verified person, when a person did it.</param>
/// <param name="Detail">More, for people.</param>
public sealed record AccessEvent(DateTimeOffset At, string What, string? By, string? Detail);
