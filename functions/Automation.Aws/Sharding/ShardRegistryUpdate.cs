using Automation.Sharding;

namespace Automation.Aws.Sharding;

/// <summary>
/// What the throttling workflow decided for one hot key: the input of
/// <see cref="ShardRegistryStore.PutShardingAsync"/>. Version, timestamps and the previous shard
/// count are the store's to fill in.
/// </summary>
/// <param name="TableName">The application table.</param>
/// <param name="LogicalKey">The hot partition key value.</param>
/// <param name="ShardCount">The new N ≥ 1.</param>
/// <param name="Strategy">How applications pick the suffix.</param>
/// <param name="IncidentId">The incident that diagnosed the key.</param>
/// <param name="Reason">Why, for the on-call engineer.</param>
/// <param name="MigrationWindowEndsAt">Until when readers also read the previous layout; should exceed the clients' cache TTL plus the migration time.</param>
public sealed record ShardRegistryUpdate(
    string TableName,
    string LogicalKey,
    int ShardCount,
    ShardStrategy Strategy,
    string IncidentId,
    string Reason,
    DateTimeOffset? MigrationWindowEndsAt = null);
