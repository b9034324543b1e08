namespace Automation.Core.Sharding;

/// <summary>
/// One hot key's new layout, as the shard registry must record it: what <see cref="ShardingRollout"/> decides from a
/// plan and what an <see cref="IShardRegistryWriter{TEntry}"/> writes.
/// </summary>
/// <param name="TableName">The application table.</param>
/// <param name="LogicalKey">The hot partition key value.</param>
/// <param name="ShardCount">The new N ≥ 1.</param>
/// <param name="Algorithm">How applications compute the suffix (<see cref="ShardingScheme.Algorithm"/>).</param>
/// <param name="IncidentId">The incident that diagnosed the key.</param>
/// <param name="Reason">Why, for the on-call engineer.</param>
/// <param name="MigrationWindowEndsAt">Until when readers also read the previous layout.</param>
public sealed record ShardAssignment(
    string TableName,
    string LogicalKey,
    int ShardCount,
    string Algorithm,
    string IncidentId,
    string Reason,
    DateTimeOffset MigrationWindowEndsAt);
