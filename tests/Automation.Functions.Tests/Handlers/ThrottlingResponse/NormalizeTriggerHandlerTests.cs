using System.Text.Json;
using Automation.Core.Errors;
using Automation.Core.Triggers;
using Automation.Functions.Handlers.Incidents;
using Automation.Functions.Handlers.ThrottlingResponse;
using Automation.Functions.Host;
using Automation.Tests.Fakes;
using Automation.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Automation.Functions.Tests.Handlers.ThrottlingResponse;

public class NormalizeTriggerHandlerTests
{
    private static readonly InvocationContext Context = new(
        "req-1", "arn:aws:lambda:eu-west-1:123456789012:function:NormalizeTrigger", DateTimeOffset.UtcNow.AddMinutes(1), null, "NormalizeTrigger");

    private static NormalizeTriggerHandler Handler(bool alarmDryRun = false) =>
        new(new StepServices(NullLoggerFactory.Instance, new DiscardMetrics(), TimeProvider.System), new TriggerOptions(alarmDryRun));

    private static string Fixture(string name) => File.ReadAllText(RepoPaths.Event("NormalizeTrigger", name));

    [Fact]
    public async Task Output_is_camel_case_json_the_state_machine_reads()
    {
        var output = await Handler().HandleAsync(Fixture("gsi-alarm.json"), Context, CancellationToken.None);

        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("actionable").GetBoolean());
        var trigger = root.GetProperty("trigger");
        Assert.Equal("Orders", trigger.GetProperty("tableName").GetString());
        Assert.Equal("ByCustomer", trigger.GetProperty("indexName").GetString());
        Assert.Equal("Alarm", trigger.GetProperty("source").GetString());
        Assert.Equal("2026-11-21T08:15:40.989+00:00", trigger.GetProperty("stateTimestamp").GetString());
        Assert.StartsWith("alarm:", trigger.GetProperty("idempotencyKey").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("notActionableReason").ValueKind);
    }

    [Fact]
    public async Task Not_actionable_output_names_the_reason_as_a_string()
    {
        var output = await Handler().HandleAsync(Fixture("not-actionable-composite-alarm.json"), Context, CancellationToken.None);

        using var doc = JsonDocument.Parse(output);
        Assert.False(doc.RootElement.GetProperty("actionable").GetBoolean());
        Assert.Equal("CompositeAlarm", doc.RootElement.GetProperty("notActionableReason").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("trigger").ValueKind);
    }

    [Fact]
    public async Task Invalid_input_throws_the_typed_error_the_asl_catches()
    {
        var error = await Assert.ThrowsAsync<AutomationException>(
            () => Handler().HandleAsync(Fixture("invalid-manual-missing-reason.json"), Context, CancellationToken.None));

        Assert.Equal("InvalidTrigger", InvocationError.From(error).ErrorType);
    }

    [Fact]
    public async Task Deployment_setting_makes_alarm_runs_dry()
    {
        var output = await Handler(alarmDryRun: true).HandleAsync(Fixture("table-alarm.json"), Context, CancellationToken.None);

        using var doc = JsonDocument.Parse(output);
        Assert.True(doc.RootElement.GetProperty("trigger").GetProperty("dryRun").GetBoolean());
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("false", false)]
    [InlineData("FALSE", false)]
    public void Alarm_dry_run_is_on_unless_the_variable_says_false(string? value, bool expected)
    {
        var before = Environment.GetEnvironmentVariable(NormalizeTriggerHandler.AlarmDryRunVariable);
        try
        {
            Environment.SetEnvironmentVariable(NormalizeTriggerHandler.AlarmDryRunVariable, value);
            Assert.Equal(expected, NormalizeTriggerHandler.OptionsFromEnvironment().AlarmTriggeredDryRun);
        }
        finally
        {
            Environment.SetEnvironmentVariable(NormalizeTriggerHandler.AlarmDryRunVariable, before);
        }
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData("ddb-automation-", "ddb-automation-")]
    public void Alarm_name_prefix_comes_from_its_variable_and_blank_turns_markers_off(string? value, string? expected)
    {
        var before = Environment.GetEnvironmentVariable(NormalizeTriggerHandler.AlarmNamePrefixVariable);
        try
        {
            Environment.SetEnvironmentVariable(NormalizeTriggerHandler.AlarmNamePrefixVariable, value);
            Assert.Equal(expected, NormalizeTriggerHandler.OptionsFromEnvironment().AlarmNamePrefix);
        }
        finally
        {
            Environment.SetEnvironmentVariable(NormalizeTriggerHandler.AlarmNamePrefixVariable, before);
        }
    }
}
