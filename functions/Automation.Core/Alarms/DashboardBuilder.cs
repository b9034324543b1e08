using System.Text;
using System.Text.Json;

using Automation.Core.Segments;

namespace Automation.Core.Alarms;

/// <summary>A CloudWatch dashboard: PutDashboard's name and body (JSON text).</summary>
public sealed record DashboardSpec(string DashboardName, string DashboardBody);

/// <summary>
/// The dashboard of one segment (table or index): throttles by reason, consumed vs provisioned capacity (units per
/// second), p99 latency per hot operation (table segments), the suite's incidents and time to mitigate, and the
/// segment's query-runbook consumed read units (namespace <c>DynamoDBRunbookAutomation</c>). Pure; the body is the
/// CloudWatch dashboard body structure.
/// </summary>
public static class DashboardBuilder
{
    /// <summary>The suite's EMF namespace (Handlers/Incidents/IncidentMetrics.DefaultNamespace).</summary>
    public const string SuiteNamespace = "DynamoDBRunbookAutomation";

    /// <summary>CloudWatch's longest dashboard name.</summary>
    public const int MaxNameLength = 255;

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

    /// <summary>The dashboard of <paramref name="segment"/> (null for a key-prefix segment, which has no alarms).</summary>
    public static DashboardSpec? Build(string prefix, SegmentDefinition segment, string region, string metricsNamespace = SuiteNamespace)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(region);
        if (segment.Alarms is not { } settings || segment.Covers.KeyPrefix is not null)
        {
            return null;
        }

        string table = segment.Covers.Table;
        string? index = segment.Covers.Index;
        int period = settings.PeriodSeconds;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartArray("widgets");
            int y = 0;
            Text(w, ref y, $"# {segment.Name} (v{segment.Version})\n{segment.Description} Table **{table}**{(index is null ? string.Empty : $", index **{index}**")}. "
                + $"Alarms and this dashboard are kept by alarm-reconcile from runbooks/{segment.Source}.");
            Graph(w, ref y, 0, "Throttled events by reason (count per period)", region, period, "Sum", ThrottleKinds.Select(k =>
                (Dynamo(AlarmKinds.MetricName(k), table, index), (string?)null, k.ToString(), (string?)null)).ToList());
            Graph(w, ref y, 12, "Consumed vs provisioned (units/s)", region, period, null,
            [
                (Dynamo("ConsumedReadCapacityUnits", table, index), "cr", "consumed read (Sum)", "Sum"),
                (Dynamo("ConsumedWriteCapacityUnits", table, index), "cw", "consumed write (Sum)", "Sum"),
                (Dynamo("ProvisionedReadCapacityUnits", table, index), null, "provisioned read", "Average"),
                (Dynamo("ProvisionedWriteCapacityUnits", table, index), null, "provisioned write", "Average"),
            ], ["cr / PERIOD(cr)", "cw / PERIOD(cw)"], ["consumed read", "consumed write"]);
            y += 6;
            if (index is null)
            {
                Graph(w, ref y, 0, "SuccessfulRequestLatency p99 (ms) per hot operation", region, period, "p99",
                    [.. settings.LatencyOperations.Select(o => (new[] { "AWS/DynamoDB", "SuccessfulRequestLatency", "TableName", table, "Operation", o }, (string?)null, o, (string?)null))]);
            }
            else
            {
                Graph(w, ref y, 0, "Consumed capacity (count per period)", region, period, "Sum",
                [
                    (Dynamo("ConsumedReadCapacityUnits", table, index), null, "read", null),
                    (Dynamo("ConsumedWriteCapacityUnits", table, index), null, "write", null),
                ]);
            }

            Graph(w, ref y, 12, "Query-runbook consumed read units (this segment)", region, 300, "Sum",
                [(new[] { metricsNamespace, "QueryConsumedReadUnits", "Segment", segment.Name }, null, "consumed read units", null),
                 (new[] { metricsNamespace, "QueryRuns", "Segment", segment.Name }, null, "runs", null)]);
            y += 6;
            Search(w, ref y, 0, "Incidents closed by status (whole suite)", region,
                $"SEARCH('{{{metricsNamespace},Status}} MetricName=\"IncidentsClosed\"', 'Sum', 3600)");
            Search(w, ref y, 12, "Time to mitigate (ms, by diagnosis)", region,
                $"SEARCH('{{{metricsNamespace},DiagnosisKind}} MetricName=\"TimeToMitigate\"', 'Maximum', 3600)");
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
        w.WriteNumber("height", 2);
        w.WriteStartObject("properties");
        w.WriteString("markdown", markdown);
        w.WriteEndObject();
        w.WriteEndObject();
        y += 2;
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
