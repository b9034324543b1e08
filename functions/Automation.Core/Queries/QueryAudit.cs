namespace Automation.Core.Queries;

/// <summary>How a query-runbook execution ended.</summary>
public enum QueryRunStatus
{
    /// <summary>The template ran (whatever its stop reason) and its result set was written.</summary>
    Succeeded,

    /// <summary>Refused before anything was read: bad request, unknown template, key outside the segment, schema drift, broken runbooks.</summary>
    Refused,

    /// <summary>Failed while or after reading (DynamoDB, S3 or the audit itself); what was read is unknown or partial.</summary>
    Failed,
}

/// <summary>
/// One query-runbook execution on the record (the audit table, one item per run; the incident timeline too when the
/// run names an incident): who, why, which template version, with which (masked) parameters, what it read and cost,
/// and where the result set is.
/// </summary>
/// <param name="RunId">The execution's name: unique per state machine, the audit item's key.</param>
/// <param name="ExecutionArn">The execution.</param>
/// <param name="Status">How it ended.</param>
/// <param name="RequestedBy">Who asked (as given in the request).</param>
/// <param name="Reason">Why.</param>
/// <param name="IncidentId">The incident the run belongs to, or null.</param>
/// <param name="Ticket">The ticket, when no incident is named.</param>
/// <param name="TemplateName">The template.</param>
/// <param name="TemplateHash">SHA-256 of the template that ran (<see cref="QueryPlanner.TemplateHash"/>), null when refused before planning.</param>
/// <param name="Segment">The template's segment.</param>
/// <param name="SegmentVersion">The segment file's version.</param>
/// <param name="Table">The table read.</param>
/// <param name="Index">The index read, or null.</param>
/// <param name="Operation">Query, GetItem or Scan.</param>
/// <param name="Parameters">Parameter name → effective value, <see cref="QueryPlanner.Masked"/> where bound to a sensitive attribute; a refused run records names only (value <see cref="QueryPlanner.Masked"/>).</param>
/// <param name="Pages">Pages read.</param>
/// <param name="Items">Items returned.</param>
/// <param name="Scanned">Items read before the filter.</param>
/// <param name="ConsumedUnits">Read units consumed.</param>
/// <param name="ReadCeiling">The template's declared ceiling.</param>
/// <param name="StopReason">Why the run stopped.</param>
/// <param name="StartedAt">When the execution started.</param>
/// <param name="FinishedAt">When it was recorded.</param>
/// <param name="DurationMs">Read duration (from the first to the last page), or the time to the refusal.</param>
/// <param name="ResultBucket">Where the full result set is.</param>
/// <param name="ResultKey">Its object key.</param>
/// <param name="Error">The error name of a refused or failed run.</param>
/// <param name="Cause">Its message.</param>
public sealed record QueryAuditRecord(
    string RunId,
    string ExecutionArn,
    QueryRunStatus Status,
    string? RequestedBy,
    string? Reason,
    string? IncidentId,
    string? Ticket,
    string? TemplateName,
    string? TemplateHash,
    string? Segment,
    int? SegmentVersion,
    string? Table,
    string? Index,
    QueryOperation? Operation,
    IReadOnlyDictionary<string, string> Parameters,
    int Pages,
    int Items,
    int Scanned,
    double ConsumedUnits,
    double? ReadCeiling,
    StopReason? StopReason,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    long DurationMs,
    string? ResultBucket,
    string? ResultKey,
    string? Error,
    string? Cause)
{
    /// <summary>What the run says about its template against the template's earlier runs (<see cref="Tuning.QueryFeedback.ForRun"/>):
    /// near its read ceiling, cost drifting up. Empty for refused and failed runs, and when nothing stands out.</summary>
    public IReadOnlyList<Tuning.QueryFeedbackFlag> Flags { get; init; } = [];
}

/// <summary>The query-runbook audit trail (Automation.Aws: DynamoDbQueryAuditStore).</summary>
public interface IQueryAuditStore
{
    /// <summary>Writes the run's record unless one with its run id exists (a retried step); false when it was already there.</summary>
    Task<bool> RecordAsync(QueryAuditRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// The template's latest succeeded runs of <paramref name="segment"/> started before <paramref name="startedBefore"/>,
    /// newest first, at most <paramref name="limit"/> (the ByTemplate GSI: the feedback loop's bounded look back).
    /// </summary>
    Task<IReadOnlyList<QueryAuditRecord>> RecentRunsAsync(string templateName, string segment, DateTimeOffset startedBefore, int limit, CancellationToken cancellationToken);
}
