namespace Automation.Core.Facts;

/// <summary>The parts of DescribeTable the throttling workflow reasons about.</summary>
/// <param name="TableName">The table name (the <c>TableName</c> metric dimension).</param>
/// <param name="Status">The table status.</param>
/// <param name="CapacityMode">Provisioned or on-demand; GSIs share the table's mode.</param>
/// <param name="ProvisionedThroughput">The table's provisioned throughput (zeros when on-demand).</param>
/// <param name="OnDemandThroughput">The table's on-demand maximum, when set.</param>
/// <param name="GlobalSecondaryIndexes">The table's GSIs (empty when none).</param>
public sealed record TableFacts(
    string TableName,
    ResourceStatus Status,
    CapacityMode CapacityMode,
    ProvisionedThroughputFacts ProvisionedThroughput,
    OnDemandThroughput? OnDemandThroughput,
    IReadOnlyList<IndexFacts> GlobalSecondaryIndexes)
{
    /// <summary>
    /// The regions of the table's replicas (global tables, DescribeTable <c>Replicas[].RegionName</c>) other than the
    /// table's own; empty for a table that is not global.
    /// </summary>
    public IReadOnlyList<string> ReplicaRegions { get; init; } = [];

    /// <summary>The GSI with this name, or null.</summary>
    public IndexFacts? FindIndex(string indexName)
    {
        foreach (IndexFacts index in GlobalSecondaryIndexes)
        {
            if (string.Equals(index.IndexName, indexName, StringComparison.Ordinal))
            {
                return index;
            }
        }

        return null;
    }

    /// <summary>Provisioned throughput of the table (<paramref name="indexName"/> null) or of a GSI; null if the GSI is unknown.</summary>
    public ProvisionedThroughputFacts? ThroughputOf(string? indexName) =>
        indexName is null ? ProvisionedThroughput : FindIndex(indexName)?.ProvisionedThroughput;

    /// <summary>On-demand maximum of the table or a GSI; null when unset or the GSI is unknown.</summary>
    public OnDemandThroughput? OnDemandThroughputOf(string? indexName) =>
        indexName is null ? OnDemandThroughput : FindIndex(indexName)?.OnDemandThroughput;
}
