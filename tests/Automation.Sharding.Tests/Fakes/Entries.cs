namespace Automation.Sharding.Tests.Fakes;

/// <summary>Registry entries for tests.</summary>
internal static class Entries
{
    public static readonly DateTimeOffset UpdatedAt = new(2026, 11, 21, 8, 30, 0, TimeSpan.Zero);

    public static ShardRegistryEntry Sharded(
        string logicalKey,
        int shardCount,
        ShardStrategy strategy = ShardStrategy.Calculated,
        int previousShardCount = 0,
        DateTimeOffset? migrationWindowEndsAt = null,
        string tableName = "Orders",
        long version = 1) =>
        new(tableName, logicalKey, shardCount, strategy, version, UpdatedAt, "inc-1", "hot key", previousShardCount, migrationWindowEndsAt);
}
