using Automation.Core.Facts;

namespace Automation.Core.Diagnosis;

/// <summary>Reduces the facts to one <see cref="ResourceThrottleSignals"/> per resource (table first, then each GSI).</summary>
public static class ThrottleSignalReader
{
    private static readonly DynamoDbMetric[] ReasonMetrics =
    [
        DynamoDbMetric.ReadProvisionedThroughputThrottleEvents, DynamoDbMetric.WriteProvisionedThroughputThrottleEvents,
        DynamoDbMetric.ReadKeyRangeThroughputThrottleEvents, DynamoDbMetric.WriteKeyRangeThroughputThrottleEvents,
        DynamoDbMetric.ReadMaxOnDemandThroughputThrottleEvents, DynamoDbMetric.WriteMaxOnDemandThroughputThrottleEvents,
        DynamoDbMetric.ReadAccountLimitThrottleEvents, DynamoDbMetric.WriteAccountLimitThrottleEvents,
    ];

    public static IReadOnlyList<ResourceThrottleSignals> Read(ThrottlingFacts facts, MetricLookup metrics)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(metrics);
        bool provisioned = facts.Table.CapacityMode == CapacityMode.Provisioned;
        var signals = new List<ResourceThrottleSignals>(facts.Table.GlobalSecondaryIndexes.Count + 1)
        {
            ReadResource(metrics, null, provisioned, facts.Table.ProvisionedThroughput),
        };
        foreach (IndexFacts index in facts.Table.GlobalSecondaryIndexes)
        {
            signals.Add(ReadResource(metrics, index.IndexName, provisioned, index.ProvisionedThroughput));
        }

        return signals;
    }

    private static ResourceThrottleSignals ReadResource(MetricLookup m, string? index, bool provisioned, ProvisionedThroughputFacts throughput)
    {
        bool hasReason = false;
        foreach (DynamoDbMetric metric in ReasonMetrics)
        {
            hasReason |= m.Has(index, metric);
        }

        return new ResourceThrottleSignals(
            IndexName: index,
            IsProvisioned: provisioned,
            HasReasonMetrics: hasReason,
            HasLegacyMetrics: m.Has(index, DynamoDbMetric.ReadThrottleEvents) || m.Has(index, DynamoDbMetric.WriteThrottleEvents),
            HasThrottledRequestsMetric: m.Has(index, DynamoDbMetric.ThrottledRequests),
            ReadProvisioned: m.Total(index, DynamoDbMetric.ReadProvisionedThroughputThrottleEvents),
            WriteProvisioned: m.Total(index, DynamoDbMetric.WriteProvisionedThroughputThrottleEvents),
            ReadKeyRange: m.Total(index, DynamoDbMetric.ReadKeyRangeThroughputThrottleEvents),
            WriteKeyRange: m.Total(index, DynamoDbMetric.WriteKeyRangeThroughputThrottleEvents),
            ReadMaxOnDemand: m.Total(index, DynamoDbMetric.ReadMaxOnDemandThroughputThrottleEvents),
            WriteMaxOnDemand: m.Total(index, DynamoDbMetric.WriteMaxOnDemandThroughputThrottleEvents),
            ReadAccountLimit: m.Total(index, DynamoDbMetric.ReadAccountLimitThrottleEvents),
            WriteAccountLimit: m.Total(index, DynamoDbMetric.WriteAccountLimitThrottleEvents),
            ReadLegacy: m.Total(index, DynamoDbMetric.ReadThrottleEvents),
            WriteLegacy: m.Total(index, DynamoDbMetric.WriteThrottleEvents),
            ThrottledRequests: m.Total(index, DynamoDbMetric.ThrottledRequests),
            PeakConsumedReadPerSecond: m.PeakPerSecond(index, DynamoDbMetric.ConsumedReadCapacityUnits),
            PeakConsumedWritePerSecond: m.PeakPerSecond(index, DynamoDbMetric.ConsumedWriteCapacityUnits),
            ProvisionedRead: throughput.ReadCapacityUnits,
            ProvisionedWrite: throughput.WriteCapacityUnits);
    }
}
