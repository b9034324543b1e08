namespace Automation.Core.Access;

/// <summary>What the sweeper does with a role on the break-glass path (<see cref="AccessSweeper.Judge(string, IReadOnlyDictionary{string, string}, string?, DateTimeOffset)"/>).</summary>
public enum SweepVerdict
{
    /// <summary>A live grant, or a role not named as a grant role: leave it.</summary>
    Keep,

    /// <summary>Expired, orphaned or of a request that is not live: revoke it (policy first, then the role).</summary>
    Revoke,
}
