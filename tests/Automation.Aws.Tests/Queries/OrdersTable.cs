using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Automation.Core.Guardrails;
using Automation.Core.Queries;
using Automation.Core.Segments;

namespace Automation.Aws.Tests.Queries;

/// <summary>
/// A fresh, seeded Orders table per test in moto (pk/sk strings, GSI ByStatus, LSI ByTotal on a number) and a segment
/// file's worth of templates for it.
/// </summary>
internal static class OrdersTable
{
    public const int CustomerOrders = 25;

    public static async Task<string> CreateSeededAsync(IAmazonDynamoDB dynamoDb)
    {
        string name = "orders-" + Guid.NewGuid().ToString("N")[..12];
        await dynamoDb.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions =
            [
                new("pk", ScalarAttributeType.S), new("sk", ScalarAttributeType.S),
                new("status", ScalarAttributeType.S), new("createdAt", ScalarAttributeType.S), new("total", ScalarAttributeType.N),
            ],
            KeySchema = [new("pk", KeyType.HASH), new("sk", KeyType.RANGE)],
            GlobalSecondaryIndexes =
            [
                new GlobalSecondaryIndex
                {
                    IndexName = "ByStatus",
                    KeySchema = [new("status", KeyType.HASH), new("createdAt", KeyType.RANGE)],
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                },
            ],
            LocalSecondaryIndexes =
            [
                new LocalSecondaryIndex
                {
                    IndexName = "ByTotal",
                    KeySchema = [new("pk", KeyType.HASH), new("total", KeyType.RANGE)],
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                },
            ],
        });

        var writes = new List<WriteRequest>();
        for (int i = 0; i < CustomerOrders; i++)
        {
            writes.Add(Put(Order("customer#1", i)));
        }

        for (int c = 2; c <= 4; c++)
        {
            writes.Add(Put(Order($"customer#{c}", 0)));
        }

        foreach (WriteRequest[] batch in writes.Chunk(25))
        {
            await dynamoDb.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [name] = [.. batch] } });
        }

        return name;
    }

    public static Dictionary<string, AttributeValue> Order(string customer, int i) => new()
    {
        ["pk"] = new AttributeValue { S = customer },
        ["sk"] = new AttributeValue { S = $"order#{i:D4}" },
        ["status"] = new AttributeValue { S = i % 5 == 0 ? "STUCK" : "SHIPPED" },
        ["createdAt"] = new AttributeValue { S = $"2026-01-{1 + (i % 28):D2}T00:00:{i:D2}Z" },
        ["total"] = new AttributeValue { N = (10 * i).ToString(CultureInfo.InvariantCulture) },
        ["email"] = new AttributeValue { S = $"{customer}-{i}@example.com" },
        ["lines"] = new AttributeValue { L = [new AttributeValue { M = new() { ["sku"] = new AttributeValue { S = "A-1" }, ["qty"] = new AttributeValue { N = "2" } } }] },
    };

    private static WriteRequest Put(Dictionary<string, AttributeValue> item) => new() { PutRequest = new PutRequest { Item = item } };

    private static QueryParameter Text(string name, bool required = false, string? @default = null) =>
        new(name, ParameterType.Text, required, @default, null, [], name);

    public static readonly QueryTemplate ForCustomer = new(
        "orders-for-customer", "A customer's orders", "team-orders", "orders", QueryOperation.Query, null, "customer",
        new SortKeyCondition(ConditionOperator.BeginsWith, "since", null),
        [new FilterCondition("status", ConditionOperator.Equal, "status", null)],
        [], false, 10, 5, 500, null,
        [Text("customer", required: true), Text("since", @default: "order#"), Text("status")]);

    public static readonly QueryTemplate ById = new(
        "order-by-id", "One order", "team-orders", "orders", QueryOperation.GetItem, null, "customer",
        new SortKeyCondition(ConditionOperator.Equal, "order", null), [], ["total"], true, 1, 1, 100, null,
        [Text("customer", required: true), Text("order", required: true)]);

    public static readonly QueryTemplate ByStatus = new(
        "orders-by-status", "Orders in a status", "team-orders", "orders", QueryOperation.Query, "ByStatus", "status",
        null, [], [], false, 4, 10, 1000, null, [Text("status", required: true)]);

    public static readonly QueryTemplate BigOrders = new(
        "big-orders", "Big orders", "team-orders", "orders", QueryOperation.Query, "ByTotal", "customer",
        new SortKeyCondition(ConditionOperator.GreaterThanOrEqual, "minTotal", null), [], [], true, 100, 2, 500, null,
        [Text("customer", required: true), new QueryParameter("minTotal", ParameterType.Number, true, null, null, [], "min")]);

    public static readonly QueryTemplate EveryOrder = new(
        "every-order", "Scan", "team-orders", "orders", QueryOperation.Scan, null, null, null, [], [], false, 7, 20, 2000, new ScanBounds(2), []);

    public static SegmentDefinition Segment(string table) => new(
        "orders", 2, "Orders", "team-orders", "segments/orders.yaml",
        new SegmentScope(table, null, null),
        new TableSchema(
            new KeySchema(new KeyElement("pk", KeyAttributeType.S), new KeyElement("sk", KeyAttributeType.S)),
            [
                new IndexSchema("ByStatus", IndexKind.Global, new KeySchema(new KeyElement("status", KeyAttributeType.S), new KeyElement("createdAt", KeyAttributeType.S))),
                new IndexSchema("ByTotal", IndexKind.Local, new KeySchema(new KeyElement("pk", KeyAttributeType.S), new KeyElement("total", KeyAttributeType.N))),
            ]),
        new AttributeClasses(["email"]),
        GuardrailSettings.Default,
        [ForCustomer, ById, ByStatus, BigOrders, EveryOrder],
        Access: null);

    public static QueryPlan Plan(string table, QueryTemplate template, params (string Name, string? Value)[] args) =>
        QueryPlanner.Plan(template, Segment(table), args.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal));
}
