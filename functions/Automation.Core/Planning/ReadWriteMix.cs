using Automation.Core.Facts;

namespace Automation.Core.Planning;

/// <summary>
/// Consumed read and write units of the table or a GSI over the facts window, and whether that makes it
/// read-heavy by <see cref="MinimumReadToWriteUnitRatio"/>. Pure: computed from the facts' metric series.
/// </summary>
/// <param name="ConsumedReadUnits">Window total of <c>ConsumedReadCapacityUnits</c>, or null when the series was not fetched.</param>
/// <param name="ConsumedWriteUnits">Window total of <c>ConsumedWriteCapacityUnits</c>, or null when the series was not fetched.</param>
public sealed record ReadWriteMix(double? ConsumedReadUnits, double? ConsumedWriteUnits)
{
    /// <summary>
    /// Read-heavy: consumed read units at least this many times the consumed write units over the window.
    /// Units understate reads against requests (an eventually consistent read of up to 4 KB costs 0.5 RCU, a
    /// write of 1 KB costs 1 WCU), so 4× in units is at least 4× in requests for items up to 1 KB and about 8×
    /// for eventually consistent reads: a workload where most traffic would be served from a cache.
    /// </summary>
    public const double MinimumReadToWriteUnitRatio = 4.0;

    /// <summary>
    /// Whether both series were fetched and some read units were recorded. A fetched series without datapoints
    /// counts as zero (CloudWatch returns none for periods without traffic), but no recorded reads at all while
    /// reads throttled means the data is missing, not that nothing was read.
    /// </summary>
    public bool IsKnown => ConsumedReadUnits > 0 && ConsumedWriteUnits is not null;

    /// <summary>Known, and reads ≥ <see cref="MinimumReadToWriteUnitRatio"/> × writes. Never claimed without the data.</summary>
    public bool IsReadHeavy => IsKnown && ConsumedReadUnits >= MinimumReadToWriteUnitRatio * ConsumedWriteUnits;

    /// <summary>The mix of the table (<paramref name="indexName"/> null) or a GSI over the facts window.</summary>
    public static ReadWriteMix Of(ThrottlingFacts facts, string? indexName)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return Of(new MetricLookup(facts.Metrics), indexName);
    }

    internal static ReadWriteMix Of(MetricLookup metrics, string? indexName) => new(
        metrics.Has(indexName, DynamoDbMetric.ConsumedReadCapacityUnits) ? metrics.Total(indexName, DynamoDbMetric.ConsumedReadCapacityUnits) : null,
        metrics.Has(indexName, DynamoDbMetric.ConsumedWriteCapacityUnits) ? metrics.Total(indexName, DynamoDbMetric.ConsumedWriteCapacityUnits) : null);
}
