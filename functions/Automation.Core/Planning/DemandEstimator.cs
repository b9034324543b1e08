using Automation.Core.Facts;

namespace Automation.Core.Planning;

/// <summary>
/// Peak demand of a resource, per second: in the busiest period, consumed units plus throttled events
/// (each throttled request would have consumed at least one unit, so this is a lower bound of what was asked).
/// </summary>
internal static class DemandEstimator
{
    public static double ProvisionedPeak(MetricLookup metrics, string? indexName, CapacityDimension dimension)
    {
        bool read = dimension == CapacityDimension.Read;
        DynamoDbMetric consumed = read ? DynamoDbMetric.ConsumedReadCapacityUnits : DynamoDbMetric.ConsumedWriteCapacityUnits;
        DynamoDbMetric reason = read ? DynamoDbMetric.ReadProvisionedThroughputThrottleEvents : DynamoDbMetric.WriteProvisionedThroughputThrottleEvents;
        DynamoDbMetric legacy = read ? DynamoDbMetric.ReadThrottleEvents : DynamoDbMetric.WriteThrottleEvents;
        DynamoDbMetric throttled = metrics.Has(indexName, reason) ? reason : legacy;
        return metrics.PeakCombinedPerSecond(indexName, consumed, throttled);
    }

    public static double OnDemandPeak(MetricLookup metrics, string? indexName, CapacityDimension dimension)
    {
        bool read = dimension == CapacityDimension.Read;
        DynamoDbMetric consumed = read ? DynamoDbMetric.ConsumedReadCapacityUnits : DynamoDbMetric.ConsumedWriteCapacityUnits;
        DynamoDbMetric reason = read ? DynamoDbMetric.ReadMaxOnDemandThroughputThrottleEvents : DynamoDbMetric.WriteMaxOnDemandThroughputThrottleEvents;
        return metrics.PeakCombinedPerSecond(indexName, consumed, reason);
    }
}
