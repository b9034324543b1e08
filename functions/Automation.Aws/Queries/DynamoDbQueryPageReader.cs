using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Automation.Core.Errors;
using Automation.Core.Queries;

namespace Automation.Aws.Queries;

/// <summary>
/// <see cref="IQueryPageReader"/> on DynamoDB: one Query, Scan (Segment/TotalSegments) or GetItem per page, exactly
/// as the plan says (placeholders, typed values, Limit, ExclusiveStartKey, ConsistentRead), always with
/// ReturnConsumedCapacity TOTAL. A response without ConsumedCapacity is charged the page's worst case, so the runner's
/// ceiling still holds. Throttling, 5xx and network failures are <c>TransientDependencyError</c> (see
/// <see cref="DynamoDbFailures"/>); a missing table or index is <c>TableNotFound</c>; a request DynamoDB refuses as
/// invalid (the table no longer matches the template) is <c>InvalidRunbookConfig</c>, with DynamoDB's message unless the
/// request binds a sensitive value (the message may echo values; the planner already refuses the values DynamoDB is known
/// to refuse: oversized keys, reversed BETWEEN bounds). Either way nothing was read.
/// </summary>
public sealed class DynamoDbQueryPageReader : IQueryPageReader
{
    private readonly IAmazonDynamoDB _dynamoDb;

    public DynamoDbQueryPageReader(IAmazonDynamoDB dynamoDb)
    {
        ArgumentNullException.ThrowIfNull(dynamoDb);
        _dynamoDb = dynamoDb;
    }

