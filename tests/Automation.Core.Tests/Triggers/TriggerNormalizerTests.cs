using Automation.Core.Errors;
using Automation.Core.Triggers;
using Automation.Tests.Shared;

namespace Automation.Core.Tests.Triggers;

public class TriggerNormalizerTests
{
    private static string Fixture(string name) => File.ReadAllText(RepoPaths.Event("NormalizeTrigger", name));

    private static NormalizedTrigger Normalize(string json, bool alarmDryRun = false) =>
        TriggerNormalizer.Normalize(json, new TriggerOptions(alarmDryRun));

    [Fact]
    public void Alarm_event_carries_alarm_identity_state_time_and_account()
    {
        var trigger = Normalize(Fixture("table-alarm.json")).Trigger!;

        Assert.Equal("ddb-automation-Orders-ThrottledRequests", trigger.AlarmName);
        Assert.Equal("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:ddb-automation-Orders-ThrottledRequests", trigger.AlarmArn);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 8, 15, 40, 989, TimeSpan.Zero), trigger.StateTimestamp);
        Assert.Equal("eu-west-1", trigger.Region);
        Assert.Equal("123456789012", trigger.AccountId);
        Assert.StartsWith("Threshold Crossed", trigger.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Alarm_runs_follow_the_deployment_dry_run_setting()
    {
        Assert.True(Normalize(Fixture("table-alarm.json"), alarmDryRun: true).Trigger!.DryRun);
        Assert.False(Normalize(Fixture("table-alarm.json"), alarmDryRun: false).Trigger!.DryRun);
    }

    [Fact]
    public void Redelivery_of_the_same_alarm_event_has_the_same_idempotency_key()
    {
        var first = Normalize(Fixture("table-alarm.json")).Trigger!;
        var redelivered = Fixture("table-alarm.json").Replace("c4c1c1c9-6542-e61b-6ef0-8c4d36933a92", "0f6e3a86-0000-4f4d-9d0a-aaaaaaaaaaaa", StringComparison.Ordinal);

        Assert.Equal(first.IdempotencyKey, Normalize(redelivered).Trigger!.IdempotencyKey);
    }

    [Fact]
    public void A_later_state_change_of_the_same_alarm_is_a_new_incident()
    {
        var first = Normalize(Fixture("table-alarm.json")).Trigger!;
        var later = Fixture("table-alarm.json").Replace("2026-11-21T08:15:40.989+0000", "2026-11-21T09:40:12.001+0000", StringComparison.Ordinal);

        Assert.NotEqual(first.IdempotencyKey, Normalize(later).Trigger!.IdempotencyKey);
    }

    [Fact]
    public void Different_alarms_at_the_same_instant_are_different_incidents()
    {
        var orders = Normalize(Fixture("table-alarm.json")).Trigger!;
        var gsi = Normalize(Fixture("gsi-alarm.json")).Trigger!;

        Assert.NotEqual(orders.IdempotencyKey, gsi.IdempotencyKey);
    }

    [Fact]
    public void Manual_request_is_a_dry_run_unless_dry_run_is_explicitly_false()
    {
        var omitted = Normalize("""{"tableName":"Orders","reason":"check"}""").Trigger!;
        var explicitFalse = Normalize("""{"tableName":"Orders","reason":"check","dryRun":false}""").Trigger!;

        Assert.True(omitted.DryRun);
        Assert.False(explicitFalse.DryRun);
    }

    [Fact]
    public void Manual_request_id_is_the_idempotency_key_when_given()
    {
        var trigger = Normalize(Fixture("manual-request-gsi-apply.json")).Trigger!;

        Assert.Equal("manual:INC-4711", trigger.IdempotencyKey);
        Assert.Equal("alice@example.com", trigger.RequestedBy);
    }

    [Fact]
    public void Identical_manual_requests_share_a_key_and_a_different_reason_does_not()
    {
        var a = Normalize("""{"tableName":"Orders","reason":"check"}""").Trigger!;
        var b = Normalize("""{"tableName":"Orders","reason":"check"}""").Trigger!;
        var c = Normalize("""{"tableName":"Orders","reason":"check again"}""").Trigger!;

        Assert.Equal(a.IdempotencyKey, b.IdempotencyKey);
        Assert.NotEqual(a.IdempotencyKey, c.IdempotencyKey);
    }

    [Fact]
    public void Alarm_to_ok_is_declined_and_says_which_transition_it_was()
    {
        var result = Normalize(Fixture("not-actionable-alarm-to-ok.json"));

        Assert.Equal(NotActionableReason.AlarmNotInAlarmState, result.NotActionableReason);
        Assert.Contains("from ALARM to OK", result.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("42")]
    public void Input_that_is_not_a_json_object_is_an_invalid_trigger(string json)
    {
        var error = Assert.Throws<AutomationException>(() => Normalize(json));

        Assert.Equal(ErrorTypes.InvalidTrigger, error.ErrorType);
        Assert.Equal("$", error.Field);
    }

    [Theory]
    [InlineData("""{"tableName":"ab","reason":"r"}""", "tableName")]
    [InlineData("""{"tableName":"Orders","indexName":"x","reason":"r"}""", "indexName")]
    [InlineData("""{"tableName":"Orders","reason":"   "}""", "reason")]
    [InlineData("""{"tableName":"Orders","reason":"r","requestId":"has space"}""", "requestId")]
    [InlineData("""{"tableName":42,"reason":"r"}""", "$.tableName")]
    public void Bad_manual_field_is_named_in_the_error(string json, string field)
    {
        var error = Assert.Throws<AutomationException>(() => Normalize(json));

        Assert.Equal(ErrorTypes.InvalidTrigger, error.ErrorType);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Alarm_without_resources_is_invalid_not_guessed()
    {
        var json = Fixture("table-alarm.json").Replace("\"resources\"", "\"resourcesX\"", StringComparison.Ordinal);

        var error = Assert.Throws<AutomationException>(() => Normalize(json));

        Assert.Equal("resources", error.Field);
    }

    [Fact]
    public void Alarm_with_invalid_table_dimension_is_invalid()
    {
        var json = Fixture("table-alarm.json").Replace("\"TableName\": \"Orders\"", "\"TableName\": \"O\"", StringComparison.Ordinal);

        var error = Assert.Throws<AutomationException>(() => Normalize(json));

        Assert.Equal("detail.configuration.metrics[0].metricStat.metric.dimensions.TableName", error.Field);
    }

    [Theory]
    [InlineData("Orders", true)]
    [InlineData("orders_v2.prod-eu", true)]
    [InlineData("abc", true)]
    [InlineData("ab", false)]
    [InlineData("Orders table", false)]
    [InlineData("Orders/1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void DynamoDb_name_rules(string? name, bool valid) => Assert.Equal(valid, DynamoDbNames.IsValid(name));

    [Fact]
    public void DynamoDb_name_length_limit_is_255()
    {
        Assert.True(DynamoDbNames.IsValid(new string('a', 255)));
        Assert.False(DynamoDbNames.IsValid(new string('a', 256)));
    }
}
