using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Core.Queries;
using Automation.Functions.Contracts.Incidents;
using Automation.Functions.Mapping;

namespace Automation.Functions.Contracts.QueryRunbook;

/// <summary>ValidateQuery's output: the checked request, and the plan as an operator reads it.</summary>
/// <param name="Request">The request, validated (later steps check it again).</param>
/// <param name="Explanation">Table/index, expressions with their (masked) values, worst-case cost per page and run.</param>
/// <param name="Rendered">The same as text, for the console.</param>
/// <param name="Explain">True: the execution ends here with the explanation; nothing is read.</param>
public sealed record ValidateQueryOutput(QueryRunRequest Request, QueryExplanation Explanation, string Rendered, bool Explain);

/// <summary>
/// CheckQuerySchema's input: the request and DescribeTable's <c>Table</c> as the aws-sdk integration returns it (fresh,
/// read just before the run).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CheckQuerySchemaInput(QueryRunRequest? Request = null, RawTableKeys? Table = null);

/// <summary>CheckQuerySchema's output: the table matches the segment file's schema.</summary>
/// <param name="Segment">The segment checked.</param>
/// <param name="SegmentVersion">Its file version.</param>
/// <param name="Table">The table.</param>
/// <param name="IndexesChecked">The segment's declared indexes, all present with the declared keys.</param>
public sealed record CheckQuerySchemaOutput(string Segment, int SegmentVersion, string Table, IReadOnlyList<string> IndexesChecked);

/// <summary>RunQuery's input: the run id, the request, and the hash of the template ValidateQuery showed.</summary>
/// <param name="RunId">The execution's name (results object key, audit key).</param>
/// <param name="Request">The request; RunQuery plans it again from its own runbooks.</param>
/// <param name="TemplateHash">The hash ValidateQuery planned with: a different template now (a deploy mid-run) is refused.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RunQueryInput(string? RunId = null, QueryRunRequest? Request = null, string? TemplateHash = null);

/// <summary>What one run read, small enough for the execution's state: counts, cost, stop reason, a preview, where the rest is.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Template">The template.</param>
/// <param name="TemplateHash">Its hash.</param>
/// <param name="Segment">Its segment.</param>
/// <param name="SegmentVersion">The segment file's version.</param>
/// <param name="Table">The table read.</param>
/// <param name="Index">The index read, or null.</param>
/// <param name="Operation">Query, GetItem or Scan.</param>
/// <param name="StopReason">Completed, PageLimitReached or CeilingReached.</param>
/// <param name="Pages">Pages read.</param>
/// <param name="ItemCount">Items returned (after any filter).</param>
/// <param name="ScannedCount">Items read (before the filter: what was paid for).</param>
/// <param name="ConsumedReadUnits">Read units consumed; never more than <paramref name="ReadCeiling"/>.</param>
/// <param name="ReadCeiling">The template's declared ceiling.</param>
/// <param name="WorstCasePerRun">The most the run could have consumed.</param>
/// <param name="Preview">The first items, masked (DynamoDB JSON), at most QUERY_PREVIEW_ITEMS and 64 KB.</param>
/// <param name="PreviewTruncated">True when the result set has more items than the preview.</param>
/// <param name="Result">The full masked result set in S3.</param>
/// <param name="LastEvaluatedKey">Where the run stopped when more remained (masked), or null.</param>
/// <param name="Parameters">The parameters as audited (masked where sensitive).</param>
/// <param name="StartedAt">First page requested.</param>
/// <param name="FinishedAt">Last page read.</param>
/// <param name="DurationMs">Reading time.</param>
public sealed record RunQueryOutput(
    string RunId,
    string Template,
    string TemplateHash,
    string Segment,
    int SegmentVersion,
    string Table,
    string? Index,
    QueryOperation Operation,
    StopReason StopReason,
    int Pages,
    int ItemCount,
    int ScannedCount,
    double ConsumedReadUnits,
    double ReadCeiling,
    double WorstCasePerRun,
    IReadOnlyList<JsonObject> Preview,
    bool PreviewTruncated,
    QueryResultLocation Result,
    JsonObject? LastEvaluatedKey,
    IReadOnlyDictionary<string, string> Parameters,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    long DurationMs);

/// <summary>RecordQueryRun's input: the run to put on the record.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RecordQueryRunInput(
    string? RunId = null,
    string? ExecutionArn = null,
    DateTimeOffset? StartedAt = null,
    QueryRunRequest? Request = null,
    RunQueryOutput? Run = null);

/// <summary>RecordQueryRun's output.</summary>
/// <param name="RunId">The run.</param>
/// <param name="AuditRecorded">True when this call wrote the audit item (false: a retry found it written).</param>
/// <param name="IncidentId">The incident whose timeline got the run, or null.</param>
/// <param name="Flags">What the run says about its template against the template's earlier runs (also on the audit item).</param>
public sealed record RecordQueryRunOutput(string RunId, bool AuditRecorded, string? IncidentId, IReadOnlyList<QueryRunFlag>? Flags = null);

/// <summary>One feedback flag of a query run (Core/Tuning/QueryFeedback), with its numbers.</summary>
/// <param name="Flag"><c>NearReadCeiling</c> (the run consumed at least 80 % of its read ceiling) or <c>CostDrift</c>
/// (the template's latest runs cost more than 1.5 × the runs before them, on average).</param>
/// <param name="Value">The run's consumed read units (NearReadCeiling) or the recent runs' mean (CostDrift).</param>
/// <param name="Reference">The read ceiling (NearReadCeiling) or the earlier runs' mean (CostDrift).</param>
/// <param name="Ratio">Value ÷ Reference.</param>
/// <param name="RunIds">The runs behind it (this run; for CostDrift the recent runs, this one last).</param>
/// <param name="Message">One sentence with the numbers.</param>
public sealed record QueryRunFlag(string Flag, double Value, double Reference, double Ratio, IReadOnlyList<string> RunIds, string Message);

/// <summary>
/// RecordQueryFailure's input, from a Catch: the execution's own input as it was (it may be what failed validation),
/// the step that failed and the caught error.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RecordQueryFailureInput(
    string? RunId = null,
    string? ExecutionArn = null,
    DateTimeOffset? StartedAt = null,
    JsonElement? Request = null,
    string? FailedStep = null,
    StepFunctionsError? Error = null);

/// <summary>RecordQueryFailure's output: the error and its message, for the Fail state that ends the execution.</summary>
/// <param name="Recorded">True when the audit item was written by this call.</param>
/// <param name="Status">Refused (nothing was read) or Failed.</param>
/// <param name="Error">The error name (the execution's error).</param>
/// <param name="Cause">The error's message (the execution's cause), naming the field for bad input.</param>
/// <param name="Pages">Pages read before the failure (0 for a refusal), as recorded.</param>
/// <param name="ConsumedReadUnits">Read units charged before the failure (0 for a refusal), as recorded.</param>
public sealed record RecordQueryFailureOutput(bool Recorded, QueryRunStatus Status, string Error, string Cause, int Pages = 0, double ConsumedReadUnits = 0);
