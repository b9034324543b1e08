using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Automation.Aws.Incidents;
using Automation.Core.Alarms;
using Automation.Core.Incidents;
using Automation.Core.Tuning;

namespace Automation.Aws.Tuning;

/// <summary>
/// The threshold-change records (template.yaml: ThresholdChangesTable): one item per change, key <c>changeId</c>,
/// written once (<c>attribute_not_exists(changeId)</c>: a retried step or re-run writes nothing new). The GSI
/// <c>ByAlarm</c> (<c>alarmName</c>, <c>decidedAtId</c> = <c>&lt;decidedAt&gt;#&lt;changeId&gt;</c>) lists an alarm's
/// changes by time, newest first with one descending query. Timestamps are ISO-8601 UTC with milliseconds.
/// Only applied changes and reverts are stored (dry runs are reported, never recorded), so the newest item is always
/// the alarm's last real change.
/// </summary>
public sealed class DynamoDbThresholdChangeStore(IAmazonDynamoDB dynamoDb, string tableName) : IThresholdChangeStore
{
    public const string TableVariable = "THRESHOLD_CHANGES_TABLE";
    public const string KeyAttribute = "changeId";
    public const string ByAlarmIndex = "ByAlarm";
    public const string AlarmAttribute = "alarmName";
    public const string DecidedAtIdAttribute = "decidedAtId";

    /// <summary>The table's definition (tests, tools; template.yaml declares the same).</summary>
    public static CreateTableRequest CreateTableRequest(string name) => new()
    {
        TableName = name,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(KeyAttribute, ScalarAttributeType.S),
            new AttributeDefinition(AlarmAttribute, ScalarAttributeType.S),
            new AttributeDefinition(DecidedAtIdAttribute, ScalarAttributeType.S),
        ],
        KeySchema = [new KeySchemaElement(KeyAttribute, KeyType.HASH)],
        GlobalSecondaryIndexes =
        [
            new GlobalSecondaryIndex
            {
                IndexName = ByAlarmIndex,
                KeySchema = [new KeySchemaElement(AlarmAttribute, KeyType.HASH), new KeySchemaElement(DecidedAtIdAttribute, KeyType.RANGE)],
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            },
        ],
    };

    /// <inheritdoc />
    public async Task<bool> AppendAsync(ThresholdChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var request = new PutItemRequest
        {
            TableName = tableName,
            Item = ToItem(change),
            ConditionExpression = "attribute_not_exists(#id)",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#id"] = KeyAttribute },
        };
        try
        {
            await DynamoDbFailures.Guard("PutItem (threshold change)", tableName, () => dynamoDb.PutItemAsync(request, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<ThresholdChange?> LatestAsync(string alarmName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(alarmName);
        QueryResponse response = await DynamoDbFailures.Guard("Query (threshold changes by alarm)", tableName,
            () => dynamoDb.QueryAsync(ByAlarm(alarmName, newestFirst: true, limit: 1), cancellationToken), cancellationToken).ConfigureAwait(false);
        return response.Items is { Count: > 0 } items ? FromItem(items[0]) : null;
    }

    /// <inheritdoc />
    public async Task<ThresholdChange?> GetAsync(string changeId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(changeId);
        var request = new GetItemRequest
        {
            TableName = tableName,
            Key = new Dictionary<string, AttributeValue> { [KeyAttribute] = new AttributeValue { S = changeId } },
            ConsistentRead = true,
        };
        GetItemResponse response = await DynamoDbFailures.Guard("GetItem (threshold change)", tableName, () => dynamoDb.GetItemAsync(request, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? FromItem(item) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ThresholdChange>> ListAsync(string alarmName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(alarmName);
        var changes = new List<ThresholdChange>();
        QueryRequest request = ByAlarm(alarmName, newestFirst: false, limit: null);
        do
        {
            QueryResponse response = await DynamoDbFailures.Guard("Query (threshold changes by alarm)", tableName,
                () => dynamoDb.QueryAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            changes.AddRange((response.Items ?? []).Select(FromItem));
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);
        return changes;
    }

    private QueryRequest ByAlarm(string alarmName, bool newestFirst, int? limit)
    {
        var request = new QueryRequest
        {
            TableName = tableName,
            IndexName = ByAlarmIndex,
            KeyConditionExpression = "#alarm = :alarm",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#alarm"] = AlarmAttribute },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":alarm"] = new AttributeValue { S = alarmName } },
            ScanIndexForward = !newestFirst,
        };
        if (limit is { } l)
        {
            request.Limit = l;
        }

        return request;
    }

    /// <summary>The item written for <paramref name="change"/>.</summary>
    public static Dictionary<string, AttributeValue> ToItem(ThresholdChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Dictionary<string, AttributeValue> item = new ItemWriter()
            .S(KeyAttribute, change.ChangeId)
            .S(AlarmAttribute, change.AlarmName)
            .S(DecidedAtIdAttribute, IncidentTimestamps.ToSortable(change.DecidedAt) + "#" + change.ChangeId)
            .S("segment", change.Segment)
            .Enum("kind", (AlarmKind?)change.Kind)
            .N("oldEvaluationPeriods", change.OldEvaluationPeriods)
            .N("newEvaluationPeriods", change.NewEvaluationPeriods)
            .S("reason", change.Reason)
            .Bool("dryRun", change.DryRun)
            .Time("decidedAt", change.DecidedAt)
            .S("revertOf", change.RevertOf)
            .S("startedBy", change.StartedBy)
            .Item;
        item["oldThreshold"] = Number(change.OldThreshold);
        item["newThreshold"] = Number(change.NewThreshold);
        item["incidentIds"] = new AttributeValue { L = [.. change.IncidentIds.Select(i => new AttributeValue { S = i })], IsLSet = true };
        item["baseline"] = new AttributeValue
        {
            M = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                ["count"] = Number(change.Baseline.Count),
                ["mean"] = Number(change.Baseline.Mean),
                ["p50"] = Number(change.Baseline.P50),
                ["p95"] = Number(change.Baseline.P95),
                ["max"] = Number(change.Baseline.Max),
            },
            IsMSet = true,
        };
        return item;
    }

    /// <summary>The change an item holds.</summary>
    public static ThresholdChange FromItem(IReadOnlyDictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var r = new ItemReader(item);
        IReadOnlyDictionary<string, AttributeValue> baseline = item.TryGetValue("baseline", out AttributeValue? b) && b.M is { } m ? m : new Dictionary<string, AttributeValue>();
        return new ThresholdChange(
            r.S(KeyAttribute),
            r.S(AlarmAttribute),
            r.S("segment"),
            r.Enum<AlarmKind>("kind"),
            Double(item, "oldThreshold"),
            Double(item, "newThreshold"),
            (int)r.N("oldEvaluationPeriods"),
            (int)r.N("newEvaluationPeriods"),
            r.S("reason"),
            item.TryGetValue("incidentIds", out AttributeValue? ids) && ids.L is { } list ? [.. list.Select(v => v.S)] : [],
            new BaselineStats((int)Double(baseline, "count"), Double(baseline, "mean"), Double(baseline, "p50"), Double(baseline, "p95"), Double(baseline, "max")),
            r.OptBool("dryRun") ?? false,
            r.Time("decidedAt"),
            r.OptS("revertOf"))
        {
            StartedBy = r.OptS("startedBy"),
        };
    }

    private static double Double(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out AttributeValue? v) && v.N is { } n ? double.Parse(n, NumberStyles.Float, CultureInfo.InvariantCulture) : 0;

    private static AttributeValue Number(double value) => new() { N = value.ToString("R", CultureInfo.InvariantCulture) };
}
