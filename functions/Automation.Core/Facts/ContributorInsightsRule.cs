namespace Automation.Core.Facts;

/// <summary>
/// The Contributor Insights rule a report came from (<c>DynamoDBContributorInsights-{PKC|PKT|SKC|SKT}-...</c>).
/// </summary>
public enum ContributorInsightsRule
{
    /// <summary>PKC: most accessed partition keys. Values are consumed capacity units (reads and writes).</summary>
    PartitionKeyAccessed,

    /// <summary>PKT: most throttled partition keys. Values are throttled requests.</summary>
    PartitionKeyThrottled,

    /// <summary>SKC: most accessed partition + sort keys.</summary>
    SortKeyAccessed,

    /// <summary>SKT: most throttled partition + sort keys.</summary>
    SortKeyThrottled,
}
