using System.Text.Json.Nodes;
using Automation.Core.Alarms;
using Automation.Core.Triggers;
using Automation.Tests.Shared;

namespace Automation.Core.Tests.Triggers;

/// <summary>Which runbook an alarm goes to: the suite's marker, the triage metrics, and what stays declined.</summary>
public class TriggerRoutingTests
{
    private const string Prefix = "suite-";
    private const string MarkerLine =
        "[ddb-automation] managed-by=suite; segment=payments@2; table=Payments; index=ByCustomer; kind=WriteThrottleEvents; runbook=throttling-response; base=5/2";

    private static readonly TriggerOptions WithPrefix = new(AlarmTriggeredDryRun: false) { AlarmNamePrefix = Prefix };

    private static JsonNode Fixture(string name) => JsonNode.Parse(File.ReadAllText(RepoPaths.Event("NormalizeTrigger", name)))!;

    /// <summary>The metric-math fixture (no marker) renamed and re-described.</summary>
    private static string MetricMath(string alarmName, string? description) => With(Fixture("not-actionable-metric-math-alarm.json"), alarmName, description);

    private static string SingleMetric(string alarmName, string? description, string metricName = "ThrottledRequests", Dictionary<string, string>? dimensions = null)
    {
        var node = Fixture("table-alarm.json");
        var metric = node["detail"]!["configuration"]!["metrics"]![0]!["metricStat"]!["metric"]!;
        metric["name"] = metricName;
        if (dimensions is not null)
        {
            var obj = new JsonObject();
            foreach (var (k, v) in dimensions)
            {
                obj[k] = v;
            }

            metric["dimensions"] = obj;
        }

        return With(node, alarmName, description);
    }

    private static string With(JsonNode node, string alarmName, string? description)
    {
        node["detail"]!["alarmName"] = alarmName;
        node["resources"] = new JsonArray("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:" + alarmName);
        node["detail"]!["configuration"]!["description"] = description;
        return node.ToJsonString();
    }

    private static NormalizedTrigger Normalize(string json, TriggerOptions? options = null) =>
        TriggerNormalizer.Normalize(json, options ?? WithPrefix);

    [Fact]
    public void Metric_math_alarm_with_the_prefix_and_a_marker_is_read_from_the_marker()
    {
        var result = Normalize(MetricMath("suite-Payments-ByCustomer-writes", "Writes to ByCustomer throttle.\n" + MarkerLine));

        Assert.True(result.Actionable);
        var trigger = result.Trigger!;
        Assert.Equal("Payments", trigger.TableName);
        Assert.Equal("ByCustomer", trigger.IndexName);
        Assert.Equal(AlarmKind.WriteThrottleEvents, trigger.Kind);
        Assert.Equal(AlarmRunbooks.ThrottlingResponse, trigger.Runbook);
        Assert.Equal("WriteThrottleEvents", trigger.MetricName);
        Assert.Null(trigger.Operation);
    }

    [Fact]
    public void Marker_wins_over_the_metric_dimensions_and_carries_operation_and_region()
    {
        const string marker = "[ddb-automation] managed-by=suite; segment=payments@2; table=Payments; kind=Latency; runbook=alarm-triage; operation=Query; base=40/3";
        var result = Normalize(SingleMetric("suite-Payments-latency-Query", marker, "SuccessfulRequestLatency"));

        var trigger = result.Trigger!;
        Assert.Equal("Payments", trigger.TableName);
        Assert.Null(trigger.IndexName);
        Assert.Equal(AlarmKind.Latency, trigger.Kind);
        Assert.Equal("Query", trigger.Operation);
        Assert.Equal(AlarmRunbooks.AlarmTriage, trigger.Runbook);
        Assert.Equal("SuccessfulRequestLatency", trigger.MetricName);

        const string replication = "[ddb-automation] managed-by=suite; segment=payments@2; table=Payments; kind=ReplicationLatency; runbook=alarm-triage; region=us-east-1; base=60000/5";
        Assert.Equal("us-east-1", Normalize(MetricMath("suite-Payments-replication", replication)).Trigger!.ReceivingRegion);
    }

    [Fact]
    public void Marker_naming_the_other_known_runbook_is_followed()
    {
        var marker = MarkerLine.Replace("runbook=throttling-response", "runbook=alarm-triage", StringComparison.Ordinal);

        Assert.Equal(AlarmRunbooks.AlarmTriage, Normalize(MetricMath("suite-x", marker)).Trigger!.Runbook);
    }

