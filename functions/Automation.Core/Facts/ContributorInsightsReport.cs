using System.Text.Json.Serialization;

namespace Automation.Core.Facts;

/// <summary>
/// Top keys from one Contributor Insights rule over a window (CloudWatch GetInsightRuleReport), for the
/// table (<paramref name="IndexName"/> null) or one GSI. Present only when Contributor Insights is enabled.
/// </summary>
/// <param name="Rule">Which rule (accessed or throttled, partition or partition+sort key).</param>
/// <param name="IndexName">The GSI the rule watches, or null for the table.</param>
/// <param name="StartTime">Report window start.</param>
/// <param name="EndTime">Report window end.</param>
/// <param name="AggregateValue">The report's <c>AggregateValue</c>: the total over all contributors, not only the top ones.</param>
/// <param name="Contributors">The top contributors, largest first or in any order.</param>
public sealed record ContributorInsightsReport(
    ContributorInsightsRule Rule,
    string? IndexName,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    double AggregateValue,
    IReadOnlyList<KeyContribution> Contributors)
{
    /// <summary>Whether the rule counts throttled requests (PKT/SKT) rather than consumed capacity.</summary>
    [JsonIgnore]
    public bool CountsThrottles => Rule is ContributorInsightsRule.PartitionKeyThrottled or ContributorInsightsRule.SortKeyThrottled;

    /// <summary>Seconds the report covers (at least 1).</summary>
    public double WindowSeconds() => Math.Max(1, (EndTime - StartTime).TotalSeconds);
}
