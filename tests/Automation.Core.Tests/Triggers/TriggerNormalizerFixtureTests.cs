using Automation.Core.Errors;
using Automation.Core.Triggers;
using Automation.Tests.Shared;

namespace Automation.Core.Tests.Triggers;

/// <summary>Every file in events/NormalizeTrigger, with the outcome it must produce.</summary>
public class TriggerNormalizerFixtureTests
{
    private static readonly TriggerOptions AlarmsAct = new(AlarmTriggeredDryRun: false);

    private sealed record Accepted(string Table, string? Index, TriggerSource Source, string? Metric, bool DryRun);

    private static readonly Dictionary<string, object> Expected = new()
    {
        ["table-alarm.json"] = new Accepted("Orders", null, TriggerSource.Alarm, "ThrottledRequests", false),
        ["gsi-alarm.json"] = new Accepted("Orders", "ByCustomer", TriggerSource.Alarm, "WriteThrottleEvents", false),
        ["key-range-alarm.json"] = new Accepted("Orders", null, TriggerSource.Alarm, "WriteKeyRangeThroughputThrottleEvents", false),
        ["manual-request.json"] = new Accepted("Orders", null, TriggerSource.Manual, null, true),
        ["manual-request-gsi-apply.json"] = new Accepted("Orders", "ByCustomer", TriggerSource.Manual, null, false),
        ["not-actionable-alarm-to-ok.json"] = NotActionableReason.AlarmNotInAlarmState,
        ["not-actionable-composite-alarm.json"] = NotActionableReason.CompositeAlarm,
        ["not-actionable-metric-math-alarm.json"] = NotActionableReason.MetricMathAlarm,
        ["not-actionable-non-dynamodb-alarm.json"] = NotActionableReason.NotDynamoDbMetric,
        ["not-actionable-account-metric-alarm.json"] = NotActionableReason.NoTableDimension,
        ["not-actionable-latency-alarm.json"] = NotActionableReason.NotAThrottlingMetric,
        ["invalid-alarm-missing-alarm-name.json"] = "detail.alarmName",
        ["invalid-alarm-bad-state-timestamp.json"] = "detail.state.timestamp",
        ["invalid-alarm-wrong-detail-type.json"] = "detail-type",
        ["invalid-alarm-missing-metrics.json"] = "detail.configuration.metrics",
        ["invalid-manual-missing-table-name.json"] = "tableName",
        ["invalid-manual-missing-reason.json"] = "reason",
        ["invalid-manual-unknown-field.json"] = "$.dryrun",
        ["invalid-manual-bad-table-name.json"] = "tableName",
        ["invalid-manual-dry-run-not-boolean.json"] = "$.dryRun",
        ["invalid-unrecognised-input.json"] = "$",
    };

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in RepoPaths.EventFiles("NormalizeTrigger"))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void Every_fixture_has_an_expected_outcome_and_every_expectation_a_fixture()
    {
        var files = RepoPaths.EventFiles("NormalizeTrigger").Select(Path.GetFileName).ToHashSet();
        Assert.Equal(Expected.Keys.Order(), files.Order()!);
    }

    [Fact]
    public void Fixture_names_follow_the_convention_the_host_contract_test_relies_on()
    {
        foreach (var (file, outcome) in Expected)
        {
            var prefix = outcome switch
            {
                string => "invalid-",
                NotActionableReason => "not-actionable-",
                _ => null,
            };
            if (prefix is null)
            {
                Assert.False(file.StartsWith("invalid-", StringComparison.Ordinal) || file.StartsWith("not-actionable-", StringComparison.Ordinal), file);
            }
            else
            {
                Assert.StartsWith(prefix, file, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_produces_its_expected_outcome(string file)
    {
        var json = File.ReadAllText(RepoPaths.Event("NormalizeTrigger", file));
        switch (Expected[file])
        {
            case Accepted accepted:
                var result = TriggerNormalizer.Normalize(json, AlarmsAct);
                Assert.True(result.Actionable, result.Summary);
                Assert.Null(result.NotActionableReason);
                var trigger = Assert.IsType<IncidentTrigger>(result.Trigger);
                Assert.Equal(accepted.Table, trigger.TableName);
                Assert.Equal(accepted.Index, trigger.IndexName);
                Assert.Equal(accepted.Source, trigger.Source);
                Assert.Equal(accepted.Metric, trigger.MetricName);
                Assert.Equal(accepted.DryRun, trigger.DryRun);
                Assert.StartsWith(accepted.Source == TriggerSource.Alarm ? "alarm:" : "manual:", trigger.IdempotencyKey, StringComparison.Ordinal);
                break;
            case NotActionableReason reason:
                var declined = TriggerNormalizer.Normalize(json, AlarmsAct);
                Assert.False(declined.Actionable);
                Assert.Null(declined.Trigger);
                Assert.Equal(reason, declined.NotActionableReason);
                Assert.False(string.IsNullOrWhiteSpace(declined.Summary));
                break;
            case string field:
                var error = Assert.Throws<AutomationException>(() => TriggerNormalizer.Normalize(json, AlarmsAct));
                Assert.Equal(ErrorTypes.InvalidTrigger, error.ErrorType);
                Assert.Equal(field, error.Field);
                Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
                break;
            default:
                Assert.Fail($"No expectation kind for {file}");
                break;
        }
    }
}
