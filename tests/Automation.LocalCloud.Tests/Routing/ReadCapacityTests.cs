using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Automation.LocalCloud.Aws;
using Automation.LocalCloud.Scenarios;
using Automation.Tests.LocalCloud;
using Automation.Tests.Shared;

namespace Automation.LocalCloud.Tests.Routing;

/// <summary>
/// Reads through the router report the consumed capacity DynamoDB would: every item read counts, whole,
/// whatever the filter drops or the projection trims; 4 KB units, halved for eventually consistent
/// reads; one read at least. (moto alone answers 1.0 per Query or Scan and 0.5 per GetItem.)
/// </summary>
[Collection(SharedLocalCloud.Name)]
public sealed class ReadCapacityTests(LocalCloudFixture cloud)
{
    private AwsClient Moto => cloud.Sandbox.Aws;
    private AwsClient Router => cloud.Sandbox.ViaRouter;

    /// <summary>A table keyed pk/sk with a GSI ByKind (kind, sk), and <paramref name="generators"/>' items.</summary>
    private async Task<string> TableAsync(params ScenarioItemGenerator[] generators)
    {
        var table = $"capacity-{Guid.NewGuid():N}"[..24];
        await Moto.CallAsync(AwsService.DynamoDb, "CreateTable", JsonNode.Parse($$$"""
            {"TableName":"{{{table}}}","BillingMode":"PAY_PER_REQUEST",
             "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"},{"AttributeName":"kind","AttributeType":"S"}],
             "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
             "GlobalSecondaryIndexes":[{"IndexName":"ByKind","KeySchema":[{"AttributeName":"kind","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                                        "Projection":{"ProjectionType":"ALL"}}]}
            """)!.AsObject());
        foreach (var chunk in generators.SelectMany(ItemGenerator.Items).Chunk(25))
        {
            await Moto.CallAsync(AwsService.DynamoDb, "BatchWriteItem", new JsonObject
            {
                ["RequestItems"] = new JsonObject
                {
                    [table] = new JsonArray([.. chunk.Select(item => (JsonNode?)new JsonObject { ["PutRequest"] = new JsonObject { ["Item"] = item } })]),
                },
            });
        }

        return table;
    }

    private static ScenarioItemGenerator Items(int count, string sk, string kind, int sizeBytes, string pk = "customer#7") =>
        new() { Count = count, Item = new JsonObject { ["pk"] = pk, ["sk"] = sk, ["kind"] = kind }, SizeBytes = sizeBytes };

    private Task<JsonObject> QueryAsync(string table, string extra = "") =>
        Router.CallAsync(AwsService.DynamoDb, "Query", JsonNode.Parse($$$"""
            {"TableName":"{{{table}}}","KeyConditionExpression":"pk = :pk","ReturnConsumedCapacity":"TOTAL",
             "ExpressionAttributeValues":{":pk":{"S":"customer#7"}{{{(extra.Contains(":kind", StringComparison.Ordinal) ? ",\":kind\":{\"S\":\"wanted\"}" : string.Empty)}}}}
             {{{extra}}}}
            """)!.AsObject());

    private static double Units(JsonObject answer) => answer["ConsumedCapacity"]!["CapacityUnits"]!.GetValue<double>();

    [Fact]
    public async Task A_query_is_charged_for_every_item_it_reads_in_4_kb_units()
    {
        // 6 wanted + 4 other items of 3,000 bytes each: 30,000 bytes read = 7.3 -> 8 units of 4 KB.
        var table = await TableAsync(Items(6, "order#{n:00}", "wanted", 3000), Items(4, "return#{n:00}", "other", 3000));

        var strong = await QueryAsync(table, ""","ConsistentRead":true""");
        var eventual = await QueryAsync(table);
        var filtered = await QueryAsync(table, ""","ConsistentRead":true,"FilterExpression":"kind = :kind" """);
        var projected = await QueryAsync(table, ""","ConsistentRead":true,"ProjectionExpression":"pk, sk" """);
        var counted = await QueryAsync(table, ""","ConsistentRead":true,"Select":"COUNT" """);

        Assert.Equal(8, Units(strong));
        Assert.Equal(JsonNode.Parse($$$"""{"TableName":"{{{table}}}","CapacityUnits":4.0}"""), eventual["ConsumedCapacity"], JsonNode.DeepEquals);
        Assert.Equal((6, 10, 8.0), (filtered["Count"]!.GetValue<int>(), filtered["ScannedCount"]!.GetValue<int>(), Units(filtered)));
        Assert.Equal(2, projected["Items"]![0]!.AsObject().Count);
        Assert.Equal(8, Units(projected));
        Assert.Equal(8, Units(counted));
    }

