using Automation.Core.Facts;

namespace Automation.Core.Diagnosis;

/// <summary>Lists the non-zero numbers of the diagnosed resource as <see cref="Evidence"/>.</summary>
internal static class EvidenceCollector
{
    public static IReadOnlyList<Evidence> Collect(ThrottlingFacts facts, ResourceThrottleSignals s, ResourceThrottleSignals table)
    {
        var evidence = new List<Evidence>();
        string? index = s.IndexName;
        void Total(DynamoDbMetric metric, double value, string? on = null)
        {
            if (value > 0)
            {
                evidence.Add(new Evidence(metric.ToString(), on, EvidenceMeasure.WindowTotal, value, "events"));
            }
        }

        Total(DynamoDbMetric.ReadProvisionedThroughputThrottleEvents, s.ReadProvisioned, index);
        Total(DynamoDbMetric.WriteProvisionedThroughputThrottleEvents, s.WriteProvisioned, index);
        Total(DynamoDbMetric.ReadKeyRangeThroughputThrottleEvents, s.ReadKeyRange, index);
        Total(DynamoDbMetric.WriteKeyRangeThroughputThrottleEvents, s.WriteKeyRange, index);
        Total(DynamoDbMetric.ReadMaxOnDemandThroughputThrottleEvents, s.ReadMaxOnDemand, index);
        Total(DynamoDbMetric.WriteMaxOnDemandThroughputThrottleEvents, s.WriteMaxOnDemand, index);
        Total(DynamoDbMetric.ReadAccountLimitThrottleEvents, s.ReadAccountLimit, index);
        Total(DynamoDbMetric.WriteAccountLimitThrottleEvents, s.WriteAccountLimit, index);
        Total(DynamoDbMetric.ReadThrottleEvents, s.ReadLegacy, index);
        Total(DynamoDbMetric.WriteThrottleEvents, s.WriteLegacy, index);
        Total(DynamoDbMetric.ThrottledRequests, s.ThrottledRequests, index);
        if (index is not null)
        {
            // Base-table requests throttled (by the index, for GSI write back-pressure).
            Total(DynamoDbMetric.ThrottledRequests, table.ThrottledRequests);
        }

        if (s.PeakConsumedReadPerSecond > 0)
        {
            evidence.Add(new Evidence(nameof(DynamoDbMetric.ConsumedReadCapacityUnits), index, EvidenceMeasure.PeakPerSecond, s.PeakConsumedReadPerSecond, "RCU/s"));
        }

        if (s.PeakConsumedWritePerSecond > 0)
        {
            evidence.Add(new Evidence(nameof(DynamoDbMetric.ConsumedWriteCapacityUnits), index, EvidenceMeasure.PeakPerSecond, s.PeakConsumedWritePerSecond, "WCU/s"));
        }

        if (s.IsProvisioned)
        {
            evidence.Add(new Evidence("ProvisionedThroughput.ReadCapacityUnits", index, EvidenceMeasure.Provisioned, s.ProvisionedRead, "RCU/s"));
            evidence.Add(new Evidence("ProvisionedThroughput.WriteCapacityUnits", index, EvidenceMeasure.Provisioned, s.ProvisionedWrite, "WCU/s"));
        }

        OnDemandThroughput? max = facts.Table.OnDemandThroughputOf(index);
        if (max is not null)
        {
            evidence.Add(new Evidence("OnDemandThroughput.MaxReadRequestUnits", index, EvidenceMeasure.OnDemandMaximum, max.MaxReadRequestUnits, "RRU/s"));
            evidence.Add(new Evidence("OnDemandThroughput.MaxWriteRequestUnits", index, EvidenceMeasure.OnDemandMaximum, max.MaxWriteRequestUnits, "WRU/s"));
        }

        return evidence;
    }
}
