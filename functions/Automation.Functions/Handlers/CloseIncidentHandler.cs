using System.Text.Json;
using Automation.Core.Incidents;
using Automation.Core.Incidents.Contracts;
using Automation.Functions.Aws;
using Automation.Functions.Host;
using Microsoft.Extensions.Logging;

namespace Automation.Functions.Handlers;

/// <summary>
/// <c>CloseIncident</c>: ends the incident with its final status and verification, computes the
/// time to mitigate, and emits the incident metrics (once: a retry that finds it closed emits nothing).
/// </summary>
public sealed partial class CloseIncidentHandler(StepServices services, IncidentStoreProvider incidents) : IStepHandler
{
    private readonly ILogger _logger = services.Loggers.CreateLogger<CloseIncidentHandler>();

    public string Name => "CloseIncident";

    public async Task<string> HandleAsync(string inputJson, InvocationContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (incidentId, status, verification, outcome) = IncidentInputs.Parse(inputJson, IncidentJsonContext.Default.CloseIncidentInput).Validate();

        var update = await new IncidentRecorder(incidents.Store, services.Time)
            .CloseAsync(incidentId, status, verification, outcome, cancellationToken).ConfigureAwait(false);
        var incident = update.Incident;
        if (update.Changed)
        {
            IncidentMetrics.Publish(services.Metrics, incident);
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
        return JsonSerializer.Serialize(output, IncidentJsonContext.Default.CloseIncidentOutput);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId} on table {TableName} closed as {Status} (diagnosis {DiagnosisKind}, time to mitigate {TimeToMitigateMs} ms, {ActionsApplied} actions applied, already closed {AlreadyClosed})")]
    private partial void LogClosed(string incidentId, string tableName, IncidentStatus status, string? diagnosisKind, long? timeToMitigateMs, int actionsApplied, bool alreadyClosed);
}
