using System.Text.Json;
using Automation.Core.Incidents;
using Automation.Core.Incidents.Contracts;
using Automation.Functions.Aws;
using Automation.Functions.Host;
using Microsoft.Extensions.Logging;

namespace Automation.Functions.Handlers;

/// <summary>
/// <c>OpenIncident</c>: creates the incident for a trigger, idempotently on its idempotency key.
/// A repeated delivery of the same event gets <c>duplicate: true</c> and must end without acting.
/// </summary>
public sealed partial class OpenIncidentHandler(StepServices services, IncidentStoreProvider incidents) : IStepHandler
{
    private readonly ILogger _logger = services.Loggers.CreateLogger<OpenIncidentHandler>();

    public string Name => "OpenIncident";

    public async Task<string> HandleAsync(string inputJson, InvocationContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (trigger, execution, startedAt) = IncidentInputs.Parse(inputJson, IncidentJsonContext.Default.OpenIncidentInput).Validate();

        var opened = await new IncidentRecorder(incidents.Store, services.Time)
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

        var output = new OpenIncidentOutput(
            incident.IncidentId,
            opened.Duplicate,
            incident.Status,
            incident.OpenedAt,
            incident.Trigger.DryRun,
            incident.Execution.ExecutionArn,
            incident.Execution.ConsoleUrl,
            opened.OnDemandSwitchesLast24h);
        return JsonSerializer.Serialize(output, IncidentJsonContext.Default.OpenIncidentOutput);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId} open for table {TableName} index {IndexName} (key {IdempotencyKey}; {OnDemandSwitches} on-demand switches in 24 h)")]
    private partial void LogOpened(string incidentId, string tableName, string? indexName, string idempotencyKey, int onDemandSwitches);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Duplicate delivery: execution {ExecutionArn} got the trigger of incident {IncidentId}, owned by {OwnerExecutionArn} ({Status}); ending without acting")]
    private partial void LogDuplicate(string incidentId, string executionArn, string ownerExecutionArn, IncidentStatus status);
}
