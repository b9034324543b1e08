using System.Text;
using System.Text.Json;

using Automation.Core.Facts;
using Automation.Core.Segments;

namespace Automation.Core.Alarms;

/// <summary>A CloudWatch dashboard: PutDashboard's name and body (JSON text).</summary>
public sealed record DashboardSpec(string DashboardName, string DashboardBody);

/// <summary>
/// The dashboard of one segment (table or index): throttles by reason, consumed vs provisioned capacity (units per
/// second), p99 latency per hot operation (table segments), each GSI's throttles and consumed units (table segments,
/// when the table's facts are given), this segment's incidents and time to mitigate, triage verdicts, threshold
/// tuning, and the segment's query-runbook consumed read units (namespace <c>DynamoDBRunbookAutomation</c>). Its
/// first widget is a text widget whose last line is the <see cref="DashboardMarker"/> (what makes the dashboard the
/// suite's, for <see cref="DashboardReconciler"/>). Pure; the body is the CloudWatch dashboard body structure.
/// </summary>
public static class DashboardBuilder
{
    /// <summary>The suite's EMF namespace (Handlers/Incidents/IncidentMetrics.DefaultNamespace).</summary>
    public const string SuiteNamespace = "DynamoDBRunbookAutomation";

    /// <summary>CloudWatch's longest dashboard name.</summary>
    public const int MaxNameLength = 255;

    /// <summary>The most metrics CloudWatch draws in one graph widget.</summary>
    public const int MaxMetricsPerWidget = 500;

    /// <summary>The most metrics CloudWatch draws on one dashboard (all widgets).</summary>
    public const int MaxMetricsPerDashboard = 2500;

    /// <summary>The largest dashboard body (UTF-8 bytes) this builder allows itself: CloudWatch refuses bodies over 1 MB.</summary>
    public const int MaxBodyBytes = 1_000_000;

    /// <summary>Metric names of the suite's EMF (kept here so Core does not reference the handlers).</summary>
    public const string IncidentsClosedMetric = "IncidentsClosed";

    /// <summary><see cref="IncidentsClosedMetric"/>'s sibling: ms from the alarm to the verified mitigation.</summary>
    public const string TimeToMitigateMetric = "TimeToMitigate";

    /// <summary>threshold-tuning's metrics (dimension <c>Segment</c> = the segment name).</summary>
    public const string ThresholdChangesMetric = "ThresholdChanges";

    /// <summary>Percent of the tuning window's classified incidents that were false alarms.</summary>
    public const string FalseAlarmRateMetric = "FalseAlarmRate";

    /// <summary>Mean time to mitigate over the tuning window (ms).</summary>
    public const string TuningWindowTimeToMitigateMetric = "TuningWindowTimeToMitigate";

    /// <summary>alarm-triage's verdict count (dimensions <c>Segment</c> = table or table/index, and <c>Verdict</c>).</summary>
    public const string TriageVerdictsMetric = "TriageVerdicts";

    private static readonly AlarmKind[] ThrottleKinds =
    [
        AlarmKind.ReadThrottleEvents, AlarmKind.WriteThrottleEvents,
        AlarmKind.ReadKeyRangeThroughputThrottleEvents, AlarmKind.WriteKeyRangeThroughputThrottleEvents,
        AlarmKind.ReadProvisionedThroughputThrottleEvents, AlarmKind.WriteProvisionedThroughputThrottleEvents,
        AlarmKind.ReadMaxOnDemandThroughputThrottleEvents, AlarmKind.WriteMaxOnDemandThroughputThrottleEvents,
        AlarmKind.ReadAccountLimitThrottleEvents, AlarmKind.WriteAccountLimitThrottleEvents,
    ];

    /// <summary>
    /// The dashboard name of a segment: <c>&lt;prefix&gt;&lt;segment&gt;</c> with every character CloudWatch does not allow
    /// in a dashboard name (only letters, digits, <c>-</c> and <c>_</c>) replaced by <c>_</c>.
    /// </summary>
    public static string Name(string prefix, string segment)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(segment);
        var b = new StringBuilder();
        foreach (char c in prefix + segment)
        {
            b.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        return b.Length <= MaxNameLength ? b.ToString() : b.ToString(0, MaxNameLength);
    }

    /// <summary>
    /// The triage <c>Segment</c> dimension of a resource: the table, or <c>table/index</c> (TriageHandler's value).
    /// </summary>
    public static string TriageSegment(string table, string? index) => index is null ? table : $"{table}/{index}";

