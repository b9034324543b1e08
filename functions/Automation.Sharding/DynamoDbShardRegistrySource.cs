using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Automation.Sharding;

/// <summary>
/// Reads a table's registry entries with one paginated Query on the registry's partition key
/// (<c>tableName = :t</c>). A table has few sharded keys, so this is one small page in practice.
/// </summary>
/// <param name="dynamoDb">Any DynamoDB client (the application's own is fine).</param>
/// <param name="registryTableName">The shard-registry table (stack output / configuration).</param>
/// <param name="consistentRead">Strongly consistent Query (2× the read cost); eventually consistent is enough given the cache TTL.</param>
public sealed class DynamoDbShardRegistrySource(IAmazonDynamoDB dynamoDb, string registryTableName, bool consistentRead = false) : IShardRegistrySource
{
    private readonly IAmazonDynamoDB _dynamoDb = dynamoDb ?? throw new ArgumentNullException(nameof(dynamoDb));
    private readonly string _registryTableName = string.IsNullOrEmpty(registryTableName)
        ? throw new ArgumentException("The shard-registry table name is required.", nameof(registryTableName))
        : registryTableName;

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShardRegistryEntry>> LoadTableAsync(string tableName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        var entries = new List<ShardRegistryEntry>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var response = await _dynamoDb.QueryAsync(
                new QueryRequest
                {
                    TableName = _registryTableName,
                    KeyConditionExpression = "#t = :t",
                    ExpressionAttributeNames = new() { ["#t"] = ShardRegistrySchema.TableNameAttribute },
                    ExpressionAttributeValues = new() { [":t"] = new AttributeValue { S = tableName } },
                    ConsistentRead = consistentRead,
                    ExclusiveStartKey = startKey,
                },
                cancellationToken).ConfigureAwait(false);
            foreach (var item in response.Items ?? [])
            {
                entries.Add(ShardRegistrySchema.FromItem(item));
            }

            startKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (startKey is not null);

        return entries;
    }
}
