using System.Text.Json;
using Automation.Core.Incidents;
using Automation.Core.Triggers;
using Automation.Functions.Contracts;
using Automation.Functions.Tests.Incidents;

namespace Automation.Functions.Tests.Handlers.Incidents;

/// <summary>
/// The incident fixtures chain with the trigger fixtures: OpenIncident's payloads carry exactly what NormalizeTrigger
/// makes of its own payloads. (Each fixture's outcome is checked by Handlers/EventFixtureTests.)
/// </summary>
public sealed class IncidentFixtureChainTests
{
    [Fact]
    public void Open_fixtures_carry_exactly_what_NormalizeTrigger_makes_of_its_own_fixtures()
    {
        static IncidentTrigger Normalized(string file, bool alarmDryRun) =>
            TriggerNormalizer.Normalize(IncidentHandlerHarness.Fixture("NormalizeTrigger/" + file), new TriggerOptions(alarmDryRun)).Trigger!;
        static IncidentTrigger? Opened(string file) =>
            JsonSerializer.Deserialize(IncidentHandlerHarness.Fixture("OpenIncident/" + file), StepJsonContext.Default.OpenIncidentInput)!.Trigger;

        Assert.Equal(Normalized("table-alarm.json", alarmDryRun: false), Opened("alarm-trigger.json"));
        Assert.Equal(Normalized("manual-request.json", alarmDryRun: true), Opened("manual-dry-run.json"));
        Assert.Equal(IncidentHandlerHarness.AlarmIncidentId, IncidentIds.ForIdempotencyKey(Opened("alarm-trigger.json")!.IdempotencyKey));
        Assert.Equal(IncidentHandlerHarness.ManualIncidentId, IncidentIds.ForIdempotencyKey(Opened("manual-dry-run.json")!.IdempotencyKey));
    }
}