    /// <summary>
    /// The dashboard of <paramref name="segment"/> (null for a key-prefix segment, which has no alarms).
    /// <paramref name="managedBy"/> (the stack) puts the <see cref="DashboardMarker"/> in the body; <paramref name="table"/>
    /// (the described table of a table segment) adds a widget per GSI for throttles and consumed units.
    /// </summary>
    public static DashboardSpec? Build(string prefix, SegmentDefinition segment, string region, string metricsNamespace = SuiteNamespace,
        string? managedBy = null, TableFacts? table = null)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(region);
        if (segment.Alarms is not { } settings || segment.Covers.KeyPrefix is not null)
        {
            return null;
        }

        string tableName = segment.Covers.Table;
        string? index = segment.Covers.Index;
        int period = settings.PeriodSeconds;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartArray("widgets");
            int y = 0;
            string marker = managedBy is null ? string.Empty : "\n\n" + DashboardMarker.Format(managedBy, segment.Name);
            Text(w, ref y, $"# {segment.Name} (v{segment.Version})\n{segment.Description} Table **{tableName}**{(index is null ? string.Empty : $", index **{index}**")}. "
                + $"Alarms and this dashboard are kept by alarm-reconcile from runbooks/{segment.Source}; changes made here are overwritten." + marker);
            Graph(w, ref y, 0, "Throttled events by reason (count per period)", region, period, "Sum", ThrottleKinds.Select(k =>
                (Dynamo(AlarmKinds.MetricName(k), tableName, index), (string?)null, k.ToString(), (string?)null)).ToList());
            Graph(w, ref y, 12, "Consumed vs provisioned (units/s)", region, period, null,
            [
                (Dynamo("ConsumedReadCapacityUnits", tableName, index), "cr", "consumed read (Sum)", "Sum"),
                (Dynamo("ConsumedWriteCapacityUnits", tableName, index), "cw", "consumed write (Sum)", "Sum"),
                (Dynamo("ProvisionedReadCapacityUnits", tableName, index), null, "provisioned read", "Average"),
                (Dynamo("ProvisionedWriteCapacityUnits", tableName, index), null, "provisioned write", "Average"),
            ], ["cr / PERIOD(cr)", "cw / PERIOD(cw)"], ["consumed read", "consumed write"]);
            y += 6;
            if (index is null)
            {
                Graph(w, ref y, 0, "SuccessfulRequestLatency p99 (ms) per hot operation", region, period, "p99",
                    [.. settings.LatencyOperations.Select(o => (new[] { "AWS/DynamoDB", "SuccessfulRequestLatency", "TableName", tableName, "Operation", o }, (string?)null, o, (string?)null))]);
            }
            else
            {
                Graph(w, ref y, 0, "Consumed capacity (count per period)", region, period, "Sum",
                [
                    (Dynamo("ConsumedReadCapacityUnits", tableName, index), null, "read", null),
                    (Dynamo("ConsumedWriteCapacityUnits", tableName, index), null, "write", null),
                ]);
            }

            Graph(w, ref y, 12, "Query-runbook consumed read units (this segment)", region, 300, "Sum",
                [(new[] { metricsNamespace, "QueryConsumedReadUnits", "Segment", segment.Name }, null, "consumed read units", null),
                 (new[] { metricsNamespace, "QueryRuns", "Segment", segment.Name }, null, "runs", null)]);
            y += 6;
            if (index is null && table is { GlobalSecondaryIndexes.Count: > 0 } facts
                && string.Equals(facts.TableName, tableName, StringComparison.Ordinal))
            {
                string[] gsis = [.. facts.GlobalSecondaryIndexes.Select(g => g.IndexName).Take(MaxMetricsPerWidget / 2)];
                Graph(w, ref y, 0, "Each GSI: throttled read and write events (count per period)", region, period, "Sum",
                    [.. gsis.SelectMany(g => new[]
                    {
                        (Dynamo("ReadThrottleEvents", tableName, g), (string?)null, $"{g} read", (string?)null),
                        (Dynamo("WriteThrottleEvents", tableName, g), (string?)null, $"{g} write", (string?)null),
                    })]);
                Graph(w, ref y, 12, "Each GSI: consumed read and write units (count per period)", region, period, "Sum",
                    [.. gsis.SelectMany(g => new[]
                    {
                        (Dynamo("ConsumedReadCapacityUnits", tableName, g), (string?)null, $"{g} read", (string?)null),
                        (Dynamo("ConsumedWriteCapacityUnits", tableName, g), (string?)null, $"{g} write", (string?)null),
                    })]);
                y += 6;
            }

