using System.Text.Json;
using Amazon.DynamoDBv2;
using Automation.Core.Errors;
using Automation.Core.Incidents;
using Automation.Core.Incidents.Contracts;
using Automation.Core.Triggers;
using Automation.Tests.Moto;
using Automation.Tests.Shared;

namespace Automation.Functions.Tests.Incidents;

/// <summary>
/// Every events/ payload of the incident steps runs through its real handler against DynamoDB
/// (moto): the valid ones do what they say, the invalid-* ones fail with InvalidInput naming the
/// field and change nothing. A new fixture without an expectation here fails the test.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class IncidentFixtureTests(MotoServer moto) : IDisposable
{
    private const string OpenAlarm = "OpenIncident/alarm-trigger.json";

    private static readonly string[] Handlers = ["OpenIncident", "RecordIncidentStep", "RequestApproval", "CloseIncident", "RecordIncidentFailure"];

    /// <summary>What must exist before a fixture runs; the default is the alarm's open incident.</summary>
    private static readonly Dictionary<string, string[]> Preparation = new()
    {
        ["OpenIncident/alarm-trigger.json"] = [],
        ["OpenIncident/manual-dry-run.json"] = [],
        ["OpenIncident/alarm-trigger-duplicate-delivery.json"] = [OpenAlarm],
        ["RecordIncidentStep/approval-granted.json"] = [OpenAlarm, "RequestApproval/plan-needs-approval.json"],
        ["CloseIncident/dry-run-recorded.json"] = ["OpenIncident/manual-dry-run.json"],
        ["RecordIncidentFailure/before-open.json"] = [],
        ["RecordIncidentFailure/no-incident.json"] = [],
    };

    private static readonly Dictionary<string, string> InvalidFields = new()
    {
        ["OpenIncident/invalid-empty-idempotency-key.json"] = "trigger.idempotencyKey",
        ["OpenIncident/invalid-missing-execution-arn.json"] = "executionArn",
        ["RecordIncidentStep/invalid-missing-step.json"] = "step",
        ["RecordIncidentStep/invalid-unknown-field.json"] = "$.diagnosys",
        ["RequestApproval/invalid-missing-task-token.json"] = "taskToken",
        ["CloseIncident/invalid-mitigated-without-verification.json"] = "verification.mitigated",
        ["CloseIncident/invalid-unknown-status.json"] = "$.status",
        ["RecordIncidentFailure/invalid-missing-error.json"] = "error",
    };

    private readonly AmazonDynamoDBClient _dynamoDb = moto.CreateDynamoDbClient();

    public void Dispose() => _dynamoDb.Dispose();

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var handler in Handlers)
        {
            foreach (var file in RepoPaths.EventFiles(handler))
            {
                data.Add(handler + "/" + Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Fixture_runs_through_its_handler(string fixture)
    {
        var harness = await IncidentHandlerHarness.CreateAsync(_dynamoDb);
        var folder = fixture.Split('/')[0];
        foreach (var step in Preparation.GetValueOrDefault(fixture, folder == "OpenIncident" ? [] : [OpenAlarm]))
        {
            await harness.RunFixtureAsync(step);
        }

        var input = JsonDocument.Parse(IncidentHandlerHarness.Fixture(fixture)).RootElement;
        if (Path.GetFileName(fixture).StartsWith("invalid-", StringComparison.Ordinal))
        {
            await AssertRefusedWithoutChange(harness, fixture);
            return;
        }

        var output = await harness.RunFixtureJsonAsync(fixture);
        AssertCamelCase(output);
        switch (folder)
        {
            case "OpenIncident":
                var key = input.GetProperty("trigger").GetProperty("idempotencyKey").GetString()!;
                Assert.Equal(IncidentIds.ForIdempotencyKey(key), output.GetProperty("incidentId").GetString());
                Assert.Equal(fixture.Contains("duplicate", StringComparison.Ordinal), output.GetProperty("duplicate").GetBoolean());
                break;
            case "RecordIncidentStep":
                Assert.True(output.GetProperty("timelineEntryAdded").GetBoolean());
                Assert.Contains(input.GetProperty("step").GetString(), await harness.TimelineStepsAsync());
                break;
            case "RequestApproval":
                var waiting = await harness.IncidentAsync();
                Assert.Equal(IncidentStatus.AwaitingApproval, waiting.Status);
                Assert.Equal(input.GetProperty("taskToken").GetString(), waiting.Approval!.TaskToken);
                Assert.Equal(input.GetProperty("plan").GetProperty("summary").GetString(), waiting.Plan!.Summary);
                break;
            case "CloseIncident":
                var closed = await harness.IncidentAsync(input.GetProperty("incidentId").GetString()!);
                Assert.Equal(input.GetProperty("status").GetString(), closed.Status.ToString());
                Assert.Equal(2, harness.Metrics.Batches.Count);
                break;
            case "RecordIncidentFailure":
                Assert.Equal(input.GetProperty("error").GetProperty("Error").GetString(), output.GetProperty("error").GetString());
                Assert.Equal(FailureCauses.MessageOf(input.GetProperty("error").GetProperty("Cause").GetString()), output.GetProperty("cause").GetString());
                Assert.DoesNotContain("stackTrace", output.GetProperty("cause").GetString(), StringComparison.Ordinal);
                Assert.Equal(!fixture.EndsWith("no-incident.json", StringComparison.Ordinal), output.GetProperty("recorded").GetBoolean());
                break;
            default:
                throw new InvalidOperationException(folder);
        }
    }

    [Fact]
    public void Open_fixtures_carry_exactly_what_NormalizeTrigger_makes_of_its_own_fixtures()
    {
        static IncidentTrigger Normalized(string file, bool alarmDryRun) =>
            TriggerNormalizer.Normalize(IncidentHandlerHarness.Fixture("NormalizeTrigger/" + file), new TriggerOptions(alarmDryRun)).Trigger!;
        static IncidentTrigger? Opened(string file) =>
            JsonSerializer.Deserialize(IncidentHandlerHarness.Fixture("OpenIncident/" + file), IncidentJsonContext.Default.OpenIncidentInput)!.Trigger;

        Assert.Equal(Normalized("table-alarm.json", alarmDryRun: false), Opened("alarm-trigger.json"));
        Assert.Equal(Normalized("manual-request.json", alarmDryRun: true), Opened("manual-dry-run.json"));
        Assert.Equal(IncidentHandlerHarness.AlarmIncidentId, IncidentIds.ForIdempotencyKey(Opened("alarm-trigger.json")!.IdempotencyKey));
        Assert.Equal(IncidentHandlerHarness.ManualIncidentId, IncidentIds.ForIdempotencyKey(Opened("manual-dry-run.json")!.IdempotencyKey));
    }

    private static async Task AssertRefusedWithoutChange(IncidentHandlerHarness harness, string fixture)
    {
        Assert.True(InvalidFields.TryGetValue(fixture, out var field), $"Add the field {fixture} must name to {nameof(InvalidFields)}.");
        var before = await harness.Store.GetAsync(IncidentHandlerHarness.AlarmIncidentId, default);
        var timelineBefore = before is null ? [] : await harness.TimelineStepsAsync();

        var error = await Assert.ThrowsAsync<AutomationException>(() => harness.RunFixtureAsync(fixture));

        Assert.Equal(ErrorTypes.InvalidInput, error.ErrorType);
        Assert.Equal(field, error.Field);
        Assert.Equal(before, await harness.Store.GetAsync(IncidentHandlerHarness.AlarmIncidentId, default));
        Assert.Equal(timelineBefore, before is null ? [] : await harness.TimelineStepsAsync());
    }

    private static void AssertCamelCase(JsonElement output)
    {
        foreach (var property in output.EnumerateObject())
        {
            Assert.True(char.IsLower(property.Name[0]), $"Output property '{property.Name}' is not camelCase.");
        }
    }
}
