using Automation.Core.Diagnosis;
using Automation.Core.Guardrails;
using Automation.Core.Sharding;

namespace Automation.Core.Planning;

/// <summary>
/// Plans for <see cref="DiagnosisKind.HotKey"/>: never a table-level change (a partition serves at most
/// 3,000 RCU/s and 1,000 WCU/s whatever the table's capacity), but write-sharding of each hot partition key
/// Contributor Insights named, with N sized for the key's rate against the partition limit.
/// </summary>
internal static class HotKeyPlanner
{
    public static void Plan(PlanContext c, PlanDraft d)
    {
        string? index = c.Diagnosis.IndexName;
        string resource = PlanText.Resource(c.Table.TableName, index);
        var keys = new List<string>();
        foreach (HotKeyEvidence key in c.Diagnosis.HotKeys)
        {
            if (!keys.Contains(key.PartitionKey))
            {
                keys.Add(key.PartitionKey);
            }
        }

        if (keys.Count == 0)
        {
            d.Summary = PlanText.Format($"No table-level change for {resource}: a hot partition cannot be fixed by capacity, and no key was named to shard.");
            d.Advice.Add("Enable Contributor Insights (throttled keys mode) on the table or index to name the hot key, then re-run the workflow.");
            return;
        }

        // Reads alone: 3,000 RCU/s a partition; any write involved: 1,000 WCU/s (the tighter limit).
        int limit = c.Diagnosis.Operations == ThrottledOperations.Read
            ? PartitionThroughputLimits.ReadUnitsPerSecond
            : PartitionThroughputLimits.WriteUnitsPerSecond;
        foreach (string key in keys)
        {
            GuardrailSegment? segment = c.Policy.SegmentFor(c.Table.TableName, index, key);
            ShardingGuardrails bounds = (segment?.Settings ?? c.Policy.Defaults).Sharding;
            double rate = HotKeyDemandEstimator.UnitsPerSecond(c.Facts, index, key, limit);
            ShardCountDecision decision = ShardCountCalculator.Calculate(rate, limit, bounds.Headroom, bounds.MinShards, bounds.MaxShards);
            if (decision.CappedByMaximum)
            {
                d.Note(GuardrailKind.ShardBounds, index, PlanText.Format(
                    $"key '{key}' needs {decision.RequiredShards} shards for {rate:N0} units/s but the maximum is {bounds.MaxShards}."));
            }

            d.Sharding.Add(new ShardingChange(c.Table.TableName, index, key, decision.ShardCount, decision.RequiredShards, decision.CappedByMaximum,
                rate, limit, ShardingScheme.Algorithm, bounds.Separator, segment?.Name));
        }

        ShardingChange first = d.Sharding[0];
        d.Action = RemediationKind.ShardHotKey;
        d.Summary = PlanText.Format(
            $"Shard hot key '{first.PartitionKey}' of {resource} into {first.ShardCount} shards ({first.ObservedUnitsPerSecond:N0} units/s against {limit:N0} per partition){(keys.Count > 1 ? $" and {keys.Count - 1} more key(s)" : string.Empty)}; no table-level change, since capacity cannot lift a single partition's limit.");
        d.Advice.Add("Writers must use the shard registry (Automation.Sharding) and readers must query every shard of the key until the migration completes.");
        if (c.Diagnosis.Operations == ThrottledOperations.Read)
        {
            d.Advice.Add("The key is read-hot: a cache (e.g. DAX) in front of it is often simpler than sharding, which turns each read into a fan-out.");
        }
    }
}
