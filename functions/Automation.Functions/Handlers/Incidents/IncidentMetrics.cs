using Automation.Functions.Metrics;

namespace Automation.Functions.Handlers.Incidents;

/// <summary>
/// The business metrics of a closed incident, as EMF documents: incidents closed by diagnosis and
/// by final status, time to mitigate, actions applied. Table names go in properties, not
/// dimensions, to keep the metric count (and its cost) independent of how many tables there are.
/// </summary>
public static class IncidentMetrics
{
    public const string NamespaceVariable = "POWERTOOLS_METRICS_NAMESPACE";
    public const string DefaultNamespace = "DynamoDBRunbookAutomation";
    public const string Undiagnosed = "Undiagnosed";

    /// <summary>The EMF namespace of the suite's business metrics (POWERTOOLS_METRICS_NAMESPACE, else the default).</summary>
    public static string Namespace() =>
        Environment.GetEnvironmentVariable(NamespaceVariable) is { Length: > 0 } configured ? configured : DefaultNamespace;

    public static IReadOnlyList<MetricBatch> ForClosed(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var ns = Namespace();
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["incidentId"] = incident.IncidentId,
            ["tableName"] = incident.TableName,
            ["status"] = incident.Status.ToString(),
            ["executionArn"] = incident.Execution.ExecutionArn,
        };

        List<MetricDatum> byDiagnosis =
        [
            new("IncidentsClosed", 1),
            new("ActionsApplied", incident.ActionsApplied),
        ];
        if (incident.TimeToMitigateMs is { } ttm)
        {
            byDiagnosis.Add(new MetricDatum("TimeToMitigate", ttm, "Milliseconds"));
        }

        return
        [
            new MetricBatch(ns, new Dictionary<string, string> { ["DiagnosisKind"] = incident.Diagnosis?.Kind ?? Undiagnosed }, byDiagnosis, properties),
            new MetricBatch(ns, new Dictionary<string, string> { ["Status"] = incident.Status.ToString() }, [new("IncidentsClosed", 1)], properties),
        ];
    }

    public static void Publish(IMetricsWriter metrics, Incident incident)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        foreach (var batch in ForClosed(incident))
        {
            metrics.Publish(batch);
        }
    }
}
