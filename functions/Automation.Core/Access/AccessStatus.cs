namespace Automation.Core.Access;

/// <summary>Where a break-glass request is (the access record's <c>status</c>).</summary>
public enum AccessStatus
{
    /// <summary>Recorded, not yet waiting for approval.</summary>
    Requested,

    /// <summary>Waiting for approval (until the segment's approval timeout).</summary>
    PendingApproval,

    /// <summary>An approver rejected it. Nothing was granted.</summary>
    Rejected,

    /// <summary>The approval wait timed out. Nothing was granted.</summary>
    Expired,

    /// <summary>Approved (or a declared emergency): the role is being created.</summary>
    Granting,

    /// <summary>The grant is live.</summary>
    Active,

    /// <summary>The revoke is under way (the role's policies are being deleted).</summary>
    Revoking,

    /// <summary>A step failed before anything was granted (the record's timeline names it). Nothing was granted.</summary>
    Failed,

    /// <summary>The grant was taken back (the record's revocation says how).</summary>
    Revoked,

    /// <summary>Revoking failed after retries: a role or policy may remain; loud, notified, the sweeper keeps trying.</summary>
    RevokeFailed,

    /// <summary>The criteria refused it (at request or grant time). Nothing was granted.</summary>
    Refused,
}
