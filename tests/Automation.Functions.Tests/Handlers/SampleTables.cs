using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Automation.Aws.Queries;

namespace Automation.Functions.Tests.Handlers;

/// <summary>
/// The sample tables the shipped segment files describe (runbooks/segments: Orders with ByCustomer and ByStatus,
/// Sessions), created on moto once and seeded with the items the query-runbook fixtures read; the audit table and a
/// results bucket per fixture world. The items never change (the query steps only read them), so every world shares them.
/// </summary>
internal static class SampleTables
{
    public const string Orders = "Orders";
    public const string Sessions = "Sessions";

    private static readonly SemaphoreSlim Once = new(1, 1);

    public static CreateTableRequest QueryAuditTableRequest(string name) => new()
    {
        TableName = name,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new(DynamoDbQueryAuditStore.KeyAttribute, ScalarAttributeType.S),
            new("template", ScalarAttributeType.S),
            new("startedAt", ScalarAttributeType.S),
        ],
        KeySchema = [new(DynamoDbQueryAuditStore.KeyAttribute, KeyType.HASH)],
        GlobalSecondaryIndexes =
        [
            new GlobalSecondaryIndex
            {
                IndexName = DynamoDbQueryAuditStore.ByTemplateIndex,
                KeySchema = [new("template", KeyType.HASH), new("startedAt", KeyType.RANGE)],
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            },
        ],
    };

    public static AmazonS3Client S3Client(string endpoint) => new(
        new BasicAWSCredentials("testing", "testing"),
        new AmazonS3Config { ServiceURL = endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    public static async Task<string> CreateBucketAsync(string endpoint)
    {
        using var s3 = S3Client(endpoint);
        string bucket = "query-results-" + Guid.NewGuid().ToString("N")[..12];
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        return bucket;
    }

    /// <summary>Creates and seeds Orders and Sessions unless they exist.</summary>
    public static async Task EnsureAsync(IAmazonDynamoDB dynamoDb)
    {
        await Once.WaitAsync();
        try
        {
            var existing = (await dynamoDb.ListTablesAsync()).TableNames ?? [];
            if (!existing.Contains(Orders))
            {
                await dynamoDb.CreateTableAsync(OrdersRequest());
                foreach (var item in OrderItems())
                {
                    await dynamoDb.PutItemAsync(Orders, item);
                }
            }

            if (!existing.Contains(Sessions))
            {
                await dynamoDb.CreateTableAsync(new CreateTableRequest
                {
                    TableName = Sessions,
                    BillingMode = BillingMode.PAY_PER_REQUEST,
                    AttributeDefinitions = [new("pk", ScalarAttributeType.S)],
                    KeySchema = [new("pk", KeyType.HASH)],
                });
                for (int i = 1; i <= 6; i++)
                {
                    await dynamoDb.PutItemAsync(Sessions, new Dictionary<string, AttributeValue>
                    {
                        ["pk"] = new($"session#{i:00}"),
                        ["userId"] = new($"user#{i}"),
                        ["expiresAt"] = new() { N = (1_796_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    });
                }
            }
        }
        finally
        {
            Once.Release();
        }
    }

    private static CreateTableRequest OrdersRequest() => new()
    {
        TableName = Orders,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new("pk", ScalarAttributeType.S), new("sk", ScalarAttributeType.S),
            new("customerId", ScalarAttributeType.S), new("status", ScalarAttributeType.S), new("createdAt", ScalarAttributeType.S),
        ],
        KeySchema = [new("pk", KeyType.HASH), new("sk", KeyType.RANGE)],
        GlobalSecondaryIndexes =
        [
            new GlobalSecondaryIndex
            {
                IndexName = "ByCustomer",
                KeySchema = [new("customerId", KeyType.HASH), new("createdAt", KeyType.RANGE)],
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            },
            new GlobalSecondaryIndex
            {
                IndexName = "ByStatus",
                KeySchema = [new("status", KeyType.HASH), new("createdAt", KeyType.RANGE)],
                Projection = new Projection { ProjectionType = ProjectionType.KEYS_ONLY },
            },
        ],
    };

    /// <summary>customer#4711: three orders (Nov 18, 20, 22), email and phone set; tenant#acme#eu-1: two orders and a return.</summary>
    private static IEnumerable<Dictionary<string, AttributeValue>> OrderItems()
    {
        foreach (var (sk, day, status, total) in new[] { ("order#0001", 18, "PAID", "120"), ("order#0002", 20, "PENDING", "35.5"), ("order#0003", 22, "PENDING", "9") })
        {
            yield return new Dictionary<string, AttributeValue>
            {
                ["pk"] = new("customer#4711"),
                ["sk"] = new(sk),
                ["customerId"] = new("customer#4711"),
                ["createdAt"] = new($"2026-11-{day}T10:00:00Z"),
                ["status"] = new(status),
                ["total"] = new() { N = total },
                ["email"] = new("ana@example.com"),
                ["phone"] = new("+44 20 7946 0000"),
            };
        }

        foreach (var (sk, total) in new[] { ("order#0001", "500"), ("order#0002", "20"), ("return#0001", "500") })
        {
            yield return new Dictionary<string, AttributeValue>
            {
                ["pk"] = new("tenant#acme#eu-1"),
                ["sk"] = new(sk),
                ["customerId"] = new("customer#9000"),
                ["createdAt"] = new("2026-11-19T08:00:00Z"),
                ["status"] = new("PAID"),
                ["total"] = new() { N = total },
                ["email"] = new("buyer@acme.example"),
            };
        }
    }
}
