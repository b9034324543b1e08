using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.Incidents;

/// <summary>
/// The segment a closed incident is counted in (<see cref="IncidentMetrics.SegmentOf"/> over the bundled runbooks).
/// A broken runbooks folder never stops an incident from closing: the incident is then counted suite-wide only,
/// and the reason is logged.
/// </summary>
public static partial class IncidentSegments
{
    public static string? Of(RunbookCatalogProvider? runbooks, Incident incident, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(logger);
        if (runbooks is null)
        {
            return null;
        }

        try
        {
            return IncidentMetrics.SegmentOf(runbooks.Catalog, incident.TableName, incident.IndexName);
        }
        catch (AutomationException e)
        {
            LogNoSegment(logger, incident.IncidentId, e.ErrorType, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {IncidentId}: no per-segment metrics, the runbooks could not be read ({ErrorType}: {Reason})")]
    private static partial void LogNoSegment(ILogger logger, string incidentId, string errorType, string reason);
}
