using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Automation.Aws.Incidents;

namespace Automation.Tests.Shared;

/// <summary>A fresh incident table per test (schema from <see cref="IncidentTableSchema"/>), so tests never see each other's data.</summary>
internal static class IncidentTables
{
    public static async Task<string> CreateAsync(IAmazonDynamoDB dynamoDb)
    {
        var name = "incidents-" + Guid.NewGuid().ToString("N")[..12];
        await dynamoDb.CreateTableAsync(IncidentTableSchema.CreateTableRequest(name));
        await dynamoDb.UpdateTimeToLiveAsync(IncidentTableSchema.TimeToLiveRequest(name));
        return name;
    }

    /// <summary>The raw item, for asserting what is stored rather than what the mapper reads back.</summary>
    public static async Task<Dictionary<string, AttributeValue>> RawItemAsync(IAmazonDynamoDB dynamoDb, string table, string pk, string sk)
    {
        var response = await dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            ConsistentRead = true,
            Key = new() { ["pk"] = new AttributeValue { S = pk }, ["sk"] = new AttributeValue { S = sk } },
        });
        return response.Item ?? [];
    }
}
