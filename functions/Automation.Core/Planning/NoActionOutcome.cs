namespace Automation.Core.Planning;

/// <summary>Why a plan with <see cref="PlanAction.None"/> applies nothing: how the incident closes.</summary>
public enum NoActionOutcome
{
    /// <summary>A false alarm, or a cause no change of ours addresses (account quota, unknown cause, no key to shard, a read-hot key that only a cache relieves): nothing to do.</summary>
    NoActionNeeded,

    /// <summary>A change would help but a guardrail ruled every option out (ceiling, cost cap, switch quota, policy).</summary>
    Refused,
}
