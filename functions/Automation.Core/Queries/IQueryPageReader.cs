using System.Text.Json.Nodes;

namespace Automation.Core.Queries;

/// <summary>
/// One page request of a run: the plan's request with the <c>Limit</c> the runner chose for this page (at most the
/// plan's page size, fewer when the remaining budget is short), the Scan segment and where to resume.
/// </summary>
/// <param name="Plan">The plan being run.</param>
/// <param name="Limit">DynamoDB <c>Limit</c>: items read at most in this page.</param>
/// <param name="ScanSegment">Scan only: the <c>Segment</c> of <see cref="QueryPlan.ScanSegments"/> read; null otherwise.</param>
/// <param name="ExclusiveStartKey">The previous page's LastEvaluatedKey (DynamoDB JSON), or null for the first page (of the segment).</param>
public sealed record QueryPageRequest(QueryPlan Plan, int Limit, int? ScanSegment, JsonObject? ExclusiveStartKey);

/// <summary>One page as DynamoDB returned it.</summary>
/// <param name="Items">The items (DynamoDB JSON: <c>{"pk":{"S":"..."}}</c>), unmasked.</param>
/// <param name="ScannedCount">Items read before the filter (DynamoDB ScannedCount; GetItem: 0 or 1).</param>
/// <param name="ConsumedUnits">Read units charged for the page (ConsumedCapacity.CapacityUnits, ReturnConsumedCapacity TOTAL).</param>
/// <param name="LastEvaluatedKey">Where the next page starts, or null when the read (segment) is done.</param>
public sealed record QueryPage(IReadOnlyList<JsonObject> Items, int ScannedCount, double ConsumedUnits, JsonObject? LastEvaluatedKey);

/// <summary>The port the runner reads DynamoDB through (Automation.Aws: DynamoDbQueryPageReader).</summary>
public interface IQueryPageReader
{
    /// <summary>Sends the page's Query, Scan or GetItem with ReturnConsumedCapacity TOTAL.</summary>
    Task<QueryPage> ReadPageAsync(QueryPageRequest request, CancellationToken cancellationToken);
}

/// <summary>Where a run's full (masked) result set was written.</summary>
public sealed record QueryResultLocation(string Bucket, string Key);

/// <summary>The port the full result set of a run is written through (Automation.Aws: S3QueryResultWriter).</summary>
public interface IQueryResultWriter
{
    /// <summary>Writes the run's masked result set and returns where it is.</summary>
    Task<QueryResultLocation> WriteAsync(string runId, QueryPlan plan, QueryRunResult result, CancellationToken cancellationToken);
}
