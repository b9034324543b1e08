using System.Text.Json;
using Automation.Core.Queries;
using Automation.Functions.Aws;
using Automation.Functions.Contracts.QueryRunbook;

namespace Automation.Functions.Handlers.QueryRunbook;

/// <summary>
/// <c>RecordQueryFailure</c>: the target of the query runbook's catch-all. Records the refused or failed run on the audit
/// table (parameter names only: a refused request's values were never checked, so none is stored), adds it to the
/// incident's timeline when the request names an incident that exists, and echoes the error and its message so the
/// Fail state after it ends the execution with them (the message names the field for bad input). A run that failed
/// part-way is recorded with the pages and read units its error's message reports (<see cref="QueryRunProgress"/>).
/// </summary>
public sealed partial class RecordQueryFailureHandler(StepServices services, IncidentStoreProvider incidents, QueryRunbookProvider queries)
    : StepHandler<RecordQueryFailureInput, RecordQueryFailureOutput>(services)
{
    public const string StepName = "RecordQueryFailure";

    /// <summary>Errors raised before anything was read: the run is <see cref="QueryRunStatus.Refused"/>.</summary>
    public static readonly IReadOnlySet<string> RefusalErrors = new HashSet<string>(StringComparer.Ordinal)
    {
        ErrorTypes.InvalidInput, ErrorTypes.InvalidRunbookConfig, ErrorTypes.SchemaDrift, ErrorTypes.TemplateChanged,
        ErrorTypes.IncidentNotFound, ErrorTypes.TableNotFound, ErrorTypes.IndexNotFound,
    };

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.ConditionalItemWrites;

    protected override async Task<RecordQueryFailureOutput> RunAsync(RecordQueryFailureInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        string runId = StepInput.Text(input.RunId, "runId", 80);
        ExecutionLink execution = ExecutionLink.FromArn(input.ExecutionArn);
        DateTimeOffset startedAt = StepInput.Required(input.StartedAt, "startedAt");
        var error = StepInput.Required(input.Error, "error");
        string errorName = StepInput.Text(error.Error, "error.Error", 256);
        string message = FailureCauses.MessageOf(error.Cause) ?? errorName;
        string? step = StepInput.OptionalText(input.FailedStep, "failedStep", StepInput.MaxStepNameLength);
        QueryRunStatus status = RefusalErrors.Contains(errorName) ? QueryRunStatus.Refused : QueryRunStatus.Failed;
        var request = LenientRequest.From(input.Request);
        DateTimeOffset now = Services.Time.GetUtcNow();
        // A run that failed part-way carries what it had read and been charged in its message (QueryRunProgress): only
        // the reading steps' failures are read for it, never a refusal (whose message may quote the request).
        QueryRunProgress progress = (status == QueryRunStatus.Failed && step is RunQueryHandler.StepName or RunBoundedScanHandler.StepName
            ? QueryRunProgress.Find(message)
            : null) ?? new QueryRunProgress(0, 0, 0, 0);

        var record = new QueryAuditRecord(
            runId, execution.ExecutionArn, status, request.RequestedBy, request.Reason, request.IncidentId, request.Ticket,
            request.Template, null, null, null, null, null, null,
            request.ParameterNames.ToDictionary(n => n, _ => QueryPlanner.Masked, StringComparer.Ordinal),
            progress.Pages, progress.Items, progress.Scanned, progress.ConsumedUnits, null, null, startedAt, now, (long)Math.Max(0, (now - startedAt).TotalMilliseconds), null, null,
            errorName, BoundedJson.Text(message, 4096));
        bool written = await queries.Audit.RecordAsync(record, cancellationToken).ConfigureAwait(false);

        if (request.IncidentId is { } incidentId && IncidentIds.IsWellFormed(incidentId)
            && await incidents.Store.GetAsync(incidentId, cancellationToken).ConfigureAwait(false) is not null)
        {
            var entry = new TimelineEntry(
                RecordQueryRunHandler.TimelineStepFor(request.Template),
                IncidentTimestamps.Normalize(startedAt),
                0,
                false,
                $"{request.RequestedBy ?? "(unknown)"}'s query run {status.ToString().ToLowerInvariant()} at {step ?? "the workflow"}: {message}",
                null,
                errorName,
                BoundedJson.Text(error.Cause, BoundedJson.TimelineFieldBytes));
            await incidents.Store.AppendTimelineAsync(incidentId, entry, cancellationToken).ConfigureAwait(false);
        }

        LogFailure(runId, status, errorName, step, message);
        return new RecordQueryFailureOutput(written, status, errorName, message, progress.Pages, progress.ConsumedUnits);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} {Status}: {Error} at {FailedStep}: {Message}")]
    private partial void LogFailure(string runId, QueryRunStatus status, string error, string? failedStep, string message);

    /// <summary>What can be read from a request that may have failed validation: strings where strings are, nothing else.</summary>
    private sealed record LenientRequest(string? Template, string? Reason, string? RequestedBy, string? IncidentId, string? Ticket, IReadOnlyList<string> ParameterNames)
    {
        public static LenientRequest From(JsonElement? request)
        {
            if (request is not { ValueKind: JsonValueKind.Object } body)
            {
                return new LenientRequest(null, null, null, null, null, []);
            }

            string? Text(string name, int max) =>
                body.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                    ? text.Length <= max ? text : text[..max]
                    : null;
            IReadOnlyList<string> names = body.TryGetProperty("parameters", out JsonElement parameters) && parameters.ValueKind == JsonValueKind.Object
                ? [.. parameters.EnumerateObject().Select(p => p.Name.Length <= 128 ? p.Name : p.Name[..128]).Take(50)]
                : [];
            return new LenientRequest(
                Text("template", QueryRunRequest.MaxTemplateLength),
                Text("reason", QueryRunRequest.MaxReasonLength),
                Text("requestedBy", QueryRunRequest.MaxRequesterLength),
                Text("incidentId", 64),
                Text("ticket", QueryRunRequest.MaxTicketLength),
                names);
        }
    }
}
