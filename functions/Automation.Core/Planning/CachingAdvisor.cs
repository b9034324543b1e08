using Automation.Core.Facts;
using Automation.Core.Sharding;

namespace Automation.Core.Planning;

/// <summary>The cache a plan recommends for the reads of a hot key.</summary>
internal enum CacheChoice
{
    /// <summary>An application cache (in-process or shared): the safe default.</summary>
    ApplicationCache,

    /// <summary>DynamoDB Accelerator: only for eventually consistent reads of a read-heavy table or index.</summary>
    Dax,
}

/// <summary>A cache recommendation: which cache, one clause saying why, and the advice lines.</summary>
internal sealed record CachingAdvice(CacheChoice Cache, string CacheName, string Reason, IReadOnlyList<string> Advice);

/// <summary>
/// Advises a cache for read-hot keys. DAX only when every hot key's segment says its reads tolerate eventual
/// consistency (<c>caching.readsTolerateEventualConsistency</c>) AND the table or index is read-heavy by
/// <see cref="ReadWriteMix"/>; otherwise an application cache. Pure: facts and policy in, text out.
/// </summary>
internal static class CachingAdvisor
{
    public const string DaxLimits =
        "DAX's limits: it serves eventually consistent reads only (strongly consistent reads, ConsistentRead: true, pass through to DynamoDB and still hit the partition); it adds an hourly cost per node (production clusters run at least 3 nodes); it does not help writes or scans.";

    /// <param name="c">The planning run.</param>
    /// <param name="keys">The hot partition keys (may be empty).</param>
    /// <param name="sharded">The key is write-hot too, so it is (or, once named, will be) sharded.</param>
    public static CachingAdvice For(PlanContext c, IReadOnlyList<string> keys, bool sharded)
    {
        string table = c.Table.TableName;
        string? index = c.Diagnosis.IndexName;
        string resource = PlanText.Resource(table, index);
        bool tolerates = keys.Count == 0
            ? c.SettingsOf(index).Caching.ReadsTolerateEventualConsistency
            : keys.All(k => c.Policy.For(table, index, k).Caching.ReadsTolerateEventualConsistency);
        ReadWriteMix mix = ReadWriteMix.Of(c.Metrics, index);
        CacheChoice cache = tolerates && mix.IsReadHeavy ? CacheChoice.Dax : CacheChoice.ApplicationCache;
        string cacheName = cache == CacheChoice.Dax ? "DAX" : "an application cache";

        string ratio = PlanText.Format($"{ReadWriteMix.MinimumReadToWriteUnitRatio:0.##}");
        string toleranceClause = tolerates
            ? "its reads tolerate eventual consistency (caching.readsTolerateEventualConsistency)"
            : "its reads are not known to tolerate eventual consistency (caching.readsTolerateEventualConsistency is false)";
        string mixClause = !mix.IsKnown
            ? PlanText.Format($"whether {resource} is read-heavy is unknown ({Missing(mix)})")
            : PlanText.Format(
                $"{resource} is {(mix.IsReadHeavy ? string.Empty : "not ")}read-heavy ({mix.ConsumedReadUnits:N0} read vs {mix.ConsumedWriteUnits:N0} write units consumed in the window, {(mix.IsReadHeavy ? "at least" : "below")} ×{ratio})");
        // The deciding reason first; the read/write mix is always stated, known or not.
        string reason = cache == CacheChoice.Dax
            ? PlanText.Format($"{toleranceClause} and {mixClause}")
            : !tolerates
                ? PlanText.Format($"{toleranceClause}, and DAX would pass strongly consistent reads through to the hot partition; {mixClause}")
                : mix.IsKnown
                    ? PlanText.Format($"{mixClause}, so a DAX cluster's hourly node cost would buy little")
                    : PlanText.Format($"{mixClause}, so DAX is not assumed to pay off");

        var advice = new List<string>();
        if (cache == CacheChoice.Dax)
        {
            advice.Add(PlanText.Format(
                $"Put DAX in front of {resource} and point the hot key's readers at it with eventually consistent reads: its item and query caches absorb repeated reads of one key, which a partition caps at {PartitionThroughputLimits.ReadUnitsPerSecond:N0} RCU/s."));
        }
        else
        {
            advice.Add(PlanText.Format(
                $"Cache the hot key's reads in the application (in-process, or a shared cache such as ElastiCache) with a short TTL and one refill per missing entry (request coalescing), so that repeated reads of one key stop reaching a partition capped at {PartitionThroughputLimits.ReadUnitsPerSecond:N0} RCU/s; invalidate the entry on writes where readers need fresh data."));
        }

        advice.Add(DaxLimits);
        if (!mix.IsKnown)
        {
            advice.Add(PlanText.Format(
                $"The read/write mix of {resource} is unknown ({Missing(mix)}), so the plan does not claim it is read-heavy; fetch ConsumedReadCapacityUnits and ConsumedWriteCapacityUnits for the window to decide whether DAX would pay off."));
        }

        if (!tolerates)
        {
            advice.Add("If the hot key's readers accept eventually consistent reads, set caching.readsTolerateEventualConsistency: true in its segment file (runbooks/segments/, guardrails); DAX then becomes the advice for a read-heavy table.");
        }

        advice.Add(sharded
            ? "Sharding makes every read of the key a query of each of its shards until the readers know the item's shard: cache the reads rather than letting them fan out."
            : "Do not write-shard a read-hot key: sharding spreads writes, and readers would have to query every shard, multiplying the reads of the key.");
        return new CachingAdvice(cache, cacheName, reason, advice);
    }

    private static string Missing(ReadWriteMix mix)
    {
        if (mix.ConsumedReadUnits is null || mix.ConsumedWriteUnits is null)
        {
            string which = (mix.ConsumedReadUnits, mix.ConsumedWriteUnits) switch
            {
                (null, null) => "ConsumedReadCapacityUnits and ConsumedWriteCapacityUnits were",
                (null, _) => "ConsumedReadCapacityUnits was",
                _ => "ConsumedWriteCapacityUnits was",
            };
            return which + " not fetched";
        }

        return "no consumed read units were recorded in the window";
    }
}
