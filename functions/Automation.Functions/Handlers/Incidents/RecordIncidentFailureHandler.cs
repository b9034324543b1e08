using Automation.Functions.Aws;
using Automation.Functions.Contracts.Incidents;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.Incidents;

/// <summary>
/// <c>RecordIncidentFailure</c>: the target of the state machine's catch-all. Marks the incident
/// Failed with the caught error (opening it first if the failure came before OpenIncident), and
/// echoes the error so the next state, a Fail, ends the execution visibly: no silent success.
/// The echoed <c>cause</c> is the failure's message (a Lambda error document's <c>errorMessage</c>,
/// else the cause's first line), so the execution's cause says what went wrong without a stack trace;
/// the full cause stays in the incident's failure record and the execution history.
/// </summary>
public sealed partial class RecordIncidentFailureHandler(StepServices services, IncidentStoreProvider incidents, RunbookCatalogProvider? runbooks = null)
    : StepHandler<RecordIncidentFailureInput, RecordIncidentFailureOutput>(services)
{
    /// <summary>The <c>_HANDLER</c> value that selects this step (template.yaml's <c>Handler</c>).</summary>
    public const string StepName = "RecordIncidentFailure";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.ConditionalItemWrites;

    protected override async Task<RecordIncidentFailureOutput> RunAsync(RecordIncidentFailureInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        var command = input.Validate();
        var failure = new FailureRecord(
            command.Error,
            FailureCauses.MessageOf(command.Cause),
            BoundedJson.Text(command.Cause, BoundedJson.TimelineFieldBytes),
            command.FailedStep,
            Services.Time.GetUtcNow());
        LogFailure(command.Error, command.FailedStep, failure.Message, command.IncidentId);

        var recorder = new IncidentRecorder(incidents.Store, Services.Time);
        IncidentUpdate? update = null;
        if (command.IncidentId is { } incidentId)
        {
            update = await recorder.RecordFailureAsync(incidentId, failure, cancellationToken).ConfigureAwait(false);
        }
        else if (command.Opening is { } opening)
        {
            update = await recorder.RecordFailureBeforeOpenAsync(opening.Trigger, opening.Execution, opening.StartedAt, failure, cancellationToken)
                .ConfigureAwait(false);
        }

        if (update is null)
        {
            LogNotRecorded(command.Error);
        }
        else if (update.Changed && update.Incident.Status == IncidentStatus.Failed)
        {
            IncidentMetrics.Publish(Services.Metrics, update.Incident, IncidentSegments.Of(runbooks, update.Incident, Logger));
        }

        var output = new RecordIncidentFailureOutput(
            update is not null,
            update?.Incident.IncidentId,
            update?.Incident.Status,
            command.Error,
            failure.Message ?? string.Empty);
        return output;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Workflow failure {Error} in step {FailedStep}: {ErrorMessage} (incident {IncidentId})")]
    private partial void LogFailure(string error, string? failedStep, string? errorMessage, string? incidentId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Failure {Error} came before any incident of this execution existed (or the incident belongs to another execution); it is only in the logs and the execution history")]
    private partial void LogNotRecorded(string error);
}
