using System.Text.Json.Nodes;
using Automation.LocalCloud.Aws;

namespace Automation.LocalCloud.Tests.Aws;

/// <summary>Item sizes per DynamoDB's "Item sizes and formats", and read units from them.</summary>
public sealed class DynamoDbCapacityTests
{
    private static long Size(string item) => DynamoDbCapacity.ItemBytes(JsonNode.Parse(item)!.AsObject());

    [Theory]
    [InlineData("""{"pk":{"S":"abc"}}""", 2 + 3)]
    [InlineData("""{"é":{"S":"€"}}""", 2 + 3)]                                   // UTF-8 bytes, names too
    [InlineData("""{"n":{"N":"12345"}}""", 1 + 3 + 1)]                             // 5 digits -> 3 bytes + 1
    [InlineData("""{"n":{"N":"-0.00120"}}""", 1 + 1 + 1)]                           // significant: 12
    [InlineData("""{"n":{"N":"0"}}""", 1 + 2)]
    [InlineData("""{"n":{"N":"1.5E+3"}}""", 1 + 1 + 1)]
    [InlineData("""{"b":{"B":"AAECAwQ="}}""", 1 + 5)]                              // raw bytes, not base64
    [InlineData("""{"t":{"BOOL":true},"z":{"NULL":true}}""", 2 + 2)]
    [InlineData("""{"l":{"L":[{"S":"ab"},{"N":"1"}]}}""", 1 + 3 + (2 + 1) + (2 + 1))]
    [InlineData("""{"m":{"M":{"k":{"S":"v"}}}}""", 1 + 3 + (1 + 1 + 1))]
    [InlineData("""{"e":{"L":[]},"f":{"M":{}}}""", 1 + 3 + 1 + 3)]
    [InlineData("""{"ss":{"SS":["a","bc"]},"ns":{"NS":["1","22"]}}""", 2 + 3 + 2 + 2 + 2)]
    public void Item_sizes_follow_dynamodb(string item, long bytes) => Assert.Equal(bytes, Size(item));

    [Theory]
    [InlineData(0, true, 1)]
    [InlineData(0, false, 0.5)]
    [InlineData(4096, true, 1)]
    [InlineData(4097, true, 2)]
    [InlineData(4097, false, 1)]
    [InlineData(30_000, true, 8)]
    [InlineData(1_048_576, false, 128)]
    public void Read_units_are_4_kb_rounded_up_and_half_when_eventually_consistent(long bytes, bool strong, double units) =>
        Assert.Equal(units, DynamoDbCapacity.ReadUnits(bytes, strong));

    [Fact]
    public void The_measuring_copy_keeps_what_decides_the_items_read_and_only_the_placeholders_it_uses()
    {
        var request = JsonNode.Parse("""
            {"TableName":"t","IndexName":"i","KeyConditionExpression":"#pk = :pk AND begins_with(#sk, :sk)",
             "FilterExpression":"#s = :s","ProjectionExpression":"#pk, #s","Select":"SPECIFIC_ATTRIBUTES","Limit":5,
             "ExclusiveStartKey":{"pk":{"S":"a"}},"ConsistentRead":false,"ScanIndexForward":false,"ReturnConsumedCapacity":"TOTAL",
             "ExpressionAttributeNames":{"#pk":"pk","#sk":"sk","#s":"status"},
             "ExpressionAttributeValues":{":pk":{"S":"a"},":sk":{"S":"b"},":s":{"S":"c"},":sk2":{"S":"d"}}}
            """)!.AsObject();

        var copy = DynamoDbCapacity.ReadEverything(request);

        Assert.Equal(JsonNode.Parse("""
            {"TableName":"t","IndexName":"i","KeyConditionExpression":"#pk = :pk AND begins_with(#sk, :sk)","Limit":5,
             "ExclusiveStartKey":{"pk":{"S":"a"}},"ConsistentRead":false,"ScanIndexForward":false,
             "ExpressionAttributeNames":{"#pk":"pk","#sk":"sk"},"ExpressionAttributeValues":{":pk":{"S":"a"},":sk":{"S":"b"}}}
            """), copy, JsonNode.DeepEquals);
    }
}
