using Automation.Core.Facts;
using Automation.Core.Guardrails;

namespace Automation.Core.Planning;

/// <summary>
/// Assembles the UpdateTable call for a set of adjustments against a table description: the API needs both
/// values of a <c>ProvisionedThroughput</c> pair, so the unchanged one is filled from the description.
/// </summary>
public static class TableUpdateBuilder
{
    public static TableUpdate Build(TableFacts table, IReadOnlyList<CapacityAdjustment> adjustments, CapacityMode? billingMode, PricingAssumptions pricing)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(adjustments);
        var indexUpdates = new List<IndexUpdate>();
        foreach (IndexFacts index in table.GlobalSecondaryIndexes)
        {
            ThroughputSetting? provisioned = Throughput(adjustments, index.IndexName, index.ProvisionedThroughput);
            OnDemandThroughput? maxima = Maxima(adjustments, index.IndexName, index.OnDemandThroughput);
            if (provisioned is not null || maxima is not null)
            {
                indexUpdates.Add(new IndexUpdate(index.IndexName, provisioned, maxima));
            }
        }

        return new TableUpdate(
            table.TableName,
            billingMode,
            Throughput(adjustments, null, table.ProvisionedThroughput),
            Maxima(adjustments, null, table.OnDemandThroughput),
            indexUpdates,
            adjustments,
            TableCostEstimator.Current(table, pricing),
            TableCostEstimator.With(table, pricing, adjustments, billingMode));
    }

    private static ThroughputSetting? Throughput(IReadOnlyList<CapacityAdjustment> adjustments, string? indexName, ProvisionedThroughputFacts current)
    {
        CapacityAdjustment? read = Find(adjustments, indexName, CapacityDimension.Read, AdjustmentKind.ProvisionedCapacity);
        CapacityAdjustment? write = Find(adjustments, indexName, CapacityDimension.Write, AdjustmentKind.ProvisionedCapacity);
        return read is null && write is null
            ? null
            : new ThroughputSetting(read?.To ?? current.ReadCapacityUnits, write?.To ?? current.WriteCapacityUnits);
    }

    private static OnDemandThroughput? Maxima(IReadOnlyList<CapacityAdjustment> adjustments, string? indexName, OnDemandThroughput? current)
    {
        CapacityAdjustment? read = Find(adjustments, indexName, CapacityDimension.Read, AdjustmentKind.OnDemandMaximum);
        CapacityAdjustment? write = Find(adjustments, indexName, CapacityDimension.Write, AdjustmentKind.OnDemandMaximum);
        return read is null && write is null
            ? null
            : new OnDemandThroughput(
                read?.To ?? current?.MaxReadRequestUnits ?? OnDemandThroughput.NoMaximum,
                write?.To ?? current?.MaxWriteRequestUnits ?? OnDemandThroughput.NoMaximum);
    }

    internal static CapacityAdjustment? Find(IReadOnlyList<CapacityAdjustment> adjustments, string? indexName, CapacityDimension dimension, AdjustmentKind kind)
    {
        foreach (CapacityAdjustment adjustment in adjustments)
        {
            if (adjustment.Kind == kind && adjustment.Dimension == dimension && string.Equals(adjustment.IndexName, indexName, StringComparison.Ordinal))
            {
                return adjustment;
            }
        }

        return null;
    }
}
