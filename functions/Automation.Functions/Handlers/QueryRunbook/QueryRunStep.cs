using System.Text;
using System.Text.Json.Nodes;
using Automation.Core.Queries;
using Automation.Functions.Aws;
using Automation.Functions.Contracts.QueryRunbook;
using Automation.Functions.Handlers.Incidents;
using Automation.Functions.Metrics;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.QueryRunbook;

/// <summary>
/// <c>RunQuery</c> / <c>RunBoundedScan</c>: plans the request again from this function's own runbooks (it never runs a plan it is handed, so
/// no caller can make it read more than a template allows), refuses with <c>TemplateChanged</c> when the template is
/// not the one validated, then runs it with <see cref="QueryRunner"/> — paginated, every page's worst case checked
/// against what is left of the read ceiling — logs one line per page, writes the masked result set to S3 and returns
/// counts, cost, the stop reason and a preview. EMF per template and per segment: runs, consumed read units, ceiling hits.
/// Not retried by the state machine: a second attempt would read, and charge, again.
/// </summary>
/// <remarks>Two functions run this step, so that only one role can Scan: <see cref="RunQueryHandler"/> runs Query and
/// GetItem templates, <see cref="RunBoundedScanHandler"/> only the Scan templates a segment declares bounded. Each refuses
/// the other's templates.</remarks>
public abstract partial class QueryRunStep(StepServices services, RunbookCatalogProvider runbooks, QueryRunbookProvider queries)
    : StepHandler<RunQueryInput, RunQueryOutput>(services)
{
    /// <summary>The preview's size bound in bytes (UTF-8 JSON), whatever QUERY_PREVIEW_ITEMS says: the state stays far below 256 KB.</summary>
    public const int MaxPreviewBytes = 64 * 1024;

    /// <summary>The operations this function's role may perform.</summary>
    protected abstract IReadOnlySet<QueryOperation> Operations { get; }

    /// <summary>The step that runs the other operations.</summary>
    protected abstract string OtherStep { get; }

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.None;

    protected override async Task<RunQueryOutput> RunAsync(RunQueryInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        string runId = StepInput.Text(input.RunId, "runId", 80);
        ValidQueryRequest request = StepInput.Required(input.Request, "request").Validate();
        string expectedHash = StepInput.Text(input.TemplateHash, "templateHash", 64);
        QueryPlan plan = QueryPlanner.Plan(runbooks.Catalog, request.Template, request.Parameters);
        if (!string.Equals(plan.TemplateHash, expectedHash, StringComparison.Ordinal))
        {
            throw new AutomationException(
                ErrorTypes.TemplateChanged,
                $"Template {plan.TemplateName} changed since it was validated (hash {expectedHash[..Math.Min(12, expectedHash.Length)]}…, now {plan.TemplateHash[..12]}…); nothing was read. Start the run again to use the new version.")
            {
                Field = "templateHash",
            };
        }

        if (!Operations.Contains(plan.Operation))
        {
            throw InputError.Field("$.template", $"is a {plan.Operation} template: {Name} runs only {string.Join(" and ", Operations.Order())} templates; the state machine sends it to {OtherStep}");
        }

        int previewItems = queries.PreviewItems;
        DateTimeOffset started = Services.Time.GetUtcNow();
        LogStarting(runId, plan.TemplateName, plan.Table, plan.Index, plan.Operation, plan.ReadCeiling, plan.PageLimit);
        QueryRunResult result = await QueryRunner.RunAsync(
            plan,
            queries.Reader,
            page => LogPage(runId, page.Page, page.ScanSegment, page.Limit, page.Items, page.Scanned, page.Consumed, page.CumulativeConsumed, page.WorstCase, page.HasMore),
            cancellationToken).ConfigureAwait(false);
        DateTimeOffset finished = Services.Time.GetUtcNow();
        QueryResultLocation location = await queries.Results.WriteAsync(runId, plan, result, cancellationToken).ConfigureAwait(false);

        var preview = Preview(result.Items, previewItems);
        LogFinished(runId, plan.TemplateName, result.StopReason, result.Pages, result.ItemCount, result.ScannedCount, result.ConsumedUnits, plan.ReadCeiling, location.Bucket, location.Key);
        Publish(plan, result, runId);
        return new RunQueryOutput(
            runId,
            plan.TemplateName,
            plan.TemplateHash,
            plan.Segment,
            plan.SegmentVersion,
            plan.Table,
            plan.Index,
            plan.Operation,
            result.StopReason,
            result.Pages,
            result.ItemCount,
            result.ScannedCount,
            result.ConsumedUnits,
            plan.ReadCeiling,
            plan.RunWorstCase,
            preview,
            preview.Count < result.Items.Count,
            location,
            result.LastEvaluatedKey,
            plan.AuditParameters,
            started,
            finished,
            (long)(finished - started).TotalMilliseconds);
    }

    /// <summary>The first items, at most <paramref name="items"/> and <see cref="MaxPreviewBytes"/> of JSON.</summary>
    public static IReadOnlyList<JsonObject> Preview(IReadOnlyList<JsonObject> all, int items)
    {
        ArgumentNullException.ThrowIfNull(all);
        List<JsonObject> preview = [];
        int bytes = 0;
        foreach (JsonObject item in all.Take(items))
        {
            bytes += Encoding.UTF8.GetByteCount(item.ToJsonString());
            if (bytes > MaxPreviewBytes)
            {
                break;
            }

            preview.Add((JsonObject)item.DeepClone());
        }

        return preview;
    }

    private void Publish(QueryPlan plan, QueryRunResult result, string runId)
    {
        string ns = IncidentMetrics.Namespace();
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["runId"] = runId,
            ["tableName"] = plan.Table,
            ["indexName"] = plan.Index ?? string.Empty,
            ["stopReason"] = result.StopReason.ToString(),
        };
        MetricDatum[] metrics =
        [
            new("QueryRuns", 1),
            new("QueryConsumedReadUnits", result.ConsumedUnits),
            new("QueryCeilingHits", result.StopReason == StopReason.CeilingReached ? 1 : 0),
        ];
        Services.Metrics.Publish(new MetricBatch(ns, new Dictionary<string, string> { ["Template"] = plan.TemplateName }, metrics, properties));
        Services.Metrics.Publish(new MetricBatch(ns, new Dictionary<string, string> { ["Segment"] = plan.Segment }, metrics, properties));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: {Template} on {Table} (index {Index}), {Operation}, ceiling {ReadCeiling} RCU, at most {PageLimit} pages")]
    private partial void LogStarting(string runId, string template, string table, string? index, QueryOperation operation, double readCeiling, int pageLimit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} page {Page} (scan segment {ScanSegment}): limit {Limit}, {Items} items of {Scanned} read, {Consumed} RCU ({CumulativeConsumed} so far, page worst case {WorstCase}), more {HasMore}")]
    private partial void LogPage(string runId, int page, int? scanSegment, int limit, int items, int scanned, double consumed, double cumulativeConsumed, double worstCase, bool hasMore);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: {Template} stopped {StopReason} after {Pages} pages, {Items} items of {Scanned} read, {Consumed} of {ReadCeiling} RCU; result s3://{Bucket}/{Key}")]
    private partial void LogFinished(string runId, string template, StopReason stopReason, int pages, int items, int scanned, double consumed, double readCeiling, string bucket, string key);
}
