using Automation.Functions.Aws;
using Automation.Functions.Contracts.Incidents;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.Incidents;

/// <summary>
/// <c>CloseIncident</c>: ends the incident with its final status and verification, computes the
/// time to mitigate, and emits the incident metrics (once: a retry that finds it closed emits nothing), per segment
/// too when the bundled runbooks give the table (or index) one.
/// </summary>
public sealed partial class CloseIncidentHandler(StepServices services, IncidentStoreProvider incidents, RunbookCatalogProvider? runbooks = null)
    : StepHandler<CloseIncidentInput, CloseIncidentOutput>(services)
{
    /// <summary>The <c>_HANDLER</c> value that selects this step (template.yaml's <c>Handler</c>).</summary>
    public const string StepName = "CloseIncident";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.ConditionalItemWrites;

    protected override async Task<CloseIncidentOutput> RunAsync(CloseIncidentInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        var (incidentId, status, verification, outcome) = input.Validate();

        var update = await new IncidentRecorder(incidents.Store, Services.Time)
            .CloseAsync(incidentId, status, verification, outcome, cancellationToken).ConfigureAwait(false);
        var incident = update.Incident;
        if (update.Changed)
        {
            IncidentMetrics.Publish(Services.Metrics, incident, IncidentSegments.Of(runbooks, incident, Logger));
        }

        LogClosed(incident.IncidentId, incident.TableName, incident.Status, incident.Diagnosis?.Kind, incident.TimeToMitigateMs, incident.ActionsApplied, !update.Changed);
        var output = new CloseIncidentOutput(
            incident.IncidentId,
            incident.Status,
            incident.ClosedAt,
            incident.TimeToMitigateMs,
            incident.ActionsApplied,
            incident.Diagnosis?.Kind,
            incident.Execution.ConsoleUrl,
            AlreadyClosed: !update.Changed);
        return output;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId} on table {TableName} closed as {Status} (diagnosis {DiagnosisKind}, time to mitigate {TimeToMitigateMs} ms, {ActionsApplied} actions applied, already closed {AlreadyClosed})")]
    private partial void LogClosed(string incidentId, string tableName, IncidentStatus status, string? diagnosisKind, long? timeToMitigateMs, int actionsApplied, bool alreadyClosed);
}
