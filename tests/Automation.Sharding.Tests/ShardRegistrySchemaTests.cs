using Amazon.DynamoDBv2.Model;
using Automation.Sharding.Tests.Fakes;

namespace Automation.Sharding.Tests;

public class ShardRegistrySchemaTests
{
    [Fact]
    public void An_entry_round_trips_through_its_item()
    {
        var entry = Entries.Sharded("tenant-7", 8, ShardStrategy.Random, previousShardCount: 4, migrationWindowEndsAt: new DateTimeOffset(2026, 11, 21, 9, 15, 0, TimeSpan.Zero), version: 3);

        Assert.Equal(entry, ShardRegistrySchema.FromItem(ShardRegistrySchema.ToItem(entry)));
        Assert.Equal(entry with { MigrationWindowEndsAt = null }, ShardRegistrySchema.FromItem(ShardRegistrySchema.ToItem(entry with { MigrationWindowEndsAt = null })));
    }

    [Fact]
    public void The_item_uses_the_documented_attribute_names_and_types()
    {
        var item = ShardRegistrySchema.ToItem(Entries.Sharded("tenant-7", 8, migrationWindowEndsAt: new DateTimeOffset(2026, 11, 21, 9, 15, 0, TimeSpan.Zero)));

        Assert.Equal("Orders", item["tableName"].S);
        Assert.Equal("tenant-7", item["logicalKey"].S);
        Assert.Equal("8", item["shardCount"].N);
        Assert.Equal("calculated", item["strategy"].S);
        Assert.Equal("1", item["version"].N);
        Assert.Equal("2026-11-21T08:30:00.0000000Z", item["updatedAt"].S);
        Assert.Equal("inc-1", item["incidentId"].S);
        Assert.Equal("hot key", item["reason"].S);
        Assert.Equal("0", item["previousShardCount"].N);
        Assert.Equal("2026-11-21T09:15:00.0000000Z", item["migrationWindowEndsAt"].S);
    }

    [Theory]
    [InlineData("strategy", "S", "hashed")]
    [InlineData("shardCount", "N", "0")]
    [InlineData("shardCount", "S", "8")]
    [InlineData("version", null, null)]
    [InlineData("updatedAt", "S", "yesterday")]
    public void An_item_this_version_cannot_read_fails_naming_the_attribute(string attribute, string? type, string? value)
    {
        var item = ShardRegistrySchema.ToItem(Entries.Sharded("tenant-7", 8));
        item.Remove(attribute);
        if (type == "S")
        {
            item[attribute] = new AttributeValue { S = value };
        }
        else if (type == "N")
        {
            item[attribute] = new AttributeValue { N = value };
        }

        var error = Assert.Throws<InvalidDataException>(() => ShardRegistrySchema.FromItem(item));
        Assert.Contains($"'{attribute}'", error.Message, StringComparison.Ordinal);
    }
}
