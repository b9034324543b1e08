using Automation.Core.Diagnosis;
using Automation.Core.Guardrails;
using Automation.Core.Sharding;

namespace Automation.Core.Planning;

/// <summary>
/// Plans for <see cref="DiagnosisKind.HotKey"/>: never a table-level change (a partition serves at most
/// 3,000 RCU/s and 1,000 WCU/s whatever the table's capacity).
/// <list type="bullet">
/// <item>Reads only: <see cref="RemediationKind.AdviseCaching"/>, no table or shard-registry change. Sharding
/// spreads writes; it does not absorb reads of one item, and readers fanning out over the shards multiply them.
/// The summary and advice name the cache (see <see cref="CachingAdvisor"/>).</item>
/// <item>Writes (or reads and writes): write-sharding of each hot partition key Contributor Insights named,
/// with N sized for the key's rate against the write limit; with reads too, caching advice for the reads.</item>
/// </list>
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

        if (c.Diagnosis.Operations == ThrottledOperations.Read)
        {
            PlanReadCaching(c, d, resource, keys);
            return;
        }

        CachingAdvice? reads = c.Diagnosis.Operations == ThrottledOperations.ReadAndWrite
            ? CachingAdvisor.For(c, keys, sharded: true)
            : null;
        string readsClause = reads is null
            ? string.Empty
            : PlanText.Format($" Its reads throttle too: cache them in {reads.CacheName}, since {reads.Reason}.");
        if (keys.Count == 0)
        {
            d.Summary = PlanText.Format($"No table-level change for {resource}: a hot partition cannot be fixed by capacity, and no key was named to shard.") + readsClause;
            d.Advice.Add("Enable Contributor Insights (throttled keys mode) on the table or index to name the hot key, then re-run the workflow.");
            AddAll(d, reads);
            return;
        }

        // Any write involved: 1,000 WCU/s a partition (the tighter limit).
        const int limit = PartitionThroughputLimits.WriteUnitsPerSecond;
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
            $"Shard hot key '{first.PartitionKey}' of {resource} into {first.ShardCount} shards ({first.ObservedUnitsPerSecond:N0} units/s against {limit:N0} per partition){(keys.Count > 1 ? $" and {keys.Count - 1} more key(s)" : string.Empty)}; no table-level change, since capacity cannot lift a single partition's limit.") + readsClause;
        d.Advice.Add("Writers must use the shard registry (Automation.Sharding) and readers must query every shard of the key until the migration completes.");
        AddAll(d, reads);
    }

    /// <summary>Reads only: advice, and nothing for the workflow to apply.</summary>
    private static void PlanReadCaching(PlanContext c, PlanDraft d, string resource, List<string> keys)
    {
        CachingAdvice advice = CachingAdvisor.For(c, keys, sharded: false);
        string what = keys.Count == 0
            ? PlanText.Format($"the hot partition of {resource}")
            : PlanText.Format($"hot key '{keys[0]}' of {resource}{(keys.Count > 1 ? $" and {keys.Count - 1} more key(s)" : string.Empty)}");
        d.Action = RemediationKind.AdviseCaching;
        d.Summary = PlanText.Format(
            $"Cache the reads of {what} in {advice.CacheName}, since {advice.Reason}; no table or shard-registry change, since capacity cannot lift one partition's {PartitionThroughputLimits.ReadUnitsPerSecond:N0} RCU/s and sharding spreads writes, not reads of one item.");
        if (keys.Count == 0)
        {
            d.Advice.Add("Enable Contributor Insights (throttled keys mode) on the table or index to name the hot key, so that the cache can target it.");
        }

        AddAll(d, advice);
    }

    private static void AddAll(PlanDraft d, CachingAdvice? advice)
    {
        if (advice is not null)
        {
            d.Advice.AddRange(advice.Advice);
        }
    }
}
