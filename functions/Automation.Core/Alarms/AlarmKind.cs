namespace Automation.Core.Alarms;

/// <summary>
/// The kinds of alarm the suite keeps for each table and each GSI (reconcile), and the kinds the trigger normaliser
/// and the tuner reason about. Metadata (metric, runbook, which resources it applies to): <see cref="AlarmKinds"/>.
/// </summary>
public enum AlarmKind
{
    /// <summary><c>ThrottledRequests</c> summed over the segment's operations (metric math; the table only: AWS publishes it per operation).</summary>
    ThrottledRequests,

    /// <summary><c>ReadThrottleEvents</c> of the table or a GSI.</summary>
    ReadThrottleEvents,

    /// <summary><c>WriteThrottleEvents</c> of the table or a GSI (a GSI short of writes throttles the base table).</summary>
    WriteThrottleEvents,

    /// <summary><c>ReadKeyRangeThroughputThrottleEvents</c>: a partition over 3,000 RCU/s (hot key).</summary>
    ReadKeyRangeThroughputThrottleEvents,

    /// <summary><c>WriteKeyRangeThroughputThrottleEvents</c>: a partition over 1,000 WCU/s (hot key).</summary>
    WriteKeyRangeThroughputThrottleEvents,

    /// <summary><c>ReadProvisionedThroughputThrottleEvents</c> (provisioned resources only).</summary>
    ReadProvisionedThroughputThrottleEvents,

    /// <summary><c>WriteProvisionedThroughputThrottleEvents</c> (provisioned resources only).</summary>
    WriteProvisionedThroughputThrottleEvents,

    /// <summary><c>ReadMaxOnDemandThroughputThrottleEvents</c> (on-demand resources with a maximum only).</summary>
    ReadMaxOnDemandThroughputThrottleEvents,

    /// <summary><c>WriteMaxOnDemandThroughputThrottleEvents</c> (on-demand resources with a maximum only).</summary>
    WriteMaxOnDemandThroughputThrottleEvents,

    /// <summary><c>ReadAccountLimitThrottleEvents</c>: the account's table-level read quota.</summary>
    ReadAccountLimitThrottleEvents,

    /// <summary><c>WriteAccountLimitThrottleEvents</c>: the account's table-level write quota.</summary>
    WriteAccountLimitThrottleEvents,

    /// <summary>Consumed read units as a percentage of provisioned (metric math; provisioned resources only).</summary>
    ReadCapacityUtilisation,

    /// <summary>Consumed write units as a percentage of provisioned (metric math; provisioned resources only).</summary>
    WriteCapacityUtilisation,

    /// <summary><c>SystemErrors</c> (HTTP 500s from DynamoDB) summed over the segment's operations (metric math; the table only).</summary>
    SystemErrors,

    /// <summary><c>UserErrors</c> against its anomaly band (account and region: AWS publishes it without a table).</summary>
    UserErrors,

    /// <summary><c>SuccessfulRequestLatency</c> p99 of one hot operation of the table.</summary>
    Latency,

    /// <summary><c>ConditionalCheckFailedRequests</c> of the table (a high rate means contention).</summary>
    ConditionalCheckFailures,

    /// <summary><c>ReplicationLatency</c> to one replica region (global tables only).</summary>
    ReplicationLatency,
}
