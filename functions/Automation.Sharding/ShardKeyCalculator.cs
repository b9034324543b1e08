using System.Globalization;
using Automation.Hashing;

namespace Automation.Sharding;

/// <summary>
/// The pure rules that turn a logical partition key and its registry entry into physical keys
/// (<c>&lt;logicalKey&gt;#&lt;suffix&gt;</c>, suffix in invariant decimal). No I/O: usable without AWS,
/// and what <see cref="ShardRegistryClient"/> applies after looking the entry up.
/// </summary>
/// <remarks>
/// The calculated suffix hashes the item's <em>sharding value</em> (usually its sort key or id),
/// not the logical key: hashing the logical key would give every write of a hot key the same
/// suffix and spread nothing.
/// </remarks>
public sealed class ShardKeyCalculator
{
    /// <summary>Between the logical key and the suffix.</summary>
    public const char Separator = '#';

    private readonly Random _random;

    /// <param name="random">
    /// Source of suffixes for <see cref="ShardStrategy.Random"/>; defaults to <see cref="Random.Shared"/>.
    /// An injected instance is used under a lock, because <see cref="Random"/> is not thread-safe.
    /// </param>
    public ShardKeyCalculator(Random? random = null)
    {
        _random = random ?? Random.Shared;
    }

    /// <summary><c>FNV-1a-32(UTF-8(shardingValue)) % shardCount</c>, unsigned.</summary>
    public static int CalculatedSuffix(string shardingValue, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(shardingValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        return (int)(Fnv1a32.Hash(shardingValue) % (uint)shardCount);
    }

    /// <summary><c>&lt;logicalKey&gt;#&lt;suffix&gt;</c>.</summary>
    public static string ShardKey(string logicalKey, int suffix)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(suffix);
        return string.Concat(logicalKey, Separator.ToString(), suffix.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The partition key to write an item under. Not sharded (<paramref name="entry"/> null):
    /// the logical key unchanged. Calculated: the suffix of <paramref name="shardingValue"/>.
    /// Random: a fresh uniform suffix (<paramref name="shardingValue"/> is ignored).
    /// </summary>
    /// <param name="entry">The key's registry entry, or null when the key is not sharded.</param>
    /// <param name="logicalKey">The application's partition key value.</param>
    /// <param name="shardingValue">The item's distinguishing value (e.g. its sort key); used by the calculated strategy.</param>
    public string WriteKey(ShardRegistryEntry? entry, string logicalKey, string shardingValue)
    {
        RequireKey(logicalKey);
        ArgumentNullException.ThrowIfNull(shardingValue);
        if (entry is null)
        {
            return logicalKey;
        }

        int suffix = entry.Strategy switch
        {
            ShardStrategy.Calculated => CalculatedSuffix(shardingValue, entry.ShardCount),
            ShardStrategy.Random => NextRandom(entry.ShardCount),
            _ => throw new ArgumentOutOfRangeException(nameof(entry), entry.Strategy, "unknown shard strategy"),
        };
        return ShardKey(logicalKey, suffix);
    }

    /// <summary>
    /// Every partition key that may hold items of <paramref name="logicalKey"/> at <paramref name="now"/>
    /// (fan-out): the N suffixed keys; while the migration window is open also the previous layout's
    /// keys (the unsuffixed key, or the previous N's suffixes). Not sharded: just the logical key.
    /// Order: suffixes ascending, then the unsuffixed key.
    /// </summary>
    public static IReadOnlyList<string> ReadKeys(ShardRegistryEntry? entry, string logicalKey, DateTimeOffset now)
    {
        RequireKey(logicalKey);
        if (entry is null)
        {
            return [logicalKey];
        }

        bool window = entry.IsMigrationWindowOpen(now);
        int suffixes = window ? Math.Max(entry.ShardCount, entry.PreviousShardCount) : entry.ShardCount;
        var keys = new List<string>(suffixes + 1);
        for (int i = 0; i < suffixes; i++)
        {
            keys.Add(ShardKey(logicalKey, i));
        }

        if (window && entry.PreviousShardCount == 0)
        {
            keys.Add(logicalKey);
        }

        return keys;
    }

    /// <summary>
    /// The partition keys that may hold the one item with <paramref name="shardingValue"/>: under the
    /// calculated strategy its own shard (plus, during a migration window, where the previous layout
    /// may have put it); under the random strategy it can be anywhere, so the full fan-out.
    /// </summary>
    public static IReadOnlyList<string> ItemReadKeys(ShardRegistryEntry? entry, string logicalKey, string shardingValue, DateTimeOffset now)
    {
        RequireKey(logicalKey);
        ArgumentNullException.ThrowIfNull(shardingValue);
        if (entry is null || entry.Strategy != ShardStrategy.Calculated)
        {
            return ReadKeys(entry, logicalKey, now);
        }

        string own = ShardKey(logicalKey, CalculatedSuffix(shardingValue, entry.ShardCount));
        if (!entry.IsMigrationWindowOpen(now))
        {
            return [own];
        }

        // The registry does not record the previous strategy, so any previous shard may hold the item.
        if (entry.PreviousShardCount == 0)
        {
            return [own, logicalKey];
        }

        var keys = new List<string> { own };
        for (int i = 0; i < entry.PreviousShardCount; i++)
        {
            string key = ShardKey(logicalKey, i);
            if (key != own)
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    private int NextRandom(int shardCount)
    {
        if (ReferenceEquals(_random, Random.Shared))
        {
            return _random.Next(shardCount);
        }

        lock (_random)
        {
            return _random.Next(shardCount);
        }
    }

    private static void RequireKey(string logicalKey)
    {
        // DynamoDB refuses empty key attribute values, so an empty logical key is a caller bug.
        ArgumentException.ThrowIfNullOrEmpty(logicalKey);
    }
}
