using System.Globalization;

namespace Automation.Core.Sharding;

/// <summary>
/// Write-sharding by calculated suffix: the physical partition key is
/// <c>{logical key}{Separator}{suffix}</c> with <c>suffix = FNV-1a-32(UTF-8(sharding value)) % ShardCount</c>,
/// in decimal. The sharding value is the item's distinguishing attribute (e.g. its sort key or id), never the
/// partition key itself: hashing the partition key would send every write of the key to the same shard.
/// A reader that knows the sharding value computes the one shard; one that does not queries all shards.
/// </summary>
/// <param name="ShardCount">Number of shards N (suffixes 0..N-1).</param>
/// <param name="Separator">Between the logical key and the suffix.</param>
public sealed record ShardingScheme(int ShardCount, string Separator)
{
    /// <summary>The name recorded in plans and the shard registry for this scheme.</summary>
    public const string Algorithm = "calculated-suffix/fnv1a-32-utf8";

    /// <summary>Default separator between logical key and suffix.</summary>
    public const string DefaultSeparator = "#";

    /// <summary>The shard (0..N-1) of an item with this sharding value.</summary>
    public int ShardOf(string shardingValue) => ShardSuffix.Of(shardingValue, ShardCount);

    /// <summary>The physical partition key for a logical key and an item's sharding value.</summary>
    public string PhysicalKey(string logicalKey, string shardingValue) => ShardSuffix.Compose(logicalKey, ShardOf(shardingValue), Separator);

    /// <summary>All N physical keys of a logical key (for scatter-gather reads).</summary>
    public IReadOnlyList<string> AllPhysicalKeys(string logicalKey)
    {
        var keys = new string[ShardCount];
        for (int i = 0; i < ShardCount; i++)
        {
            keys[i] = ShardSuffix.Compose(logicalKey, i, Separator);
        }

        return keys;
    }

    internal static string Suffix(int shard) => shard.ToString(CultureInfo.InvariantCulture);
}
