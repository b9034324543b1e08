using Automation.Core.Facts;

namespace Automation.Core.Diagnosis;

/// <summary>A key that Contributor Insights shows dominating the traffic or the throttles of a table or GSI.</summary>
/// <param name="PartitionKey">Partition key value (plain text).</param>
/// <param name="SortKey">Sort key value for SKC/SKT rules, else null.</param>
/// <param name="IndexName">The GSI whose key this is, or null for the table.</param>
/// <param name="Source">The rule that reported it.</param>
/// <param name="Value">The key's value over the report window (capacity units for accessed rules, requests for throttled rules).</param>
/// <param name="Share">Value / the report's aggregate value, 0..1.</param>
/// <param name="RatePerSecond">Value / report window seconds: the average rate over the window.</param>
public sealed record HotKeyEvidence(
    string PartitionKey,
    string? SortKey,
    string? IndexName,
    ContributorInsightsRule Source,
    double Value,
    double Share,
    double RatePerSecond);
