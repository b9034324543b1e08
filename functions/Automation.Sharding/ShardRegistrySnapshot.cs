namespace Automation.Sharding;

/// <summary>The registry entries of one application table as loaded at one instant.</summary>
internal sealed class ShardRegistrySnapshot
{
    private readonly Dictionary<string, ShardRegistryEntry> _byLogicalKey;

    public ShardRegistrySnapshot(IEnumerable<ShardRegistryEntry> entries, DateTimeOffset loadedAt)
    {
        _byLogicalKey = new Dictionary<string, ShardRegistryEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            _byLogicalKey[entry.LogicalKey] = entry;
        }

        LoadedAt = loadedAt;
    }

    public DateTimeOffset LoadedAt { get; }

    /// <summary>The entry of a logical key, or null when the key is not sharded.</summary>
    public ShardRegistryEntry? Find(string logicalKey) => _byLogicalKey.GetValueOrDefault(logicalKey);
}
