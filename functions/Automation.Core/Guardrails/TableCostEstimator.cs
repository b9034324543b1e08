using Automation.Core.Facts;
using Automation.Core.Planning;

namespace Automation.Core.Guardrails;

/// <summary>
/// The table's monthly capacity cost (table + every GSI) for the cost cap: provisioned at its settings, or
/// on-demand at its maxima (a resource without a maximum has no bounded worst case and adds nothing; the
/// planner never removes a maximum).
/// </summary>
public static class TableCostEstimator
{
    /// <summary>The cost as the table stands.</summary>
    public static double Current(TableFacts table, PricingAssumptions pricing) => With(table, pricing, [], null);

    /// <summary>The cost after applying <paramref name="adjustments"/> and, if given, a mode switch.</summary>
    public static double With(TableFacts table, PricingAssumptions pricing, IReadOnlyList<CapacityAdjustment> adjustments, CapacityMode? newMode)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(pricing);
        ArgumentNullException.ThrowIfNull(adjustments);
        CapacityMode mode = newMode ?? table.CapacityMode;
        double total = Resource(null, table.ProvisionedThroughput, table.OnDemandThroughput, mode, pricing, adjustments);
        foreach (IndexFacts index in table.GlobalSecondaryIndexes)
        {
            total += Resource(index.IndexName, index.ProvisionedThroughput, index.OnDemandThroughput, mode, pricing, adjustments);
        }

        return total;
    }

    private static double Resource(
        string? indexName,
        ProvisionedThroughputFacts provisioned,
        OnDemandThroughput? maxima,
        CapacityMode mode,
        PricingAssumptions pricing,
        IReadOnlyList<CapacityAdjustment> adjustments)
    {
        if (mode == CapacityMode.Provisioned)
        {
            long read = Value(adjustments, indexName, CapacityDimension.Read, AdjustmentKind.ProvisionedCapacity, provisioned.ReadCapacityUnits);
            long write = Value(adjustments, indexName, CapacityDimension.Write, AdjustmentKind.ProvisionedCapacity, provisioned.WriteCapacityUnits);
            return CostModel.ProvisionedMonthlyUsd(read, write, pricing);
        }

        long maxRead = Value(adjustments, indexName, CapacityDimension.Read, AdjustmentKind.OnDemandMaximum, maxima?.MaxReadRequestUnits ?? OnDemandThroughput.NoMaximum);
        long maxWrite = Value(adjustments, indexName, CapacityDimension.Write, AdjustmentKind.OnDemandMaximum, maxima?.MaxWriteRequestUnits ?? OnDemandThroughput.NoMaximum);
        return CostModel.OnDemandWorstCaseMonthlyUsd(maxRead, maxWrite, pricing);
    }

    private static long Value(IReadOnlyList<CapacityAdjustment> adjustments, string? indexName, CapacityDimension dimension, AdjustmentKind kind, long current)
    {
        foreach (CapacityAdjustment adjustment in adjustments)
        {
            if (adjustment.Kind == kind && adjustment.Dimension == dimension && string.Equals(adjustment.IndexName, indexName, StringComparison.Ordinal))
            {
                return adjustment.To;
            }
        }

        return current;
    }
}
