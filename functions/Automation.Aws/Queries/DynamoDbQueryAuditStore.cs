using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Automation.Aws.Incidents;
using Automation.Core.Incidents;
using Automation.Core.Queries;
using Automation.Core.Tuning;

namespace Automation.Aws.Queries;

/// <summary>
/// The query-runbook audit table (template.yaml: QueryAuditTable): one item per run, key <c>runId</c>, written once
/// (<c>attribute_not_exists(runId)</c>, so a retried step cannot overwrite or duplicate it). The GSI <c>ByTemplate</c>
/// (<c>template</c>, <c>startedAt</c>) lists a template's runs by time: <see cref="RecentRunsAsync"/>, the runs a new
/// run's feedback flags compare it with. Flags are stored on the run's item (<c>flags</c>: kind, value, reference, runIds, message). Timestamps are ISO-8601 UTC with milliseconds.
/// </summary>
public sealed class DynamoDbQueryAuditStore(IAmazonDynamoDB dynamoDb, string tableName) : IQueryAuditStore
{
    public const string TableVariable = "QUERY_AUDIT_TABLE";
    public const string KeyAttribute = "runId";
    public const string ByTemplateIndex = "ByTemplate";

    /// <inheritdoc />
    public async Task<bool> RecordAsync(QueryAuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var request = new PutItemRequest
        {
            TableName = tableName,
            Item = ToItem(record),
            ConditionExpression = "attribute_not_exists(#id)",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#id"] = KeyAttribute },
        };
        try
        {
            await DynamoDbFailures.Guard("PutItem (query audit)", tableName, () => dynamoDb.PutItemAsync(request, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>The item written for <paramref name="record"/> (absent values are left out).</summary>
    public static Dictionary<string, AttributeValue> ToItem(QueryAuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var item = new ItemWriter()
            .S(KeyAttribute, record.RunId)
            .S("executionArn", record.ExecutionArn)
            .Enum("status", (QueryRunStatus?)record.Status)
            .S("requestedBy", record.RequestedBy)
            .S("reason", record.Reason)
            .S("incidentId", record.IncidentId)
            .S("ticket", record.Ticket)
            .S("template", record.TemplateName ?? "(none)")
            .S("templateHash", record.TemplateHash)
            .S("segment", record.Segment)
            .N("segmentVersion", record.SegmentVersion)
            .S("tableName", record.Table)
            .S("indexName", record.Index)
            .Enum("operation", record.Operation)
            .N("pages", record.Pages)
            .N("items", record.Items)
            .N("scanned", record.Scanned)
            .Time("startedAt", record.StartedAt)
            .Time("finishedAt", record.FinishedAt)
            .N("durationMs", record.DurationMs)
            .Enum("stopReason", record.StopReason)
            .S("resultBucket", record.ResultBucket)
            .S("resultKey", record.ResultKey)
            .S("error", record.Error)
            .S("cause", record.Cause)
            .Item;
        item["consumedReadUnits"] = Number(record.ConsumedUnits);
        if (record.ReadCeiling is { } ceiling)
        {
            item["readCeiling"] = Number(ceiling);
        }

        if (record.Flags.Count > 0)
        {
            item["flags"] = new AttributeValue
            {
                L = [.. record.Flags.Select(f => new AttributeValue
                {
                    M = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                    {
                        ["kind"] = new AttributeValue { S = f.Kind.ToString() },
                        ["value"] = Number(f.Value),
                        ["reference"] = Number(f.Reference),
                        ["runIds"] = new AttributeValue { L = [.. f.RunIds.Select(id => new AttributeValue { S = id })], IsLSet = true },
                        ["message"] = new AttributeValue { S = f.Message },
                    },
                    IsMSet = true,
                })],
                IsLSet = true,
            };
        }

        item["parameters"] = new AttributeValue
        {
            M = record.Parameters.ToDictionary(p => p.Key, p => new AttributeValue { S = p.Value }, StringComparer.Ordinal),
            IsMSet = true,
        };
        return item;
    }

    /// <inheritdoc />
    /// <remarks>One descending Query of the ByTemplate GSI (<c>template</c> = the name, <c>startedAt</c> &lt; the bound),
    /// filtered to succeeded runs of the segment, pages of <paramref name="limit"/> items until <paramref name="limit"/>
    /// runs are found or <see cref="MaxPages"/> pages were read: bounded whatever the table holds.</remarks>
    public async Task<IReadOnlyList<QueryAuditRecord>> RecentRunsAsync(
        string templateName, string segment, DateTimeOffset startedBefore, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(templateName);
        ArgumentException.ThrowIfNullOrEmpty(segment);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var request = new QueryRequest
        {
            TableName = tableName,
            IndexName = ByTemplateIndex,
            KeyConditionExpression = "#template = :template AND #startedAt < :before",
            FilterExpression = "#status = :succeeded AND #segment = :segment",
            ExpressionAttributeNames = new Dictionary<string, string>
            {
                ["#template"] = "template",
                ["#startedAt"] = "startedAt",
                ["#status"] = "status",
                ["#segment"] = "segment",
            },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":template"] = new AttributeValue { S = templateName },
                [":before"] = new AttributeValue { S = IncidentTimestamps.ToSortable(startedBefore) },
                [":succeeded"] = new AttributeValue { S = nameof(QueryRunStatus.Succeeded) },
                [":segment"] = new AttributeValue { S = segment },
            },
            ScanIndexForward = false,
            Limit = limit,
        };
        var runs = new List<QueryAuditRecord>();
        for (int page = 0; page < MaxPages && runs.Count < limit; page++)
        {
            QueryResponse response = await DynamoDbFailures.Guard("Query (query audit by template)", tableName,
                () => dynamoDb.QueryAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            runs.AddRange((response.Items ?? []).Select(FromItem));
            if (response.LastEvaluatedKey is not { Count: > 0 } last)
            {
                break;
            }

            request.ExclusiveStartKey = last;
        }

        return runs.Count > limit ? runs[..limit] : runs;
    }

    /// <summary>Pages <see cref="RecentRunsAsync"/> reads at most.</summary>
    public const int MaxPages = 5;

    /// <summary>The run an item holds (the <c>(none)</c> template of a run refused before planning reads as null).</summary>
    public static QueryAuditRecord FromItem(IReadOnlyDictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var r = new ItemReader(item);
        string template = r.S("template");
        return new QueryAuditRecord(
            r.S(KeyAttribute),
            r.S("executionArn"),
            r.Enum<QueryRunStatus>("status"),
            r.OptS("requestedBy"),
            r.OptS("reason"),
            r.OptS("incidentId"),
            r.OptS("ticket"),
            template == "(none)" ? null : template,
            r.OptS("templateHash"),
            r.OptS("segment"),
            r.OptN("segmentVersion") is { } v ? (int)v : null,
            r.OptS("tableName"),
            r.OptS("indexName"),
            r.OptEnum<QueryOperation>("operation"),
            item.TryGetValue("parameters", out AttributeValue? p) && p.M is { } m
                ? m.ToDictionary(e => e.Key, e => e.Value.S ?? string.Empty, StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal),
            (int)(r.OptN("pages") ?? 0),
            (int)(r.OptN("items") ?? 0),
            (int)(r.OptN("scanned") ?? 0),
            Double(item, "consumedReadUnits") ?? 0,
            Double(item, "readCeiling"),
            r.OptEnum<StopReason>("stopReason"),
            r.Time("startedAt"),
            r.OptTime("finishedAt") ?? r.Time("startedAt"),
            r.OptN("durationMs") ?? 0,
            r.OptS("resultBucket"),
            r.OptS("resultKey"),
            r.OptS("error"),
            r.OptS("cause"))
        {
            Flags = item.TryGetValue("flags", out AttributeValue? f) && f.L is { } flags ? [.. flags.Select(x => Flag(x.M, template))] : [],
        };
    }

    private static QueryFeedbackFlag Flag(Dictionary<string, AttributeValue> m, string template) =>
        new(
            Enum.Parse<QueryFlagKind>(m["kind"].S),
            template,
            m.TryGetValue("runIds", out AttributeValue? ids) && ids.L is { } l ? [.. l.Select(v => v.S)] : [],
            Double(m, "value") ?? 0,
            Double(m, "reference") ?? 0,
            m.TryGetValue("message", out AttributeValue? msg) ? msg.S ?? string.Empty : string.Empty);

    private static double? Double(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out AttributeValue? v) && v.N is { } n ? double.Parse(n, NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    private static AttributeValue Number(double value) => new() { N = value.ToString("R", CultureInfo.InvariantCulture) };
}