    [Theory]
    [InlineData("threshold-tuning")]
    [InlineData("Throttling-Response")]
    [InlineData("alarm-reconcile")]
    public void Marker_naming_a_runbook_the_suite_does_not_answer_is_declined(string runbook)
    {
        var marker = MarkerLine.Replace("runbook=throttling-response", "runbook=" + runbook, StringComparison.Ordinal);

        var result = Normalize(MetricMath("suite-x", marker));

        Assert.False(result.Actionable);
        Assert.Equal(NotActionableReason.UnknownRunbook, result.NotActionableReason);
        Assert.Contains(runbook, result.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("other-Payments-writes")] // another prefix
    [InlineData("Suite-Payments-writes")] // case matters
    [InlineData("xsuite-Payments-writes")] // prefix elsewhere than at the start
    public void Marker_on_an_alarm_without_the_prefix_is_ignored_so_metric_math_stays_declined(string alarmName)
    {
        var result = Normalize(MetricMath(alarmName, MarkerLine));

        Assert.Equal(NotActionableReason.MetricMathAlarm, result.NotActionableReason);
    }

    [Fact]
    public void Without_a_configured_prefix_markers_are_not_read()
    {
        var off = new TriggerOptions(AlarmTriggeredDryRun: false);
        var empty = new TriggerOptions(AlarmTriggeredDryRun: false) { AlarmNamePrefix = string.Empty };

        Assert.Equal(NotActionableReason.MetricMathAlarm, Normalize(MetricMath("suite-x", MarkerLine), off).NotActionableReason);
        Assert.Equal(NotActionableReason.MetricMathAlarm, Normalize(MetricMath("suite-x", MarkerLine), empty).NotActionableReason);

        // A single-metric alarm is still read off its metric: the marker's table is not used.
        Assert.Equal("Orders", Normalize(SingleMetric("suite-x", MarkerLine), off).Trigger!.TableName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Requests to the table are being throttled.")]
    [InlineData("[ddb-automation] managed-by=suite; table=Payments; kind=WriteThrottleEvents; runbook=throttling-response; base=5/2")] // no segment
    [InlineData("[ddb-automation] managed-by=suite; segment=p@1; table=Payments; kind=NoSuchKind; runbook=throttling-response; base=5/2")]
    [InlineData("[ddb-automation] managed-by=suite; segment=p@1; table=Payments; kind=WriteThrottleEvents; base=5/2")] // no runbook
    [InlineData("[ddb-automation] managed-by=suite; segment=p@1; table=Payments; kind=WriteThrottleEvents; runbook=throttling-response; base=5/0")]
    [InlineData("[ddb-automation] managed-by=suite; segment=p@1; table=ab; kind=WriteThrottleEvents; runbook=throttling-response; base=5/2")] // table name too short
    [InlineData("[ddb-automation] managed-by=suite; segment=p@1; table=Payments; index=a/b; kind=WriteThrottleEvents; runbook=throttling-response; base=5/2")]
    public void Metric_math_alarm_with_the_prefix_but_no_valid_marker_stays_declined(string? description)
    {
        var result = Normalize(MetricMath("suite-x", description));

        Assert.False(result.Actionable);
        Assert.Equal(NotActionableReason.MetricMathAlarm, result.NotActionableReason);
    }

    [Fact]
    public void Malformed_marker_on_a_single_metric_alarm_falls_back_to_the_metric()
    {
        var trigger = Normalize(SingleMetric("suite-x", "[ddb-automation] table=Payments")).Trigger!;

        Assert.Equal("Orders", trigger.TableName);
        Assert.Equal(AlarmKind.ThrottledRequests, trigger.Kind);
        Assert.Equal(AlarmRunbooks.ThrottlingResponse, trigger.Runbook);
        Assert.Equal("PutItem", trigger.Operation);
    }

    [Theory]
    [InlineData("SuccessfulRequestLatency", AlarmKind.Latency)]
    [InlineData("SystemErrors", AlarmKind.SystemErrors)]
    [InlineData("ConditionalCheckFailedRequests", AlarmKind.ConditionalCheckFailures)]
    [InlineData("ReplicationLatency", AlarmKind.ReplicationLatency)]
    public void Non_throttling_dynamodb_table_metrics_go_to_triage(string metricName, AlarmKind kind)
    {
        var result = Normalize(SingleMetric("any-alarm", "no marker", metricName), new TriggerOptions(false));

        Assert.True(result.Actionable);
        Assert.Equal(AlarmRunbooks.AlarmTriage, result.Trigger!.Runbook);
        Assert.Equal(kind, result.Trigger.Kind);
        Assert.Equal(metricName, result.Trigger.MetricName);
        Assert.Contains(AlarmRunbooks.AlarmTriage, result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Replication_latency_alarm_carries_the_receiving_region()
    {
        var dimensions = new Dictionary<string, string> { ["TableName"] = "Orders", ["ReceivingRegion"] = "ap-southeast-2" };

        var trigger = Normalize(SingleMetric("any", null, "ReplicationLatency", dimensions)).Trigger!;

        Assert.Equal("ap-southeast-2", trigger.ReceivingRegion);
        Assert.Null(trigger.Operation);
    }

    [Theory]
    [InlineData("ThrottledRequests", AlarmKind.ThrottledRequests)]
    [InlineData("WriteKeyRangeThroughputThrottleEvents", AlarmKind.WriteKeyRangeThroughputThrottleEvents)]
    public void Throttling_metrics_keep_the_throttling_runbook(string metricName, AlarmKind kind)
    {
        var trigger = Normalize(SingleMetric("any", null, metricName)).Trigger!;

        Assert.Equal(AlarmRunbooks.ThrottlingResponse, trigger.Runbook);
        Assert.Equal(kind, trigger.Kind);
    }

    [Fact]
    public void Consumed_capacity_alarm_is_throttling_response_without_a_kind()
    {
        var trigger = Normalize(SingleMetric("any", null, "ConsumedWriteCapacityUnits")).Trigger!;

        Assert.Equal(AlarmRunbooks.ThrottlingResponse, trigger.Runbook);
        Assert.Null(trigger.Kind);
    }

    [Theory]
    [InlineData("ReturnedItemCount")]
    [InlineData("TimeToLiveDeletedItemCount")]
    public void Other_table_metrics_are_still_declined(string metricName)
    {
        Assert.Equal(NotActionableReason.NotAThrottlingMetric, Normalize(SingleMetric("any", null, metricName)).NotActionableReason);
    }

    [Fact]
    public void UserErrors_is_declined_as_account_level_with_or_without_dimensions_or_marker()
    {
        var noTable = Normalize(SingleMetric("any", null, "UserErrors", []));
        var withTable = Normalize(SingleMetric("any", null, "UserErrors"));
        var marked = Normalize(MetricMath(
            "suite-user-errors",
            "[ddb-automation] managed-by=suite; segment=account@1; table=account; kind=UserErrors; runbook=alarm-triage; base=2/3"));

        foreach (var result in new[] { noTable, withTable, marked })
        {
            Assert.False(result.Actionable);
            Assert.Equal(NotActionableReason.AccountLevelUserErrors, result.NotActionableReason);
            Assert.Contains("UserErrors", result.Summary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Manual_requests_default_to_the_throttling_runbook_without_kind_or_operation()
    {
        var trigger = Normalize("""{"tableName":"Orders","reason":"check"}""").Trigger!;

        Assert.Equal(AlarmRunbooks.ThrottlingResponse, trigger.Runbook);
        Assert.Null(trigger.Kind);
        Assert.Null(trigger.Operation);
    }

    [Fact]
    public void Trigger_with_new_properties_round_trips_through_json_and_old_json_gets_defaults()
    {
        var trigger = Normalize(MetricMath("suite-x", MarkerLine.Replace("kind=WriteThrottleEvents", "kind=Latency; operation=Query", StringComparison.Ordinal))).Trigger!;

        var json = System.Text.Json.JsonSerializer.Serialize(trigger, CoreJsonContext.Default.IncidentTrigger);
        var back = System.Text.Json.JsonSerializer.Deserialize(json, CoreJsonContext.Default.IncidentTrigger)!;

        Assert.Equal(trigger, back);
        Assert.Contains("\"runbook\":\"throttling-response\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"Latency\"", json, StringComparison.Ordinal);
        Assert.Contains("\"operation\":\"Query\"", json, StringComparison.Ordinal);

        var old = JsonNode.Parse(json)!.AsObject();
        old.Remove("runbook");
        old.Remove("kind");
        old.Remove("operation");
        old.Remove("receivingRegion");
        var legacy = System.Text.Json.JsonSerializer.Deserialize(old.ToJsonString(), CoreJsonContext.Default.IncidentTrigger)!;
        Assert.Equal(AlarmRunbooks.ThrottlingResponse, legacy.Runbook);
        Assert.Null(legacy.Kind);
    }
}
