namespace Automation.Core.Facts;

/// <summary>
/// CloudWatch metrics (namespace <c>AWS/DynamoDB</c>) the diagnosis reads. Member names are the exact
/// CloudWatch metric names, so the handler can map GetMetricData results with <c>Enum.Parse</c>.
/// </summary>
public enum DynamoDbMetric
{
    /// <summary>Requests with at least one throttled event (counted once per request). Count.</summary>
    ThrottledRequests,

    /// <summary>Legacy: read events over provisioned capacity (any reason). Count.</summary>
    ReadThrottleEvents,

    /// <summary>Legacy: write events over provisioned capacity (any reason). Count.</summary>
    WriteThrottleEvents,

    /// <summary>Read events throttled because the table/GSI provisioned RCU was exceeded. Count.</summary>
    ReadProvisionedThroughputThrottleEvents,

    /// <summary>Write events throttled because the table/GSI provisioned WCU was exceeded. Count.</summary>
    WriteProvisionedThroughputThrottleEvents,

    /// <summary>Read events throttled by a partition's limit (3,000 RCU/s). Count.</summary>
    ReadKeyRangeThroughputThrottleEvents,

    /// <summary>Write events throttled by a partition's limit (1,000 WCU/s). Count.</summary>
    WriteKeyRangeThroughputThrottleEvents,

    /// <summary>Read events throttled by the on-demand maximum (OnDemandThroughput). Count.</summary>
    ReadMaxOnDemandThroughputThrottleEvents,

    /// <summary>Write events throttled by the on-demand maximum (OnDemandThroughput). Count.</summary>
    WriteMaxOnDemandThroughputThrottleEvents,

    /// <summary>Read events throttled by an account-level quota. Count.</summary>
    ReadAccountLimitThrottleEvents,

    /// <summary>Write events throttled by an account-level quota. Count.</summary>
    WriteAccountLimitThrottleEvents,

    /// <summary>Read capacity consumed; with statistic Sum, divide by the period for RCU/s.</summary>
    ConsumedReadCapacityUnits,

    /// <summary>Write capacity consumed; with statistic Sum, divide by the period for WCU/s.</summary>
    ConsumedWriteCapacityUnits,

    /// <summary>Provisioned RCU/s (a gauge: Average or Maximum).</summary>
    ProvisionedReadCapacityUnits,

    /// <summary>Provisioned WCU/s (a gauge: Average or Maximum).</summary>
    ProvisionedWriteCapacityUnits,
}
