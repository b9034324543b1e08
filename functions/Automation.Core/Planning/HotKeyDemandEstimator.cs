using Automation.Core.Facts;

namespace Automation.Core.Planning;

/// <summary>
/// A hot key's demand in capacity units per second, from Contributor Insights: its accessed value (consumed
/// units, reads and writes) plus its throttled requests (at least one unit each), over the report window.
/// Without an accessed report the partition is known to be saturated, so the estimate is the partition
/// limit plus the throttled rate: a lower bound.
/// </summary>
internal static class HotKeyDemandEstimator
{
    public static double UnitsPerSecond(ThrottlingFacts facts, string? indexName, string partitionKey, int partitionLimitPerSecond)
    {
        double accessed = 0, throttled = 0;
        bool hasPartitionAccessed = false, hasAnyAccessed = false, hasPartitionThrottled = false;
        foreach (ContributorInsightsReport report in facts.ContributorInsights)
        {
            if (string.Equals(report.IndexName, indexName, StringComparison.Ordinal))
            {
                hasPartitionAccessed |= report.Rule == ContributorInsightsRule.PartitionKeyAccessed;
                hasAnyAccessed |= !report.CountsThrottles;
                hasPartitionThrottled |= report.Rule == ContributorInsightsRule.PartitionKeyThrottled;
            }
        }

        foreach (ContributorInsightsReport report in facts.ContributorInsights)
        {
            if (!string.Equals(report.IndexName, indexName, StringComparison.Ordinal))
            {
                continue;
            }

            // Prefer partition-key rules; sort-key rules split a partition key over items, so they are summed.
            bool use = report.Rule switch
            {
                ContributorInsightsRule.PartitionKeyAccessed => true,
                ContributorInsightsRule.SortKeyAccessed => !hasPartitionAccessed,
                ContributorInsightsRule.PartitionKeyThrottled => true,
                _ => !hasPartitionThrottled,
            };
            if (!use)
            {
                continue;
            }

            double value = 0;
            foreach (KeyContribution key in report.Contributors)
            {
                if (string.Equals(key.PartitionKey, partitionKey, StringComparison.Ordinal))
                {
                    value += key.Value;
                }
            }

            double rate = value / report.WindowSeconds();
            if (report.CountsThrottles)
            {
                throttled += rate;
            }
            else
            {
                accessed += rate;
            }
        }

        return hasAnyAccessed ? accessed + throttled : partitionLimitPerSecond + throttled;
    }
}
