namespace Automation.Core.Sharding;

/// <summary>
/// Whether a write-sharding change moves existing data: the rule that decides whether an on-demand backup must be
/// taken before it (issue 13, "safety net").
/// <para>
/// A key's layout is its shard count: 0 or 1 is unsharded (every item under the logical key itself), N ≥ 2 is the
/// calculated suffix over N shards (<see cref="ShardingScheme"/>). Items written under one layout stay there until
/// they are migrated: a change of layout needs a migration of the key's existing items (unsharded → N: every item
/// moves to its shard; N → M: each item whose suffix changes moves), and keeping the layout needs none. A key the
/// diagnosis names as write-hot has been written, so its items exist.
/// </para>
/// </summary>
public static class ShardingMigration
{
    /// <summary>The layout a shard count stands for: 0 (no registry entry) and 1 are both "unsharded".</summary>
    public static int Layout(int shardCount) => shardCount <= 1 ? 1 : shardCount;

    /// <summary>
    /// Whether changing a key from <paramref name="currentShardCount"/> (0: no registry entry, i.e. written unsharded)
    /// to <paramref name="newShardCount"/> moves existing items.
    /// </summary>
    public static bool NeedsMigration(int currentShardCount, int newShardCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(currentShardCount);
        ArgumentOutOfRangeException.ThrowIfNegative(newShardCount);
        return Layout(currentShardCount) != Layout(newShardCount);
    }
}
