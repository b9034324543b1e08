using Automation.Core.Facts;

namespace Automation.Core.Diagnosis;

/// <summary>Picks the dominant keys of a resource from its Contributor Insights reports.</summary>
public static class HotKeyFinder
{
    /// <summary>
    /// Keys of the table (<paramref name="indexName"/> null) or a GSI whose share of their report is at
    /// least <see cref="DiagnosisThresholds.HotKeyShare"/>: throttled-key rules first, then by share.
    /// </summary>
    public static IReadOnlyList<HotKeyEvidence> Find(ThrottlingFacts facts, string? indexName, DiagnosisThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(thresholds);
        var found = new List<HotKeyEvidence>();
        foreach (ContributorInsightsReport report in facts.ContributorInsights)
        {
            if (!string.Equals(report.IndexName, indexName, StringComparison.Ordinal))
            {
                continue;
            }

            double total = report.AggregateValue;
            if (total <= 0)
            {
                foreach (KeyContribution key in report.Contributors)
                {
                    total += key.Value;
                }
            }

            if (total <= 0)
            {
                continue;
            }

            double seconds = report.WindowSeconds();
            foreach (KeyContribution key in report.Contributors)
            {
                double share = Math.Min(1, key.Value / total);
                if (share >= thresholds.HotKeyShare)
                {
                    found.Add(new HotKeyEvidence(key.PartitionKey, key.SortKey, indexName, report.Rule, key.Value, share, key.Value / seconds));
                }
            }
        }

        found.Sort(static (a, b) =>
        {
            int byRule = IsThrottleRule(b.Source).CompareTo(IsThrottleRule(a.Source));
            return byRule != 0 ? byRule : b.Share.CompareTo(a.Share);
        });
        return found.Count > thresholds.MaxHotKeys ? found.GetRange(0, thresholds.MaxHotKeys) : found;
    }

    private static bool IsThrottleRule(ContributorInsightsRule rule) =>
        rule is ContributorInsightsRule.PartitionKeyThrottled or ContributorInsightsRule.SortKeyThrottled;
}
