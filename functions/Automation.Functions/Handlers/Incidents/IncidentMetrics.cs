using Automation.Core.Segments;
using Automation.Functions.Metrics;

namespace Automation.Functions.Handlers.Incidents;

/// <summary>
/// The business metrics of a closed incident, as EMF documents: incidents closed by diagnosis and
/// by final status, time to mitigate, actions applied. Table names go in properties, not
/// dimensions, to keep the metric count (and its cost) independent of how many tables there are. When the table (or
/// index) belongs to a segment, the same incident is also counted per segment (dimension <c>Segment</c> = the segment
/// name, as threshold-tuning's metrics): <c>IncidentsClosed</c> and <c>TimeToMitigate</c> by Segment, and
/// <c>IncidentsClosed</c> by Segment and Status — what the segment's dashboard graphs. The number of metrics grows with
/// the number of segment files, not with tables or incidents.
/// </summary>
public static class IncidentMetrics
{
    public const string NamespaceVariable = "POWERTOOLS_METRICS_NAMESPACE";
    public const string DefaultNamespace = "DynamoDBRunbookAutomation";
    public const string Undiagnosed = "Undiagnosed";

    /// <summary>The EMF namespace of the suite's business metrics (POWERTOOLS_METRICS_NAMESPACE, else the default).</summary>
    public static string Namespace() =>
        Environment.GetEnvironmentVariable(NamespaceVariable) is { Length: > 0 } configured ? configured : DefaultNamespace;

    /// <summary>
    /// The segment an incident on <paramref name="table"/> (through <paramref name="index"/>) is counted in: the most
    /// specific table or index segment of the bundled runbooks (an index without its own segment counts in its
    /// table's); null when none covers it (then no per-segment metric is emitted). Key-prefix segments have no
    /// alarms or dashboard and are never chosen.
    /// </summary>
    public static string? SegmentOf(SegmentCatalog catalog, string table, string? index)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        SegmentDefinition? best = null;
        foreach (SegmentDefinition segment in catalog.Segments)
        {
            SegmentScope scope = segment.Covers;
            if (scope.KeyPrefix is not null || !string.Equals(scope.Table, table, StringComparison.Ordinal))
            {
                continue;
            }

            if (scope.Index is null ? best is null : string.Equals(scope.Index, index, StringComparison.Ordinal))
            {
                best = segment;
            }
        }

        return best?.Name;
    }

    public static IReadOnlyList<MetricBatch> ForClosed(Incident incident) => ForClosed(incident, null);

    /// <summary>The suite-wide batches, and the per-segment ones when <paramref name="segment"/> is given.</summary>
    public static IReadOnlyList<MetricBatch> ForClosed(Incident incident, string? segment)
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

        List<MetricBatch> batches =
        [
            new MetricBatch(ns, new Dictionary<string, string> { ["DiagnosisKind"] = incident.Diagnosis?.Kind ?? Undiagnosed }, byDiagnosis, properties),
            new MetricBatch(ns, new Dictionary<string, string> { ["Status"] = incident.Status.ToString() }, [new("IncidentsClosed", 1)], properties),
        ];
        if (!string.IsNullOrEmpty(segment))
        {
            List<MetricDatum> bySegment = [new("IncidentsClosed", 1)];
            if (incident.TimeToMitigateMs is { } segmentTtm)
            {
                bySegment.Add(new MetricDatum("TimeToMitigate", segmentTtm, "Milliseconds"));
            }

            batches.Add(new MetricBatch(ns, new Dictionary<string, string> { ["Segment"] = segment }, bySegment, properties));
            batches.Add(new MetricBatch(ns, new Dictionary<string, string> { ["Segment"] = segment, ["Status"] = incident.Status.ToString() },
                [new("IncidentsClosed", 1)], properties));
        }

        return batches;
    }

    public static void Publish(IMetricsWriter metrics, Incident incident) => Publish(metrics, incident, null);

    /// <summary>Publishes <see cref="ForClosed(Incident, string?)"/>.</summary>
    public static void Publish(IMetricsWriter metrics, Incident incident, string? segment)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        foreach (var batch in ForClosed(incident, segment))
        {
            metrics.Publish(batch);
        }
    }
}
