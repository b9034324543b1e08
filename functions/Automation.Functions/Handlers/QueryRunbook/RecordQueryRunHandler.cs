using System.Globalization;
using System.Text.Json.Nodes;
using Automation.Core.Queries;
using Automation.Core.Tuning;
using Automation.Functions.Aws;
using Automation.Functions.Contracts.QueryRunbook;
using Automation.Functions.Handlers.Incidents;
using Automation.Functions.Metrics;

namespace Automation.Functions.Handlers.QueryRunbook;

/// <summary>
/// <c>RecordQueryRun</c>: puts the run on the record — one audit item per run (QUERY_AUDIT_TABLE, written once, so a
/// retry neither duplicates nor overwrites it) and, when the request names an incident, an entry on its timeline: who,
/// why, the template and its hash, the masked parameters, pages, items, consumed read units, stop reason, duration and
/// where the result set is. Feedback (issue 12): the template's earlier runs (ByTemplate GSI: same template and segment,
/// the latest <see cref="QueryFeedback.LookBackRuns"/> succeeded runs started before this one) are read, and
/// <see cref="QueryFeedback.ForRun"/>'s flags (near the read ceiling, cost drifting up) are stored on the audit item,
/// returned, and published as EMF <c>QueryRunbookFlags</c> (Segment, Flag).
/// </summary>
public sealed partial class RecordQueryRunHandler(StepServices services, IncidentStoreProvider incidents, QueryRunbookProvider queries)
    : StepHandler<RecordQueryRunInput, RecordQueryRunOutput>(services)
{
    public const string StepName = "RecordQueryRun";

    /// <summary>The incident timeline entry's step name (with the template appended).</summary>
    public const string TimelineStep = "QueryRunbook";

    public override string Name => StepName;

    /// <summary>The timeline entry's step name for a run of <paramref name="template"/>, within the incident's step-name limit.</summary>
    public static string TimelineStepFor(string? template)
    {
        string step = $"{TimelineStep} {template ?? "(no template)"}";
        return step.Length <= StepInput.MaxStepNameLength ? step : step[..StepInput.MaxStepNameLength];
    }

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.ConditionalItemWrites;

    protected override async Task<RecordQueryRunOutput> RunAsync(RecordQueryRunInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        string runId = StepInput.Text(input.RunId, "runId", 80);
        ExecutionLink execution = ExecutionLink.FromArn(input.ExecutionArn);
        DateTimeOffset startedAt = StepInput.Required(input.StartedAt, "startedAt");
        ValidQueryRequest request = StepInput.Required(input.Request, "request").Validate();
        RunQueryOutput run = StepInput.Required(input.Run, "run");

        var record = new QueryAuditRecord(
            runId,
            execution.ExecutionArn,
            QueryRunStatus.Succeeded,
            request.RequestedBy,
            request.Reason,
            request.IncidentId,
            request.Ticket,
            run.Template,
            run.TemplateHash,
            run.Segment,
            run.SegmentVersion,
            run.Table,
            run.Index,
            run.Operation,
            run.Parameters,
            run.Pages,
            run.ItemCount,
            run.ScannedCount,
            run.ConsumedReadUnits,
            run.ReadCeiling,
            run.StopReason,
            startedAt,
            Services.Time.GetUtcNow(),
            run.DurationMs,
            run.Result.Bucket,
            run.Result.Key,
            null,
            null);
        // Feedback: the template's earlier runs (same template and segment, the latest LookBackRuns before this one).
        IReadOnlyList<QueryAuditRecord> earlier = run.Template is { Length: > 0 } template && run.Segment is { Length: > 0 } segment
            ? await queries.Audit.RecentRunsAsync(template, segment, startedAt, QueryFeedback.LookBackRuns, cancellationToken).ConfigureAwait(false)
            : [];
        record = record with { Flags = QueryFeedback.ForRun(record, earlier) };
        bool written = await queries.Audit.RecordAsync(record, cancellationToken).ConfigureAwait(false);
        if (written)
        {
            PublishFlags(record);
        }

        foreach (QueryFeedbackFlag flag in record.Flags)
        {
            LogFlagged(runId, run.Template, flag.Kind.ToString(), flag.Message);
        }

        if (request.IncidentId is { } incidentId)
        {
            var entry = new TimelineEntry(
                TimelineStepFor(run.Template),
                IncidentTimestamps.Normalize(run.StartedAt),
                run.DurationMs,
                true,
                string.Create(CultureInfo.InvariantCulture, $"{request.RequestedBy} ran {run.Template} ({request.Reason}): {run.ItemCount} items, {run.ConsumedReadUnits} of {run.ReadCeiling} RCU, {run.StopReason}; s3://{run.Result.Bucket}/{run.Result.Key}"),
                BoundedJson.Text(Summary(runId, request, run).ToJsonString(), BoundedJson.TimelineFieldBytes),
                null,
                null);
            await incidents.Store.AppendTimelineAsync(incidentId, entry, cancellationToken).ConfigureAwait(false);
        }

        LogRecorded(runId, run.Template, request.RequestedBy, written, request.IncidentId);
        return new RecordQueryRunOutput(runId, written, request.IncidentId, [.. record.Flags.Select(Output)]);
    }

    /// <summary>A flag as the step's output (and the execution's) shows it.</summary>
    public static QueryRunFlag Output(QueryFeedbackFlag flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        double ratio = flag.Reference > 0 ? Math.Round(flag.Value / flag.Reference, 4) : 0;
        return new QueryRunFlag(flag.Kind.ToString(), flag.Value, flag.Reference, ratio, flag.RunIds, flag.Message);
    }

    /// <summary>EMF <c>QueryRunbookFlags</c> (Count), dimensions Segment and Flag: one per flag of a newly recorded run.</summary>
    private void PublishFlags(QueryAuditRecord record)
    {
        if (record.Flags.Count == 0 || record.Segment is not { Length: > 0 } segment)
        {
            return;
        }

        string ns = IncidentMetrics.Namespace();
        foreach (QueryFeedbackFlag flag in record.Flags)
        {
            var properties = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["runId"] = record.RunId,
                ["template"] = flag.TemplateName,
                ["value"] = flag.Value.ToString("0.###", CultureInfo.InvariantCulture),
                ["reference"] = flag.Reference.ToString("0.###", CultureInfo.InvariantCulture),
            };
            Services.Metrics.Publish(new MetricBatch(
                ns,
                new Dictionary<string, string>(StringComparer.Ordinal) { ["Segment"] = segment, ["Flag"] = flag.Kind.ToString() },
                [new MetricDatum(FlagsMetric, 1)],
                properties));
        }
    }

    /// <summary>The EMF metric of query-runbook feedback flags.</summary>
    public const string FlagsMetric = "QueryRunbookFlags";

    /// <summary>The run as the incident timeline keeps it (JSON).</summary>
    public static JsonObject Summary(string runId, ValidQueryRequest request, RunQueryOutput run)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(run);
        var parameters = new JsonObject();
        foreach (var (name, value) in run.Parameters)
        {
            parameters[name] = value;
        }

        return new JsonObject
        {
            ["runId"] = runId,
            ["requestedBy"] = request.RequestedBy,
            ["reason"] = request.Reason,
            ["template"] = run.Template,
            ["templateHash"] = run.TemplateHash,
            ["segment"] = run.Segment,
            ["segmentVersion"] = run.SegmentVersion,
            ["table"] = run.Table,
            ["index"] = run.Index,
            ["parameters"] = parameters,
            ["stopReason"] = run.StopReason.ToString(),
            ["pages"] = run.Pages,
            ["items"] = run.ItemCount,
            ["scanned"] = run.ScannedCount,
            ["consumedReadUnits"] = run.ConsumedReadUnits,
            ["readCeiling"] = run.ReadCeiling,
            ["durationMs"] = run.DurationMs,
            ["result"] = $"s3://{run.Result.Bucket}/{run.Result.Key}",
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} of {Template} flagged {Flag}: {Message}")]
    private partial void LogFlagged(string runId, string template, string flag, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of {Template} by {RequestedBy} recorded (audit written {Written}, incident {IncidentId})")]
    private partial void LogRecorded(string runId, string template, string requestedBy, bool written, string? incidentId);
}
