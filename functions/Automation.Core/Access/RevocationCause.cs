namespace Automation.Core.Access;

/// <summary>Why a grant was revoked (the access record's <c>revocation.cause</c>).</summary>
public enum RevocationCause
{
    /// <summary>The grant's time ran out.</summary>
    Expiry,

    /// <summary>The requester said "I'm done" before the expiry.</summary>
    Done,

    /// <summary>A step after the grant failed: its Catch revoked.</summary>
    Failure,

    /// <summary>The execution was stopped, failed or timed out: the status-change rule revoked.</summary>
    StoppedRun,

    /// <summary>The scheduled sweeper found the role expired or its request not live.</summary>
    Sweeper,
}