    [Fact]
    public async Task Limit_applies_before_the_filter_and_the_filtered_page_is_charged_for_what_it_read()
    {
        // sk order: order#01..06 (wanted), return#01..04 (other). Limit 8 reads 6 wanted + 2 other.
        var table = await TableAsync(Items(6, "order#{n:00}", "wanted", 3000), Items(4, "return#{n:00}", "other", 3000));

        var page = await QueryAsync(table, ""","Limit":8,"FilterExpression":"kind <> :kind" """);
        var unfiltered = await QueryAsync(table, ""","Limit":8""");

        Assert.Equal(2, page["Count"]!.GetValue<int>());
        Assert.Equal(8, page["ScannedCount"]!.GetValue<int>());
        Assert.Equal(unfiltered["LastEvaluatedKey"], page["LastEvaluatedKey"], JsonNode.DeepEquals);
        Assert.Equal("return#02", page["LastEvaluatedKey"]!["sk"]!["S"]!.GetValue<string>());
        Assert.Equal(3, Units(page)); // 24,000 bytes -> 6 units, eventually consistent
    }

    [Fact]
    public async Task A_page_that_stops_at_its_limit_returns_where_it_stopped_even_at_the_end()
    {
        var table = await TableAsync(Items(3, "order#{n:00}", "wanted", 1000));

        var exactly = await QueryAsync(table, ""","Limit":3""");
        var next = await QueryAsync(table, $$$""","Limit":3,"ExclusiveStartKey":{{{exactly["LastEvaluatedKey"]!.ToJsonString()}}}""");

        Assert.Equal("order#03", exactly["LastEvaluatedKey"]?["sk"]?["S"]?.GetValue<string>()); // DynamoDB's behaviour; moto omits it
        Assert.Equal(0, next["Count"]!.GetValue<int>());
        Assert.Null(next["LastEvaluatedKey"]);
        Assert.Equal(0.5, Units(next)); // an empty page still costs one read
    }

    [Fact]
    public async Task A_page_stops_before_the_item_that_would_take_it_past_1_mb()
    {
        // 400 items of 3,000 bytes: 349 fit in 1,048,576 bytes (1,047,000), the 350th would not.
        var table = await TableAsync(Items(400, "order#{n:000}", "wanted", 3000));

        var first = await QueryAsync(table, ""","ConsistentRead":true""");
        var second = await QueryAsync(table, $$$""","ConsistentRead":true,"ExclusiveStartKey":{{{first["LastEvaluatedKey"]!.ToJsonString()}}}""");

        Assert.Equal(349, first["Count"]!.GetValue<int>());
        Assert.Equal("order#349", first["LastEvaluatedKey"]!["sk"]!["S"]!.GetValue<string>());
        Assert.Equal(256, Units(first)); // 1,047,000 / 4,096 = 255.6
        Assert.Equal(51, second["Count"]!.GetValue<int>());
        Assert.Null(second["LastEvaluatedKey"]);
        Assert.Equal(38, Units(second)); // 153,000 / 4,096 = 37.4
    }

    [Fact]
    public async Task A_scan_is_charged_per_segment_for_the_items_each_segment_read()
    {
        var table = await TableAsync(Items(20, "order#{n:00}", "wanted", 2048, pk: "customer#{n}"));
        async Task<JsonObject> Segment(int segment) => await Router.CallAsync(AwsService.DynamoDb, "Scan", JsonNode.Parse($$$"""
            {"TableName":"{{{table}}}","Segment":{{{segment}}},"TotalSegments":2,"ConsistentRead":true,"ReturnConsumedCapacity":"TOTAL",
             "FilterExpression":"kind = :none","ExpressionAttributeValues":{":none":{"S":"none"} } }
            """)!.AsObject());

        var segments = new[] { await Segment(0), await Segment(1) };

        Assert.Equal(20, segments.Sum(s => s["ScannedCount"]!.GetValue<int>()));
        Assert.All(segments, s => Assert.Equal(0, s["Count"]!.GetValue<int>()));
        // Each segment: its items x 2,048 bytes, in 4 KB units (half an item's pair per unit).
        Assert.All(segments, s => Assert.Equal(Math.Max(1, Math.Ceiling(s["ScannedCount"]!.GetValue<int>() / 2.0)), Units(s)));
    }

