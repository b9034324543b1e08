using System.Globalization;

using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

using Automation.Core.Posture;

namespace Automation.Aws.Posture;

/// <summary>
/// The posture runs (template.yaml: PostureRunsTable): key <c>scope</c> (HASH) + <c>runKey</c> (RANGE,
/// <c>&lt;startedAt&gt;#&lt;runId&gt;</c>), so one descending Query with <c>runKey &lt; :current</c> finds the previous
/// run of the same scope. Written once (<c>attribute_not_exists(runKey)</c>). Finding keys are a list of strings, the
/// report a JSON string.
/// </summary>
public sealed class DynamoDbPostureRunStore(IAmazonDynamoDB dynamoDb, string tableName) : IPostureRunStore
{
    public const string TableVariable = "POSTURE_RUNS_TABLE";
    public const string ScopeAttribute = "scope";
    public const string RunKeyAttribute = "runKey";

    /// <summary>The table's definition (tests, tools; template.yaml declares the same).</summary>
    public static CreateTableRequest CreateTableRequest(string name) => new()
    {
        TableName = name,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions = [new AttributeDefinition(ScopeAttribute, ScalarAttributeType.S), new AttributeDefinition(RunKeyAttribute, ScalarAttributeType.S)],
        KeySchema = [new KeySchemaElement(ScopeAttribute, KeyType.HASH), new KeySchemaElement(RunKeyAttribute, KeyType.RANGE)],
    };

    /// <inheritdoc />
    public async Task<bool> SaveAsync(PostureRunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var request = new PutItemRequest
        {
            TableName = tableName,
            Item = new Dictionary<string, AttributeValue>
            {
                [ScopeAttribute] = new() { S = run.Scope },
                [RunKeyAttribute] = new() { S = run.RunKey },
                ["runId"] = new() { S = run.RunId },
                ["startedAt"] = new() { S = run.StartedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) },
                ["findingKeys"] = new() { L = [.. run.FindingKeys.Select(k => new AttributeValue { S = k })] },
                ["report"] = new() { S = run.ReportJson },
            },
            ConditionExpression = "attribute_not_exists(#k)",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#k"] = RunKeyAttribute },
        };
        try
        {
            await DynamoDbFailures.Guard("PutItem (posture run)", tableName, () => dynamoDb.PutItemAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<PostureRunRecord?> PreviousAsync(string scope, string runKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        ArgumentException.ThrowIfNullOrEmpty(runKey);
        var request = new QueryRequest
        {
            TableName = tableName,
            KeyConditionExpression = "#s = :s AND #k < :k",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#s"] = ScopeAttribute, ["#k"] = RunKeyAttribute },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":s"] = new() { S = scope }, [":k"] = new() { S = runKey } },
            ScanIndexForward = false,
            Limit = 1,
            ConsistentRead = true,
        };
        QueryResponse response = await DynamoDbFailures.Guard("Query (previous posture run)", tableName, () => dynamoDb.QueryAsync(request, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        return response.Items is { Count: > 0 } items ? FromItem(items[0]) : null;
    }

    /// <inheritdoc />
    public async Task<PostureRunRecord?> GetAsync(string scope, string runKey, CancellationToken cancellationToken)
    {
        var request = new GetItemRequest
        {
            TableName = tableName,
            Key = new Dictionary<string, AttributeValue> { [ScopeAttribute] = new() { S = scope }, [RunKeyAttribute] = new() { S = runKey } },
            ConsistentRead = true,
        };
        GetItemResponse response = await DynamoDbFailures.Guard("GetItem (posture run)", tableName, () => dynamoDb.GetItemAsync(request, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? FromItem(item) : null;
    }

    private static PostureRunRecord FromItem(Dictionary<string, AttributeValue> item) => new(
        item[ScopeAttribute].S,
        item[RunKeyAttribute].S,
        item.TryGetValue("runId", out AttributeValue? id) ? id.S : string.Empty,
        item.TryGetValue("startedAt", out AttributeValue? at) ? DateTimeOffset.Parse(at.S, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : DateTimeOffset.MinValue,
        item.TryGetValue("findingKeys", out AttributeValue? keys) && keys.L is { } list ? [.. list.Select(v => v.S)] : [],
        item.TryGetValue("report", out AttributeValue? report) ? report.S : "{}");
}
