namespace Automation.Core.Triggers;

/// <summary>
/// The AWS/DynamoDB metrics an alarm may watch for this workflow to act: throttle counts (overall
/// and per reason) and consumed capacity (utilisation alarms). Names from the DynamoDB metrics
/// reference.
/// </summary>
public static class ThrottlingMetrics
{
    public const string Namespace = "AWS/DynamoDB";

    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "ThrottledRequests",
        "ReadThrottleEvents",
        "WriteThrottleEvents",
        "ReadProvisionedThroughputThrottleEvents",
        "WriteProvisionedThroughputThrottleEvents",
        "ReadKeyRangeThroughputThrottleEvents",
        "WriteKeyRangeThroughputThrottleEvents",
        "ReadMaxOnDemandThroughputThrottleEvents",
        "WriteMaxOnDemandThroughputThrottleEvents",
        "ReadAccountLimitThrottleEvents",
        "WriteAccountLimitThrottleEvents",
        "OnlineIndexThrottleEvents",
        "ConsumedReadCapacityUnits",
        "ConsumedWriteCapacityUnits",
    };
}
