namespace Automation.Sharding;

/// <summary>
/// Where <see cref="ShardRegistryClient"/> loads entries from. The production source is
/// <see cref="DynamoDbShardRegistrySource"/>; tests and sandboxes may supply their own.
/// </summary>
public interface IShardRegistrySource
{
    /// <summary>
    /// Every registry entry of one application table (keys that are not sharded have none).
    /// Throws when the registry cannot be read; the client then decides what to serve.
    /// </summary>
    Task<IReadOnlyList<ShardRegistryEntry>> LoadTableAsync(string tableName, CancellationToken cancellationToken);
}
