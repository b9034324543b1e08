using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Automation.Aws.Incidents;
using Automation.Core;
using Automation.Core.Access;

namespace Automation.Aws.Access;

/// <summary>
/// The access-requests table (template.yaml: AccessRequestsTable), key <c>requestId</c>. The whole
/// <see cref="AccessRecord"/> is the <c>record</c> attribute (JSON, the audit trail: policy text, approvals, timeline);
/// beside it the attributes people query: <c>status</c> and <c>requestedAt</c> (GSI <c>ByStatus</c>), <c>reviewState</c>
/// only while a review is open (the sparse GSI <c>OpenReviews</c>), requester, segment, table, role, expiry. Every write
/// is conditional: a new record only if none exists, a change only if <c>version</c> is still the one read.
/// </summary>
public sealed class DynamoDbAccessRequestStore(IAmazonDynamoDB dynamoDb, string tableName) : IAccessRequestStore
{
    public const string TableVariable = "ACCESS_REQUESTS_TABLE";
    public const string KeyAttribute = "requestId";
    public const string ByStatusIndex = "ByStatus";
    public const string OpenReviewsIndex = "OpenReviews";

    /// <summary>The table as template.yaml declares it (AccessRequestsTable), for tests and the local cloud.</summary>
    public static CreateTableRequest CreateTableRequest(string name) => new()
    {
        TableName = name,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new(KeyAttribute, ScalarAttributeType.S),
            new("status", ScalarAttributeType.S),
            new("requestedAt", ScalarAttributeType.S),
            new("reviewState", ScalarAttributeType.S),
        ],
        KeySchema = [new(KeyAttribute, KeyType.HASH)],
        GlobalSecondaryIndexes =
        [
            new GlobalSecondaryIndex
            {
                IndexName = ByStatusIndex,
                KeySchema = [new("status", KeyType.HASH), new("requestedAt", KeyType.RANGE)],
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            },
            new GlobalSecondaryIndex
            {
                IndexName = OpenReviewsIndex,
                KeySchema = [new("reviewState", KeyType.HASH), new("requestedAt", KeyType.RANGE)],
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            },
        ],
    };

    /// <inheritdoc />
    public async Task<AccessRecord?> GetAsync(string requestId, CancellationToken cancellationToken)
    {
        var request = new GetItemRequest
        {
            TableName = tableName,
            Key = new Dictionary<string, AttributeValue> { [KeyAttribute] = new() { S = requestId } },
            ConsistentRead = true,
        };
        GetItemResponse response = await DynamoDbFailures.Guard("GetItem (access request)", tableName, () => dynamoDb.GetItemAsync(request, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        return response.Item is { Count: > 0 } item && item.TryGetValue("record", out AttributeValue? record) && record.S is { } json
            ? JsonSerializer.Deserialize(json, CoreJsonContext.Default.AccessRecord)
            : null;
    }

    /// <inheritdoc />
    public Task<bool> CreateAsync(AccessRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return PutAsync(record, "attribute_not_exists(#id)", new Dictionary<string, string> { ["#id"] = KeyAttribute }, null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ReplaceAsync(AccessRecord record, int expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return PutAsync(record, "#v = :v", new Dictionary<string, string> { ["#v"] = "version" },
            new Dictionary<string, AttributeValue> { [":v"] = new() { N = expectedVersion.ToString(CultureInfo.InvariantCulture) } }, cancellationToken);
    }

    /// <summary>The item written for <paramref name="record"/>.</summary>
    public static Dictionary<string, AttributeValue> ToItem(AccessRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ItemWriter()
            .S(KeyAttribute, record.RequestId)
            .N("version", record.Version)
            .S("status", record.Status.ToString())
            .S("requestedAt", Iso(record.RequestedAt))
            .S("reviewState", record.Review.State == "Open" ? "Open" : null)
            .S("requester", record.Request.Requester)
            .S("segment", record.Request.Segment)
            .S("tableName", record.Table)
            .S("roleName", record.Grant?.RoleName)
            .S("expiresAt", record.Grant is { } grant ? Iso(grant.ExpiresAt) : null)
            .S("revocationCause", record.Revocation?.Cause.ToString())
            .S("record", JsonSerializer.Serialize(record, CoreJsonContext.Default.AccessRecord))
            .Item;
    }

    private async Task<bool> PutAsync(AccessRecord record, string condition, Dictionary<string, string> names, Dictionary<string, AttributeValue>? values, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest
        {
            TableName = tableName,
            Item = ToItem(record),
            ConditionExpression = condition,
            ExpressionAttributeNames = names,
        };
        if (values is not null)
        {
            request.ExpressionAttributeValues = values;
        }

        try
        {
            await DynamoDbFailures.Guard("PutItem (access request)", tableName, () => dynamoDb.PutItemAsync(request, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
