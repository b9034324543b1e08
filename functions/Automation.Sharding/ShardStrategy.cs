namespace Automation.Sharding;

/// <summary>How a writer picks the shard suffix of a sharded key.</summary>
public enum ShardStrategy
{
    /// <summary>
    /// <c>suffix = FNV-1a-32(UTF-8(sharding value)) % shardCount</c>. The same item always lands on
    /// the same shard, so a reader that knows the item's sharding value reads one key, not N.
    /// Registry value: <c>"calculated"</c>.
    /// </summary>
    Calculated,

    /// <summary>
    /// A uniformly random suffix in [0, shardCount) per write: the most even spread, but every
    /// read must fan out to all N keys. Registry value: <c>"random"</c>.
    /// </summary>
    Random,
}
