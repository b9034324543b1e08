namespace Automation.Core.Verification;

/// <summary>The verdict of <see cref="MitigationVerifier"/>.</summary>
public enum MitigationOutcome
{
    /// <summary>Throttling after the change is below the rule's limit.</summary>
    Mitigated,

    /// <summary>Throttling after the change is still above the limit.</summary>
    NotMitigated,

    /// <summary>
    /// A sharding plan whose throttling has not dropped yet: applications pick up the shard registry on their next
    /// refresh (cache TTL) and only new writes spread, so unchanged throttling right after is expected. Not mitigated.
    /// </summary>
    PendingApplicationAdoption,

    /// <summary>No complete metric period after the change lies in the verify window: verify later. Not mitigated.</summary>
    TooEarly,
}