    public Task<QueryPage> ReadPageAsync(QueryPageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Limit, 1);
        return request.Plan.Operation switch
        {
            QueryOperation.Query => QueryAsync(request, cancellationToken),
            QueryOperation.Scan => ScanAsync(request, cancellationToken),
            QueryOperation.GetItem => GetItemAsync(request, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Plan.Operation, "Not a query-runbook operation."),
        };
    }

    private async Task<QueryPage> QueryAsync(QueryPageRequest page, CancellationToken cancellationToken)
    {
        QueryPlan plan = page.Plan;
        var request = new QueryRequest
        {
            TableName = plan.Table,
            IndexName = plan.Index,
            KeyConditionExpression = plan.KeyConditionExpression,
            FilterExpression = plan.FilterExpression,
            ProjectionExpression = plan.ProjectionExpression,
            ExpressionAttributeNames = Names(plan),
            ExpressionAttributeValues = Values(plan),
            ConsistentRead = plan.ConsistentRead,
            Limit = page.Limit,
            ExclusiveStartKey = page.ExclusiveStartKey is { } start ? DynamoDbJson.ToItem(start) : null,
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        };
        QueryResponse response = await Call("Query", plan, () => _dynamoDb.QueryAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        return Page(page, response.Items, response.ScannedCount, response.ConsumedCapacity, response.LastEvaluatedKey);
    }

    private async Task<QueryPage> ScanAsync(QueryPageRequest page, CancellationToken cancellationToken)
    {
        QueryPlan plan = page.Plan;
        var request = new ScanRequest
        {
            TableName = plan.Table,
            IndexName = plan.Index,
            FilterExpression = plan.FilterExpression,
            ProjectionExpression = plan.ProjectionExpression,
            ExpressionAttributeNames = Names(plan),
            ExpressionAttributeValues = Values(plan),
            ConsistentRead = plan.ConsistentRead,
            Limit = page.Limit,
            ExclusiveStartKey = page.ExclusiveStartKey is { } start ? DynamoDbJson.ToItem(start) : null,
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        };
        if (plan.ScanSegments is > 1)
        {
            request.Segment = page.ScanSegment ?? 0;
            request.TotalSegments = plan.ScanSegments;
        }

        ScanResponse response = await Call("Scan", plan, () => _dynamoDb.ScanAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        return Page(page, response.Items, response.ScannedCount, response.ConsumedCapacity, response.LastEvaluatedKey);
    }

    private async Task<QueryPage> GetItemAsync(QueryPageRequest page, CancellationToken cancellationToken)
    {
        QueryPlan plan = page.Plan;
        IReadOnlyDictionary<string, QueryValue> key = plan.Key
            ?? throw new ArgumentException($"The GetItem plan of template '{plan.TemplateName}' has no key.", nameof(page));
        var request = new GetItemRequest
        {
            TableName = plan.Table,
            Key = key.ToDictionary(k => k.Key, k => DynamoDbJson.ToAttributeValue(k.Value), StringComparer.Ordinal),
            ProjectionExpression = plan.ProjectionExpression,
            ExpressionAttributeNames = Names(plan),
            ConsistentRead = plan.ConsistentRead,
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        };
        GetItemResponse response = await Call("GetItem", plan, () => _dynamoDb.GetItemAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        List<Dictionary<string, AttributeValue>> items = response.Item is { Count: > 0 } item ? [item] : [];
        return Page(page, items, items.Count, response.ConsumedCapacity, lastEvaluatedKey: null);
    }

    private static QueryPage Page(
        QueryPageRequest page,
        List<Dictionary<string, AttributeValue>>? items,
        int? scannedCount,
        ConsumedCapacity? consumed,
        Dictionary<string, AttributeValue>? lastEvaluatedKey)
    {
        List<JsonObject> json = items is null ? [] : [.. items.Select(DynamoDbJson.ToJson)];
        double units = consumed?.CapacityUnits
            ?? ReadCost.WorstCasePage(page.Plan.Operation, page.Limit, page.Plan.ConsistentRead);
        return new QueryPage(
            json,
            scannedCount ?? json.Count,
            units,
            lastEvaluatedKey is { Count: > 0 } last ? DynamoDbJson.ToJson(last) : null);
    }

    /// <summary>Does the request bind a value the segment classes sensitive (an expression value or a GetItem key)?</summary>
    private static bool CarriesSensitiveValues(QueryPlan plan) =>
        plan.ExpressionAttributeValues.Values.Any(v => v.Sensitive) || (plan.Key?.Values.Any(v => v.Sensitive) ?? false);

    private static Dictionary<string, string>? Names(QueryPlan plan) =>
        plan.ExpressionAttributeNames.Count == 0 ? null : new Dictionary<string, string>(plan.ExpressionAttributeNames, StringComparer.Ordinal);

    private static Dictionary<string, AttributeValue>? Values(QueryPlan plan) =>
        plan.ExpressionAttributeValues.Count == 0
            ? null
            : plan.ExpressionAttributeValues.ToDictionary(v => v.Key, v => DynamoDbJson.ToAttributeValue(v.Value), StringComparer.Ordinal);

    private static Task<T> Call<T>(string operation, QueryPlan plan, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        string target = plan.Index is null ? plan.Table : $"{plan.Table}/{plan.Index}";
        return DynamoDbFailures.Guard($"{operation} (query template '{plan.TemplateName}')", target, Typed, cancellationToken);

        async Task<T> Typed()
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (ResourceNotFoundException e)
            {
                throw new AutomationException(
                    ErrorTypes.TableNotFound,
                    $"{operation} of query template '{plan.TemplateName}': {target} does not exist (segment '{plan.Segment}' v{plan.SegmentVersion}); nothing was read.",
                    e);
            }
            catch (AmazonDynamoDBException e) when (e.ErrorCode == "ValidationException" && CarriesSensitiveValues(plan))
            {
                // DynamoDB's message may echo the request's values (a BETWEEN's bounds, a key): with a sensitive one
                // bound, neither the message nor the SDK exception (its text would reach the stack trace, the logs, the
                // execution's cause, the audit item and the timeline) goes any further.
                throw new AutomationException(
                    ErrorTypes.InvalidRunbookConfig,
                    $"DynamoDB refused the {operation} of query template '{plan.TemplateName}' (segment '{plan.Segment}' v{plan.SegmentVersion}) on {target} "
                    + $"as invalid (ValidationException, request id {e.RequestId}); its message is withheld because the request carries sensitive values it may echo. "
                    + "The table no longer matches the segment file, or the template is wrong; nothing was read.");
            }
            catch (AmazonDynamoDBException e) when (e.ErrorCode == "ValidationException")
            {
                throw new AutomationException(
                    ErrorTypes.InvalidRunbookConfig,
                    $"DynamoDB refused the {operation} of query template '{plan.TemplateName}' (segment '{plan.Segment}' v{plan.SegmentVersion}) on {target}: {e.Message} "
                    + "The table no longer matches the segment file, or the template is wrong; nothing was read.",
                    e);
            }
        }
    }
}
