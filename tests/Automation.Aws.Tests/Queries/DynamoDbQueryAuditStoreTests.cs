using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Automation.Aws.Queries;
using Automation.Core.Queries;
using Automation.Tests.Moto;

namespace Automation.Aws.Tests.Queries;

/// <summary>The query audit table on moto: one item per run, written once, every field where the docs say.</summary>
[Collection(MotoTests.Name)]
public sealed class DynamoDbQueryAuditStoreTests(MotoServer moto) : IDisposable
{
    private readonly AmazonDynamoDBClient _dynamoDb = moto.CreateDynamoDbClient();

    public void Dispose() => _dynamoDb.Dispose();

    private static QueryAuditRecord Record(string runId, QueryRunStatus status = QueryRunStatus.Succeeded, string? reason = "INC-88") => new(
        runId, $"arn:aws:states:eu-west-1:123456789012:execution:QueryRunbook:{runId}", status, "alice@example.com", reason,
        "inc-0123456789abcdef01234567", null, "orders-for-customer", new string('a', 64), "orders", 2, "Orders", "ByCustomer",
        QueryOperation.Query, new Dictionary<string, string> { ["customerId"] = "customer#4711", ["email"] = QueryPlanner.Masked },
        3, 250, 260, 177.5, 500, StopReason.PageLimitReached,
        new DateTimeOffset(2026, 11, 21, 8, 15, 43, 900, TimeSpan.Zero), new DateTimeOffset(2026, 11, 21, 8, 15, 44, 200, TimeSpan.Zero), 250,
        "results-bucket", $"results/{runId}.json", null, null);

