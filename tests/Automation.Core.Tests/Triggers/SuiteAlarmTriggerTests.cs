using System.Text.Json.Nodes;
using Automation.Core.Alarms;
using Automation.Core.Errors;
using Automation.Core.Triggers;

namespace Automation.Core.Tests.Triggers;

/// <summary>The normaliser on the suite's own alarms (prefix + marker, metric math too) and on triage metrics.</summary>
public class SuiteAlarmTriggerTests
{
    private const string Prefix = "ddb-automation-";

    private static readonly TriggerOptions Options = new(AlarmTriggeredDryRun: true) { AlarmNamePrefix = Prefix };

    private static string Marker(AlarmKind kind, string table = "Orders", string? index = null, string? operation = null, string? runbook = null) =>
        new AlarmMarker("stack", "orders", 3, table, index, kind, runbook ?? AlarmKinds.Runbook(kind), operation, null, 80, 2, null, null).Format();

    private static JsonObject MathMetrics() => new()
    {
        ["a"] = new JsonArray(
            new JsonObject { ["id"] = "e1", ["expression"] = "100 * m1 / m2", ["returnData"] = true },
            MetricStat("m1", "ConsumedWriteCapacityUnits", new JsonObject { ["TableName"] = "Other" }),
            MetricStat("m2", "ProvisionedWriteCapacityUnits", new JsonObject { ["TableName"] = "Other" })),
    };

    private static JsonObject MetricStat(string id, string name, JsonObject dimensions, string ns = "AWS/DynamoDB") => new()
    {
        ["id"] = id,
        ["metricStat"] = new JsonObject
        {
            ["metric"] = new JsonObject { ["namespace"] = ns, ["name"] = name, ["dimensions"] = dimensions },
            ["period"] = 60,
            ["stat"] = "Sum",
        },
        ["returnData"] = id == "m0",
    };

    private static string Event(string alarmName, string? description, JsonArray metrics) => new JsonObject
    {
        ["version"] = "0",
        ["id"] = "e-1",
        ["detail-type"] = "CloudWatch Alarm State Change",
        ["source"] = "aws.cloudwatch",
        ["account"] = "123456789012",
        ["time"] = "2026-12-01T10:00:00Z",
        ["region"] = "eu-west-1",
        ["resources"] = new JsonArray("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:" + alarmName),
        ["detail"] = new JsonObject
        {
            ["alarmName"] = alarmName,
            ["state"] = new JsonObject { ["value"] = "ALARM", ["reason"] = "Threshold Crossed", ["timestamp"] = "2026-12-01T10:00:00.000+0000" },
            ["previousState"] = new JsonObject { ["value"] = "OK", ["timestamp"] = "2026-12-01T09:00:00.000+0000" },
            ["configuration"] = new JsonObject { ["description"] = description, ["metrics"] = metrics },
        },
    }.ToJsonString();

    private static JsonArray Math() => (JsonArray)MathMetrics()["a"]!.DeepClone();

    private static JsonArray Single(string name, JsonObject dimensions, string ns = "AWS/DynamoDB") => new(MetricStat("m0", name, dimensions, ns));

    [Fact]
    public void A_suite_metric_math_alarm_with_its_marker_is_read_from_the_marker()
    {
        var description = "Writes above 80 % of provisioned.\n" + Marker(AlarmKind.WriteCapacityUtilisation, "Orders", "ByStatus");

        var result = TriggerNormalizer.Normalize(Event(Prefix + "Orders-ByStatus-WriteCapacityUtilisation", description, Math()), Options);

        Assert.True(result.Actionable);
        var trigger = result.Trigger!;
        Assert.Equal("Orders", trigger.TableName); // the marker's table, not the math's "Other"
        Assert.Equal("ByStatus", trigger.IndexName);
        Assert.Equal(AlarmKind.WriteCapacityUtilisation, trigger.Kind);
        Assert.Equal(AlarmRunbooks.ThrottlingResponse, trigger.Runbook);
        Assert.Equal("ConsumedWriteCapacityUnits", trigger.MetricName);
        Assert.True(trigger.DryRun);
    }

    [Fact]
    public void A_suite_latency_alarm_carries_its_runbook_kind_and_operation()
    {
        var description = Marker(AlarmKind.Latency, operation: "GetItem");

        var trigger = TriggerNormalizer.Normalize(Event(Prefix + "Orders-Latency-GetItem", description, Math()), Options).Trigger!;

        Assert.Equal(AlarmRunbooks.AlarmTriage, trigger.Runbook);
        Assert.Equal(AlarmKind.Latency, trigger.Kind);
        Assert.Equal("GetItem", trigger.Operation);
    }

    [Fact]
    public void Metric_math_without_a_marker_is_still_declined()
    {
        var result = TriggerNormalizer.Normalize(Event(Prefix + "Orders-Math", "Hand-made alarm", Math()), Options);

        Assert.False(result.Actionable);
        Assert.Equal(NotActionableReason.MetricMathAlarm, result.NotActionableReason);
    }

    [Theory]
    [InlineData("[ddb-automation] managed-by=stack; table=Orders; kind=Latency; runbook=alarm-triage; base=50/3")] // no segment
    [InlineData("[ddb-automation] managed-by=stack; segment=orders@x; table=Orders; kind=Latency; runbook=alarm-triage; base=50/3")]
    [InlineData("[ddb-automation] managed-by=stack; segment=orders@1; table=Orders; kind=Nope; runbook=alarm-triage; base=50/3")]
    [InlineData("[ddb-automation] managed-by=stack; segment=orders@1; table=O; kind=Latency; runbook=alarm-triage; base=50/3")] // invalid table name
    public void A_malformed_marker_makes_the_alarm_not_the_suites(string description)
    {
        var result = TriggerNormalizer.Normalize(Event(Prefix + "Orders-Latency", description, Math()), Options);

        Assert.Equal(NotActionableReason.MetricMathAlarm, result.NotActionableReason);
    }

