using Automation.Functions.Aws;
using Automation.Functions.Contracts.Incidents;

namespace Automation.Functions.Handlers.Incidents;

/// <summary>
/// <c>RecordIncidentStep</c>: appends a step to the incident's timeline and sets what it found
/// (diagnosis, plan, action, verification), or records the approval that resumes the incident.
/// </summary>
public sealed partial class RecordIncidentStepHandler(StepServices services, IncidentStoreProvider incidents)
    : StepHandler<RecordIncidentStepInput, RecordIncidentStepOutput>(services)
{
    /// <summary>The <c>_HANDLER</c> value that selects this step (template.yaml's <c>Handler</c>).</summary>
    public const string StepName = "RecordIncidentStep";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.ConditionalItemWrites;

    protected override async Task<RecordIncidentStepOutput> RunAsync(RecordIncidentStepInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        var command = input.Validate(Services.Time.GetUtcNow());

        var recorded = await new IncidentRecorder(incidents.Store, Services.Time)
            .RecordStepAsync(command.IncidentId, command.Entry, command.Findings, command.ApprovedBy, command.ApprovalComment, cancellationToken)
            .ConfigureAwait(false);
        var incident = recorded.Incident;
        LogRecorded(command.Entry.Step, incident.IncidentId, command.Entry.Ok, command.Entry.DurationMs, incident.Status, recorded.TimelineEntryAdded);
        if (command.ApprovedBy is { } approver)
        {
            LogApproved(incident.IncidentId, approver);
        }

        var output = new RecordIncidentStepOutput(incident.IncidentId, incident.Status, incident.Version, recorded.TimelineEntryAdded);
        return output;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Step {Step} recorded on incident {IncidentId} (ok {Ok}, {DurationMs} ms, status {Status}, new entry {TimelineEntryAdded})")]
    private partial void LogRecorded(string step, string incidentId, bool ok, long durationMs, IncidentStatus status, bool timelineEntryAdded);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId} approved by {ApprovedBy}; resuming")]
    private partial void LogApproved(string incidentId, string approvedBy);
}
