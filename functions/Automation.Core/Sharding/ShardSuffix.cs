using Automation.Hashing;

namespace Automation.Core.Sharding;

/// <summary>The calculated suffix: <c>FNV-1a-32(UTF-8(value)) % shardCount</c> (unsigned arithmetic).</summary>
public static class ShardSuffix
{
    /// <summary>The shard (0..shardCount-1) of <paramref name="shardingValue"/>.</summary>
    public static int Of(string shardingValue, int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        return (int)(Fnv1a32.Hash(shardingValue) % (uint)shardCount);
    }

    /// <summary><c>{logicalKey}{separator}{shard}</c>, the shard in invariant decimal.</summary>
    public static string Compose(string logicalKey, int shard, string separator)
    {
        ArgumentNullException.ThrowIfNull(logicalKey);
        ArgumentNullException.ThrowIfNull(separator);
        return string.Concat(logicalKey, separator, ShardingScheme.Suffix(shard));
    }
}
