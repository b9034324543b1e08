using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Automation.Aws.Incidents;
using Automation.Core.Queries;

namespace Automation.Aws.Queries;

/// <summary>
/// The query-runbook audit table (template.yaml: QueryAuditTable): one item per run, key <c>runId</c>, written once
/// (<c>attribute_not_exists(runId)</c>, so a retried step cannot overwrite or duplicate it). The GSI <c>ByTemplate</c>
/// (<c>template</c>, <c>startedAt</c>) lists a template's runs by time. Timestamps are ISO-8601 UTC with milliseconds.
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

        item["parameters"] = new AttributeValue
        {
            M = record.Parameters.ToDictionary(p => p.Key, p => new AttributeValue { S = p.Value }, StringComparer.Ordinal),
            IsMSet = true,
        };
        return item;
    }

    private static AttributeValue Number(double value) => new() { N = value.ToString("R", CultureInfo.InvariantCulture) };
}
