namespace Automation.Core.Access;

/// <summary>What the sweeper does with a role on the break-glass path (<see cref="AccessSweeper.Judge"/>).</summary>
public enum SweepVerdict
{
    /// <summary>A live grant: leave it.</summary>
    Keep,

    /// <summary>Expired, orphaned or of a request that is not live: revoke it (policy first, then the role).</summary>
    Revoke,
}