            string name = segment.Name;
            Search(w, ref y, 0, "Incidents closed by status (this segment)", region,
                $"SEARCH('{{{metricsNamespace},Segment,Status}} MetricName=\"{IncidentsClosedMetric}\" Segment=\"{name}\"', 'Sum', 3600)");
            Graph(w, ref y, 12, "Time to mitigate (ms, this segment)", region, 3600, null,
            [
                (new[] { metricsNamespace, TimeToMitigateMetric, "Segment", name }, null, "per incident (max)", "Maximum"),
                (new[] { metricsNamespace, TimeToMitigateMetric, "Segment", name }, null, "per incident (average)", "Average"),
                (new[] { metricsNamespace, TuningWindowTimeToMitigateMetric, "Segment", name }, null, "tuning window mean", "Average"),
            ]);
            y += 6;
            Search(w, ref y, 0, "Triage verdicts (latency and error alarms)", region,
                $"SEARCH('{{{metricsNamespace},Segment,Verdict}} MetricName=\"{TriageVerdictsMetric}\" Segment=\"{TriageSegment(tableName, index)}\"', 'Sum', 3600)");
            Graph(w, ref y, 12, "Threshold tuning: changes and false-alarm rate (%)", region, 3600, null,
            [
                (new[] { metricsNamespace, ThresholdChangesMetric, "Segment", name }, null, "threshold changes", "Sum"),
                (new[] { metricsNamespace, FalseAlarmRateMetric, "Segment", name }, null, "false-alarm rate (%)", "Average"),
            ]);
            y += 6;
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return new DashboardSpec(Name(prefix, segment.Name), Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static string[] Dynamo(string metric, string table, string? index) =>
        index is null ? ["AWS/DynamoDB", metric, "TableName", table] : ["AWS/DynamoDB", metric, "TableName", table, "GlobalSecondaryIndexName", index];

    private static void Text(Utf8JsonWriter w, ref int y, string markdown)
    {
        w.WriteStartObject();
        w.WriteString("type", "text");
        w.WriteNumber("x", 0);
        w.WriteNumber("y", y);
        w.WriteNumber("width", 24);
        w.WriteNumber("height", 3);
        w.WriteStartObject("properties");
        w.WriteString("markdown", markdown);
        w.WriteEndObject();
        w.WriteEndObject();
        y += 3;
    }

    private static void Graph(Utf8JsonWriter w, ref int y, int x, string title, string region, int period, string? stat,
        IReadOnlyList<(string[] Metric, string? Id, string Label, string? Stat)> metrics, string[]? expressions = null, string[]? labels = null)
    {
        w.WriteStartObject();
        w.WriteString("type", "metric");
        w.WriteNumber("x", x);
        w.WriteNumber("y", y);
        w.WriteNumber("width", 12);
        w.WriteNumber("height", 6);
        w.WriteStartObject("properties");
        w.WriteString("title", title);
        w.WriteString("region", region);
        w.WriteString("view", "timeSeries");
        w.WriteBoolean("stacked", false);
        w.WriteNumber("period", period);
        if (stat is not null)
        {
            w.WriteString("stat", stat);
        }

        w.WriteStartArray("metrics");
        for (int i = 0; expressions is not null && i < expressions.Length; i++)
        {
            w.WriteStartArray();
            w.WriteStartObject();
            w.WriteString("expression", expressions[i]);
            w.WriteString("label", labels![i]);
            w.WriteString("id", $"e{i}");
            w.WriteEndObject();
            w.WriteEndArray();
        }

        foreach ((string[] metric, string? id, string label, string? s) in metrics)
        {
            w.WriteStartArray();
            foreach (string part in metric)
            {
                w.WriteStringValue(part);
            }

            w.WriteStartObject();
            w.WriteString("label", label);
            if (id is not null)
            {
                w.WriteString("id", id);
                w.WriteBoolean("visible", false);
            }

            if (s is not null)
            {
                w.WriteString("stat", s);
            }

            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Search(Utf8JsonWriter w, ref int y, int x, string title, string region, string expression)
    {
        w.WriteStartObject();
        w.WriteString("type", "metric");
        w.WriteNumber("x", x);
        w.WriteNumber("y", y);
        w.WriteNumber("width", 12);
        w.WriteNumber("height", 6);
        w.WriteStartObject("properties");
        w.WriteString("title", title);
        w.WriteString("region", region);
        w.WriteString("view", "timeSeries");
        w.WriteNumber("period", 3600);
        w.WriteStartArray("metrics");
        w.WriteStartArray();
        w.WriteStartObject();
        w.WriteString("expression", expression);
        w.WriteString("id", "e0");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        if (x != 0)
        {
            y += 6;
        }
    }
}
