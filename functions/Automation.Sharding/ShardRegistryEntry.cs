namespace Automation.Sharding;

/// <summary>
/// One item of the shard registry: how writes to one logical partition key of one table are
/// spread. See README.md ("Registry item schema") for the stored attributes.
/// </summary>
/// <param name="TableName">The application table whose key is sharded.</param>
/// <param name="LogicalKey">The partition key value the application thinks in (before any suffix).</param>
/// <param name="ShardCount">N ≥ 1: writes go to <c>LogicalKey#0</c> … <c>LogicalKey#(N-1)</c>.</param>
/// <param name="Strategy">How a writer picks the suffix.</param>
/// <param name="Version">Optimistic-lock counter: 1 for the first write, +1 for every change.</param>
/// <param name="UpdatedAt">When the workflow last changed this entry (UTC).</param>
/// <param name="IncidentId">The incident whose diagnosis led to this entry.</param>
/// <param name="Reason">Why, in words an on-call engineer can act on.</param>
/// <param name="PreviousShardCount">N before the last change; 0 when the key was not sharded (data under the unsuffixed key).</param>
/// <param name="MigrationWindowEndsAt">
/// While the clock is before this instant, readers also read the previous layout (the
/// unsuffixed key when <paramref name="PreviousShardCount"/> is 0, else its N suffixed keys),
/// so nothing written before the change disappears while it is being migrated. Null: no window.
/// </param>
public sealed record ShardRegistryEntry(
    string TableName,
    string LogicalKey,
    int ShardCount,
    ShardStrategy Strategy,
    long Version,
    DateTimeOffset UpdatedAt,
    string IncidentId,
    string Reason,
    int PreviousShardCount,
    DateTimeOffset? MigrationWindowEndsAt)
{
    /// <summary>Whether readers must still read the previous layout at <paramref name="now"/>.</summary>
    public bool IsMigrationWindowOpen(DateTimeOffset now) => MigrationWindowEndsAt is { } end && now < end;
}