    [Fact]
    public async Task Get_item_is_charged_for_the_whole_item_and_a_missing_item_for_one_read()
    {
        var table = await TableAsync(Items(1, "order#1", "wanted", 5000));
        Task<JsonObject> Get(string sk, string extra = "") => Router.CallAsync(AwsService.DynamoDb, "GetItem", JsonNode.Parse($$$"""
            {"TableName":"{{{table}}}","Key":{"pk":{"S":"customer#7"},"sk":{"S":"{{{sk}}}"}},"ReturnConsumedCapacity":"TOTAL"{{{extra}}}}
            """)!.AsObject());

        Assert.Equal(2, Units(await Get("order#1", ""","ConsistentRead":true""")));
        Assert.Equal(1, Units(await Get("order#1")));
        var projected = await Get("order#1", ""","ConsistentRead":true,"ProjectionExpression":"sk" """);
        Assert.Single(projected["Item"]!.AsObject());
        Assert.Equal(2, Units(projected));
        Assert.Equal(1, Units(await Get("missing", ""","ConsistentRead":true""")));
        Assert.Equal(0.5, Units(await Get("missing")));
    }

    [Fact]
    public async Task Batch_get_item_is_charged_per_item()
    {
        var table = await TableAsync(Items(1, "order#1", "wanted", 5000));

        var answer = await Router.CallAsync(AwsService.DynamoDb, "BatchGetItem", JsonNode.Parse($$$"""
            {"RequestItems":{"{{{table}}}":{"ConsistentRead":true,"ProjectionExpression":"sk","Keys":[
               {"pk":{"S":"customer#7"},"sk":{"S":"order#1"}},{"pk":{"S":"customer#7"},"sk":{"S":"missing"}}]}},
             "ReturnConsumedCapacity":"TOTAL"}
            """)!.AsObject());

        Assert.Equal(JsonNode.Parse($$$"""[{"TableName":"{{{table}}}","CapacityUnits":3.0}]"""), answer["ConsumedCapacity"], JsonNode.DeepEquals);
    }

    [Fact]
    public async Task Indexes_mode_charges_the_index_it_read()
    {
        var table = await TableAsync(Items(3, "order#{n}", "wanted", 4096));

        var answer = await Router.CallAsync(AwsService.DynamoDb, "Query", JsonNode.Parse($$$"""
            {"TableName":"{{{table}}}","IndexName":"ByKind","KeyConditionExpression":"kind = :k",
             "ExpressionAttributeValues":{":k":{"S":"wanted"}},"ReturnConsumedCapacity":"INDEXES"}
            """)!.AsObject());

        Assert.Equal(JsonNode.Parse($$$"""
            {"TableName":"{{{table}}}","CapacityUnits":1.5,"Table":{"CapacityUnits":0.0},"GlobalSecondaryIndexes":{"ByKind":{"CapacityUnits":1.5} } }
            """), answer["ConsumedCapacity"], JsonNode.DeepEquals);
    }

    [Fact]
    public async Task Without_return_consumed_capacity_nothing_is_added()
    {
        var table = await TableAsync(Items(2, "order#{n}", "wanted", 100));

        var answer = await Router.CallAsync(AwsService.DynamoDb, "Query", JsonNode.Parse($$$"""
            {"TableName":"{{{table}}}","KeyConditionExpression":"pk = :pk","ExpressionAttributeValues":{":pk":{"S":"customer#7"} } }
            """)!.AsObject());

        Assert.False(answer.ContainsKey("ConsumedCapacity"));
        Assert.Equal(2, answer["Count"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_handlers_sdk_client_sees_the_corrected_capacity()
    {
        // What a handler's own client does: AWS_ENDPOINT_URL from the environment, checksum verified.
        var table = await TableAsync(Items(6, "order#{n:00}", "wanted", 3000), Items(4, "return#{n:00}", "other", 3000));
        using var client = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { MaxErrorRetry = 0 });

        var page = await client.QueryAsync(new QueryRequest
        {
            TableName = table,
            KeyConditionExpression = "pk = :pk",
            FilterExpression = "kind = :kind",
            ProjectionExpression = "sk",
            ExpressionAttributeValues = new() { [":pk"] = new("customer#7"), [":kind"] = new("wanted") },
            ConsistentRead = true,
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        });
        var get = await client.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = new() { ["pk"] = new("customer#7"), ["sk"] = new("order#01") },
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        });

        Assert.Equal(6, page.Count);
        Assert.Equal(8, page.ConsumedCapacity.CapacityUnits);
        Assert.Equal(0.5, get.ConsumedCapacity.CapacityUnits);
    }

    [Fact]
    public async Task The_interpreters_aws_sdk_reads_are_corrected_and_seeded_items_and_s3_work()
    {
        var scenario = ScenarioLoader.Load(RepoPaths.Combine("tests", "Automation.LocalCloud.Tests", "Routing", "Probes", "read-capacity-through-router.yaml"));

        var result = await cloud.Sandbox.PlayAsync(scenario);

        Assert.True(result.Passed, string.Join("\n", result.Failures));
    }
}