    private async Task<string> CreateTableAsync()
    {
        string name = "query-audit-" + Guid.NewGuid().ToString("N")[..12];
        await _dynamoDb.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new("runId", ScalarAttributeType.S), new("template", ScalarAttributeType.S), new("startedAt", ScalarAttributeType.S)],
            KeySchema = [new("runId", KeyType.HASH)],
            GlobalSecondaryIndexes =
            [
                new GlobalSecondaryIndex
                {
                    IndexName = DynamoDbQueryAuditStore.ByTemplateIndex,
                    KeySchema = [new("template", KeyType.HASH), new("startedAt", KeyType.RANGE)],
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                },
            ],
        });
        return name;
    }

    [Fact]
    public async Task A_run_is_written_once_with_every_field_and_listed_by_template()
    {
        string table = await CreateTableAsync();
        var store = new DynamoDbQueryAuditStore(_dynamoDb, table);

        bool first = await store.RecordAsync(Record("run-1"), CancellationToken.None);
        bool retried = await store.RecordAsync(Record("run-1", reason: "a retry must not overwrite the record"), CancellationToken.None);
        var item = (await _dynamoDb.GetItemAsync(table, new Dictionary<string, AttributeValue> { ["runId"] = new("run-1") })).Item;
        var byTemplate = await _dynamoDb.QueryAsync(new QueryRequest
        {
            TableName = table,
            IndexName = DynamoDbQueryAuditStore.ByTemplateIndex,
            KeyConditionExpression = "#t = :t",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#t"] = "template" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":t"] = new("orders-for-customer") },
        });

        Assert.True(first);
        Assert.False(retried);
        Assert.Equal("INC-88", item["reason"].S);
        Assert.Equal("Succeeded", item["status"].S);
        Assert.Equal("PageLimitReached", item["stopReason"].S);
        Assert.Equal("177.5", item["consumedReadUnits"].N);
        Assert.Equal("500", item["readCeiling"].N);
        Assert.Equal("2026-11-21T08:15:43.900Z", item["startedAt"].S);
        Assert.Equal("<masked>", item["parameters"].M["email"].S);
        Assert.Equal("customer#4711", item["parameters"].M["customerId"].S);
        Assert.False(item.ContainsKey("ticket"));
        Assert.Equal(1, byTemplate.Count);
    }

    [Fact]
    public async Task A_refused_run_without_a_template_or_parameters_is_still_recorded()
    {
        string table = await CreateTableAsync();
        var store = new DynamoDbQueryAuditStore(_dynamoDb, table);
        var refused = Record("run-2", QueryRunStatus.Refused) with
        {
            TemplateName = null,
            TemplateHash = null,
            Parameters = new Dictionary<string, string>(),
            Operation = null,
            StopReason = null,
            ReadCeiling = null,
            Error = "InvalidInput",
            Cause = "Invalid input: '$.template' is required.",
        };

        Assert.True(await store.RecordAsync(refused, CancellationToken.None));
        var item = (await _dynamoDb.GetItemAsync(table, new Dictionary<string, AttributeValue> { ["runId"] = new("run-2") })).Item;

        Assert.Equal("Refused", item["status"].S);
        Assert.Equal("(none)", item["template"].S);
        Assert.Equal("InvalidInput", item["error"].S);
        Assert.False(item.ContainsKey("readCeiling"));
    }
    [Fact]
    public async Task Recent_runs_are_the_templates_succeeded_runs_of_the_segment_before_the_bound_newest_first_and_bounded()
    {
        string table = await CreateTableAsync();
        var store = new DynamoDbQueryAuditStore(_dynamoDb, table);
        var t0 = new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < 8; i++)
        {
            await store.RecordAsync(Record($"run-{i}") with { StartedAt = t0.AddMinutes(i), ConsumedUnits = i + 0.5 }, CancellationToken.None);
        }

        await store.RecordAsync(Record("refused") with { StartedAt = t0.AddMinutes(3.5), Status = QueryRunStatus.Refused }, CancellationToken.None);
        await store.RecordAsync(Record("other-segment") with { StartedAt = t0.AddMinutes(4.5), Segment = "orders-tenant-acme" }, CancellationToken.None);
        await store.RecordAsync(Record("other-template") with { StartedAt = t0.AddMinutes(5.5), TemplateName = "order-by-id" }, CancellationToken.None);

        var recent = await store.RecentRunsAsync("orders-for-customer", "orders", t0.AddMinutes(6), 4, CancellationToken.None);
        var all = await store.RecentRunsAsync("orders-for-customer", "orders", t0.AddMinutes(60), 20, CancellationToken.None);

        Assert.Equal(["run-5", "run-4", "run-3", "run-2"], recent.Select(r => r.RunId));
        Assert.Equal(8, all.Count);
        Assert.Equal(5.5, recent[0].ConsumedUnits);
        Assert.Equal(500, recent[0].ReadCeiling);
        Assert.Equal(t0.AddMinutes(5), recent[0].StartedAt);
        Assert.Equal("orders-for-customer", recent[0].TemplateName);
        Assert.Equal(QueryOperation.Query, recent[0].Operation);
    }

    [Fact]
    public async Task Flags_are_stored_on_the_item_with_their_numbers_and_read_back()
    {
        string table = await CreateTableAsync();
        var store = new DynamoDbQueryAuditStore(_dynamoDb, table);
        var flag = new Automation.Core.Tuning.QueryFeedbackFlag(
            Automation.Core.Tuning.QueryFlagKind.NearReadCeiling, "orders-for-customer", ["run-f"], 450, 500, "Run run-f consumed 450 read units, 90% of its ceiling 500.");
        var record = Record("run-f") with { Flags = [flag] };

        await store.RecordAsync(record, CancellationToken.None);
        var item = (await _dynamoDb.GetItemAsync(table, new Dictionary<string, AttributeValue> { ["runId"] = new("run-f") })).Item;
        var read = await store.RecentRunsAsync("orders-for-customer", "orders", record.StartedAt.AddSeconds(1), 5, CancellationToken.None);
        var unflagged = DynamoDbQueryAuditStore.ToItem(Record("run-g"));

        var stored = Assert.Single(item["flags"].L).M;
        Assert.Equal("NearReadCeiling", stored["kind"].S);
        Assert.Equal("450", stored["value"].N);
        Assert.Equal("500", stored["reference"].N);
        Assert.Equal("run-f", Assert.Single(stored["runIds"].L).S);
        Assert.Equal(flag, Assert.Single(Assert.Single(read).Flags) with { RunIds = flag.RunIds });
        Assert.Equal(["run-f"], Assert.Single(read).Flags[0].RunIds);
        Assert.False(unflagged.ContainsKey("flags"));
    }
}
