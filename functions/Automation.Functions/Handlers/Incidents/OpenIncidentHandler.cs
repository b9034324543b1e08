using Automation.Functions.Aws;
using Automation.Functions.Contracts.Incidents;

namespace Automation.Functions.Handlers.Incidents;

/// <summary>
/// <c>OpenIncident</c>: creates the incident for a trigger, idempotently on its idempotency key.
/// A repeated delivery of the same event gets <c>duplicate: true</c> and must end without acting.
/// </summary>
public sealed partial class OpenIncidentHandler(StepServices services, IncidentStoreProvider incidents)
    : StepHandler<OpenIncidentInput, OpenIncidentOutput>(services)
{
    /// <summary>The <c>_HANDLER</c> value that selects this step (template.yaml's <c>Handler</c>).</summary>
    public const string StepName = "OpenIncident";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.ConditionalItemWrites;

    protected override async Task<OpenIncidentOutput> RunAsync(OpenIncidentInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        var (trigger, execution, startedAt) = input.Validate();
        var opened = await new IncidentRecorder(incidents.Store, Services.Time)
            .OpenAsync(trigger, execution, startedAt, cancellationToken).ConfigureAwait(false);
        var incident = opened.Incident;
        if (opened.Duplicate)
        {
            LogDuplicate(incident.IncidentId, execution.ExecutionArn, incident.Execution.ExecutionArn, incident.Status);
        }
        else
        {
            LogOpened(incident.IncidentId, incident.TableName, incident.IndexName, trigger.IdempotencyKey, opened.OnDemandSwitchesLast24h.Count);
        }

        return new OpenIncidentOutput(
            incident.IncidentId,
            opened.Duplicate,
            incident.Status,
            incident.OpenedAt,
            incident.Trigger.DryRun,
            incident.Execution.ExecutionArn,
            incident.Execution.ConsoleUrl,
            opened.OnDemandSwitchesLast24h);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId} open for table {TableName} index {IndexName} (key {IdempotencyKey}; {OnDemandSwitches} on-demand switches in 24 h)")]
    private partial void LogOpened(string incidentId, string tableName, string? indexName, string idempotencyKey, int onDemandSwitches);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Duplicate delivery: execution {ExecutionArn} got the trigger of incident {IncidentId}, owned by {OwnerExecutionArn} ({Status}); ending without acting")]
    private partial void LogDuplicate(string incidentId, string executionArn, string ownerExecutionArn, IncidentStatus status);
}
