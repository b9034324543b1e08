using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Automation.Sharding;

/// <summary>
/// The shard-registry table's layout and the one mapping between <see cref="ShardRegistryEntry"/>
/// and a DynamoDB item, shared by the reader (this library) and the writer (the workflow's
/// ShardRegistryStore). Keys: <c>tableName</c> (HASH) and <c>logicalKey</c> (RANGE), so one Query
/// loads every sharded key of a table; see README.md for why.
/// </summary>
public static class ShardRegistrySchema
{
    /// <summary>Partition key (S): the application table's name.</summary>
    public const string TableNameAttribute = "tableName";

    /// <summary>Sort key (S): the logical partition key value that is sharded.</summary>
    public const string LogicalKeyAttribute = "logicalKey";

    /// <summary>N ≥ 1.</summary>
    public const string ShardCountAttribute = "shardCount";

    /// <summary>S: "calculated" or "random".</summary>
    public const string StrategyAttribute = "strategy";

    /// <summary>N: optimistic-lock counter.</summary>
    public const string VersionAttribute = "version";

    /// <summary>S: ISO-8601 UTC instant of the last change.</summary>
    public const string UpdatedAtAttribute = "updatedAt";

    /// <summary>S: the incident behind the change.</summary>
    public const string IncidentIdAttribute = "incidentId";

    /// <summary>S: why the change was made.</summary>
    public const string ReasonAttribute = "reason";

    /// <summary>N: shard count before the change; 0 = was not sharded.</summary>
    public const string PreviousShardCountAttribute = "previousShardCount";

    /// <summary>S, optional: ISO-8601 UTC end of the migration window.</summary>
    public const string MigrationWindowEndsAtAttribute = "migrationWindowEndsAt";

    /// <summary>Registry value of <see cref="ShardStrategy.Calculated"/>.</summary>
    public const string CalculatedStrategyValue = "calculated";

    /// <summary>Registry value of <see cref="ShardStrategy.Random"/>.</summary>
    public const string RandomStrategyValue = "random";

    /// <summary>The primary key of the entry for one logical key of one table.</summary>
    public static Dictionary<string, AttributeValue> Key(string tableName, string logicalKey) => new()
    {
        [TableNameAttribute] = new AttributeValue { S = tableName },
        [LogicalKeyAttribute] = new AttributeValue { S = logicalKey },
    };

    /// <summary>The registry value of a strategy.</summary>
    public static string StrategyValue(ShardStrategy strategy) => strategy switch
    {
        ShardStrategy.Calculated => CalculatedStrategyValue,
        ShardStrategy.Random => RandomStrategyValue,
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "unknown shard strategy"),
    };

    /// <summary>The strategy named by a registry value, or null when the value is not one.</summary>
    public static ShardStrategy? ParseStrategy(string? value) => value switch
    {
        CalculatedStrategyValue => ShardStrategy.Calculated,
        RandomStrategyValue => ShardStrategy.Random,
        _ => null,
    };

    /// <summary>The item stored for an entry.</summary>
    public static Dictionary<string, AttributeValue> ToItem(ShardRegistryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var item = Key(entry.TableName, entry.LogicalKey);
        item[ShardCountAttribute] = Number(entry.ShardCount);
        item[StrategyAttribute] = new AttributeValue { S = StrategyValue(entry.Strategy) };
        item[VersionAttribute] = Number(entry.Version);
        item[UpdatedAtAttribute] = new AttributeValue { S = Instant(entry.UpdatedAt) };
        item[IncidentIdAttribute] = new AttributeValue { S = entry.IncidentId };
        item[ReasonAttribute] = new AttributeValue { S = entry.Reason };
        item[PreviousShardCountAttribute] = Number(entry.PreviousShardCount);
        if (entry.MigrationWindowEndsAt is { } end)
        {
            item[MigrationWindowEndsAtAttribute] = new AttributeValue { S = Instant(end) };
        }

        return item;
    }

    /// <summary>
    /// The entry an item holds. An item this version cannot read (missing or malformed attribute,
    /// unknown strategy) throws <see cref="InvalidDataException"/> naming the attribute: guessing a
    /// layout would send reads and writes to the wrong keys.
    /// </summary>
    public static ShardRegistryEntry FromItem(IReadOnlyDictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        string table = RequiredString(item, TableNameAttribute, "?", "?");
        string key = RequiredString(item, LogicalKeyAttribute, table, "?");
        string strategyText = RequiredString(item, StrategyAttribute, table, key);
        var strategy = ParseStrategy(strategyText)
            ?? throw Malformed(table, key, StrategyAttribute, $"'{strategyText}' is not 'calculated' or 'random'");
        int shardCount = checked((int)RequiredNumber(item, ShardCountAttribute, table, key));
        if (shardCount < 1)
        {
            throw Malformed(table, key, ShardCountAttribute, "must be >= 1");
        }

        return new ShardRegistryEntry(
            table,
            key,
            shardCount,
            strategy,
            RequiredNumber(item, VersionAttribute, table, key),
            RequiredInstant(item, UpdatedAtAttribute, table, key),
            OptionalString(item, IncidentIdAttribute) ?? string.Empty,
            OptionalString(item, ReasonAttribute) ?? string.Empty,
            item.ContainsKey(PreviousShardCountAttribute) ? checked((int)RequiredNumber(item, PreviousShardCountAttribute, table, key)) : 0,
            item.ContainsKey(MigrationWindowEndsAtAttribute) ? RequiredInstant(item, MigrationWindowEndsAtAttribute, table, key) : null);
    }

    /// <summary>A CreateTable request for a registry table (tests, local sandboxes; template.yaml holds the deployed one).</summary>
    public static CreateTableRequest CreateTableRequest(string registryTableName) => new()
    {
        TableName = registryTableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition { AttributeName = TableNameAttribute, AttributeType = ScalarAttributeType.S },
            new AttributeDefinition { AttributeName = LogicalKeyAttribute, AttributeType = ScalarAttributeType.S },
        ],
        KeySchema =
        [
            new KeySchemaElement { AttributeName = TableNameAttribute, KeyType = KeyType.HASH },
            new KeySchemaElement { AttributeName = LogicalKeyAttribute, KeyType = KeyType.RANGE },
        ],
    };

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static string Instant(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static string? OptionalString(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    private static string RequiredString(IReadOnlyDictionary<string, AttributeValue> item, string name, string table, string key) =>
        OptionalString(item, name) is { Length: > 0 } text ? text : throw Malformed(table, key, name, "missing or not a non-empty string");

    private static long RequiredNumber(IReadOnlyDictionary<string, AttributeValue> item, string name, string table, string key) =>
        item.TryGetValue(name, out var value) && long.TryParse(value.N, NumberStyles.Integer, CultureInfo.InvariantCulture, out long number)
            ? number
            : throw Malformed(table, key, name, "missing or not an integer number");

    private static DateTimeOffset RequiredInstant(IReadOnlyDictionary<string, AttributeValue> item, string name, string table, string key) =>
        DateTimeOffset.TryParse(RequiredString(item, name, table, key), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant.ToUniversalTime()
            : throw Malformed(table, key, name, "not an ISO-8601 instant");

    private static InvalidDataException Malformed(string table, string key, string attribute, string problem) =>
        new($"Shard registry item {table}/{key}: attribute '{attribute}' {problem}.");
}