    [Fact]
    public void A_valid_marker_on_an_alarm_with_another_prefix_is_not_read()
    {
        var result = TriggerNormalizer.Normalize(Event("other-Orders-Latency", Marker(AlarmKind.Latency), Math()), Options);

        Assert.Equal(NotActionableReason.MetricMathAlarm, result.NotActionableReason);
    }

    [Fact]
    public void Without_a_configured_prefix_no_marker_is_read()
    {
        var result = TriggerNormalizer.Normalize(Event(Prefix + "Orders-Latency", Marker(AlarmKind.Latency), Math()), new TriggerOptions(true));

        Assert.Equal(NotActionableReason.MetricMathAlarm, result.NotActionableReason);
    }

    [Fact]
    public void A_marker_naming_an_unknown_runbook_is_declined()
    {
        var result = TriggerNormalizer.Normalize(Event(Prefix + "Orders-Latency", Marker(AlarmKind.Latency, runbook: "paging"), Math()), Options);

        Assert.Equal(NotActionableReason.UnknownRunbook, result.NotActionableReason);
    }

    [Theory]
    [InlineData("SuccessfulRequestLatency", AlarmKind.Latency)]
    [InlineData("SystemErrors", AlarmKind.SystemErrors)]
    [InlineData("ConditionalCheckFailedRequests", AlarmKind.ConditionalCheckFailures)]
    [InlineData("ReplicationLatency", AlarmKind.ReplicationLatency)]
    public void Single_metric_alarms_on_non_throttling_table_metrics_go_to_triage(string metricName, AlarmKind kind)
    {
        var dimensions = new JsonObject { ["TableName"] = "Orders", ["Operation"] = "PutItem", ["ReceivingRegion"] = "us-east-1" };

        var trigger = TriggerNormalizer.Normalize(Event("hand-made-" + metricName, null, Single(metricName, dimensions)), Options).Trigger!;

        Assert.Equal(AlarmRunbooks.AlarmTriage, trigger.Runbook);
        Assert.Equal(kind, trigger.Kind);
        Assert.Equal("Orders", trigger.TableName);
        Assert.Equal("PutItem", trigger.Operation);
        Assert.Equal("us-east-1", trigger.ReceivingRegion);
    }

    [Fact]
    public void Throttling_single_metric_alarms_stay_with_the_throttling_response()
    {
        var trigger = TriggerNormalizer.Normalize(Event("x-Orders", null, Single("WriteThrottleEvents", new JsonObject { ["TableName"] = "Orders" })), Options).Trigger!;

        Assert.Equal(AlarmRunbooks.ThrottlingResponse, trigger.Runbook);
        Assert.Equal(AlarmKind.WriteThrottleEvents, trigger.Kind);
    }

    [Fact]
    public void UserErrors_is_declined_as_account_level_whether_single_metric_or_marked()
    {
        var single = TriggerNormalizer.Normalize(Event("x-UserErrors", null, Single("UserErrors", [])), Options);
        var marked = TriggerNormalizer.Normalize(Event(Prefix + "UserErrors", Marker(AlarmKind.UserErrors), Math()), Options);

        Assert.Equal(NotActionableReason.AccountLevelUserErrors, single.NotActionableReason);
        Assert.Equal(NotActionableReason.AccountLevelUserErrors, marked.NotActionableReason);
    }

    [Fact]
    public void Other_table_metrics_are_still_declined()
    {
        var result = TriggerNormalizer.Normalize(Event("x-Returned", null, Single("ReturnedItemCount", new JsonObject { ["TableName"] = "Orders" })), Options);

        Assert.Equal(NotActionableReason.NotAThrottlingMetric, result.NotActionableReason);
    }

    [Fact]
    public void A_manual_request_may_ask_for_triage()
    {
        var json = """{"tableName": "Orders", "reason": "p99 up", "runbook": "alarm-triage", "kind": "Latency", "operation": "Query"}""";

        var trigger = TriggerNormalizer.Normalize(json, Options).Trigger!;

        Assert.Equal(AlarmRunbooks.AlarmTriage, trigger.Runbook);
        Assert.Equal(AlarmKind.Latency, trigger.Kind);
        Assert.Equal("Query", trigger.Operation);
        Assert.Equal(AlarmRunbooks.ThrottlingResponse, TriggerNormalizer.Normalize("""{"tableName": "Orders", "reason": "r"}""", Options).Trigger!.Runbook);
    }

    [Theory]
    [InlineData("""{"tableName": "Orders", "reason": "r", "runbook": "paging"}""", "runbook")]
    [InlineData("""{"tableName": "Orders", "reason": "r", "operation": "Get Item"}""", "operation")]
    public void A_manual_request_with_a_bad_runbook_or_operation_names_the_field(string json, string field)
    {
        var error = Assert.Throws<AutomationException>(() => TriggerNormalizer.Normalize(json, Options));

        Assert.Equal(ErrorTypes.InvalidTrigger, error.ErrorType);
        Assert.Equal(field, error.Field);
    }
}
