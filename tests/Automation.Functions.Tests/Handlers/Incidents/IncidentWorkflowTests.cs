using System.Text.Json;
using Amazon.DynamoDBv2;
using Automation.Core.Errors;
using Automation.Core.Incidents;
using Automation.Functions.Tests.Incidents;
using Automation.Tests.Moto;

namespace Automation.Functions.Tests.Handlers.Incidents;

/// <summary>
/// The incident steps in the order the throttling workflow runs them, on the events/ fixtures,
/// against DynamoDB (moto): the record, its timeline, the metrics, duplicates, retries and failures.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class IncidentWorkflowTests(MotoServer moto) : IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The approval path: (fixture, clock before it runs).</summary>
    private static readonly (string Fixture, TimeSpan At)[] ApprovedRun =
    [
        ("OpenIncident/alarm-trigger.json", new(8, 15, 43)),
        ("RecordIncidentStep/diagnosis.json", new(8, 15, 45)),
        ("RecordIncidentStep/plan.json", new(8, 15, 45)),
        ("RequestApproval/plan-needs-approval.json", new TimeSpan(0, 8, 15, 45, 100)),
        ("RecordIncidentStep/approval-granted.json", new(8, 19, 2)),
        ("RecordIncidentStep/action-applied.json", new(8, 19, 4)),
        ("RecordIncidentStep/verification.json", new(8, 24, 10)),
        ("CloseIncident/mitigated.json", new(8, 24, 11)),
    ];

    private readonly AmazonDynamoDBClient _dynamoDb = moto.CreateDynamoDbClient();

    public void Dispose() => _dynamoDb.Dispose();

    private async Task<IncidentHandlerHarness> RunAsync(bool everyStepTwice = false)
    {
        var harness = await IncidentHandlerHarness.CreateAsync(_dynamoDb);
        foreach (var (fixture, at) in ApprovedRun)
        {
            harness.Clock.Now = Day + at;
            await harness.RunFixtureAsync(fixture);
            if (everyStepTwice)
            {
                // A Lambda retry: same input, a little later.
                harness.Clock.Advance(TimeSpan.FromSeconds(3));
                await harness.RunFixtureAsync(fixture);
            }
        }

        return harness;
    }

    [Fact]
    public async Task Approved_run_ends_mitigated_with_its_full_record_and_timeline()
    {
        var harness = await RunAsync();

        var incident = await harness.IncidentAsync();
        var timeline = await harness.Store.GetTimelineAsync(incident.IncidentId, default);

        Assert.Equal(IncidentStatus.Mitigated, incident.Status);
        Assert.Equal(509_011, incident.TimeToMitigateMs); // 08:15:40.989 (alarm) → 08:24:10.000 (verified)
        Assert.Equal(1, incident.ActionsApplied);
        Assert.Equal("ProvisionedCapacityExceeded", incident.Diagnosis!.Kind);
        Assert.Contains("\"consumedWcu\":1150", incident.Diagnosis.DetailJson, StringComparison.Ordinal);
        Assert.Equal("Switch Orders from provisioned (400 WCU) to on-demand", incident.Plan!.Summary);
        Assert.Equal(CapacityModeChange.ProvisionedToOnDemand, incident.Action!.ModeChange);
        Assert.True(incident.Verification!.Mitigated);
        Assert.Equal("alice@example.com", incident.Approval!.ApprovedBy);
        Assert.Null(incident.Approval.TaskToken);
        Assert.Equal(Day + new TimeSpan(8, 24, 11), incident.ClosedAt);
        Assert.Equal(
            ["OpenIncident", "Diagnose", "PlanFix", "RequestApproval", "AwaitApproval", "ApplyPlan", "Verify", "CloseIncident"],
            timeline.Select(e => e.Step));
        Assert.Equal([880, 412, 35, 0, 196_850, 870, 305_000, 0], timeline.Select(e => e.DurationMs));
        Assert.All(timeline, e => Assert.True(e.Ok));
        Assert.Contains("ThrottledRequests 412/min", timeline[1].InputSummary, StringComparison.Ordinal);
        Assert.Equal("""{"kind":"ProvisionedCapacityExceeded","target":"table","operation":"write"}""", timeline[1].ResultJson);
    }

    [Fact]
    public async Task Closing_emits_incident_metrics_once()
    {
        var harness = await RunAsync();
        harness.Clock.Advance(TimeSpan.FromSeconds(5));

        var retried = await harness.RunFixtureJsonAsync("CloseIncident/mitigated.json");

        Assert.True(retried.GetProperty("alreadyClosed").GetBoolean());
        Assert.Equal(509_011, retried.GetProperty("timeToMitigateMs").GetInt64());
        var byDiagnosis = Assert.Single(harness.Metrics.Batches, b => b.Dimensions.ContainsKey("DiagnosisKind"));
        var byStatus = Assert.Single(harness.Metrics.Batches, b => b.Dimensions.Keys.SequenceEqual(["Status"]));
        var bySegment = Assert.Single(harness.Metrics.Batches, b => b.Dimensions.Keys.SequenceEqual(["Segment"]));
        var bySegmentAndStatus = Assert.Single(harness.Metrics.Batches, b => b.Dimensions.Count == 2 && b.Dimensions.ContainsKey("Segment"));
        Assert.Equal("ProvisionedCapacityExceeded", byDiagnosis.Dimensions["DiagnosisKind"]);
        Assert.Equal("Mitigated", byStatus.Dimensions["Status"]);
        Assert.Equal(
            [("IncidentsClosed", 1.0, "Count"), ("ActionsApplied", 1.0, "Count"), ("TimeToMitigate", 509_011.0, "Milliseconds")],
            byDiagnosis.Metrics.Select(m => (m.Name, m.Value, m.Unit)));
        Assert.Equal("DynamoDBRunbookAutomation", byDiagnosis.Namespace);
        Assert.Equal("Orders", byDiagnosis.Properties!["tableName"]);

        // Per segment too (the table's segment in runbooks/: orders), as the segment's dashboard graphs it.
        Assert.Equal("orders", bySegment.Dimensions["Segment"]);
        Assert.Equal([("IncidentsClosed", 1.0, "Count"), ("TimeToMitigate", 509_011.0, "Milliseconds")], bySegment.Metrics.Select(m => (m.Name, m.Value, m.Unit)));
        Assert.Equal(("orders", "Mitigated"), (bySegmentAndStatus.Dimensions["Segment"], bySegmentAndStatus.Dimensions["Status"]));
        Assert.Equal([("IncidentsClosed", 1.0)], bySegmentAndStatus.Metrics.Select(m => (m.Name, m.Value)));
        Assert.Equal("DynamoDBRunbookAutomation", bySegment.Namespace);
    }

    [Fact]
    public async Task Every_step_retried_leaves_the_same_record_and_timeline_as_one_clean_run()
    {
        var once = await RunAsync();
        var twice = await RunAsync(everyStepTwice: true);

        var a = await once.IncidentAsync();
        var b = await twice.IncidentAsync();

        // Each retry ran 3 s after its step, but found its change already made: nothing moved.
        Assert.Equal(a, b);
        Assert.Equal(await once.TimelineStepsAsync(), await twice.TimelineStepsAsync());
        Assert.Equal(4, twice.Metrics.Batches.Count);
    }

    [Fact]
    public async Task A_duplicate_delivery_finds_the_open_incident_and_does_not_act()
    {
        var harness = await IncidentHandlerHarness.CreateAsync(_dynamoDb);
        var owner = await harness.RunFixtureJsonAsync("OpenIncident/alarm-trigger.json");

        var duplicate = await harness.RunFixtureJsonAsync("OpenIncident/alarm-trigger-duplicate-delivery.json");
        var ownerRetry = await harness.RunFixtureJsonAsync("OpenIncident/alarm-trigger.json");

        Assert.False(owner.GetProperty("duplicate").GetBoolean());
        Assert.True(duplicate.GetProperty("duplicate").GetBoolean());
        Assert.False(ownerRetry.GetProperty("duplicate").GetBoolean());
        Assert.Equal(owner.GetProperty("incidentId").GetString(), duplicate.GetProperty("incidentId").GetString());
        Assert.Equal(owner.GetProperty("executionArn").GetString(), duplicate.GetProperty("executionArn").GetString());
        Assert.Equal("Open", duplicate.GetProperty("status").GetString());
        Assert.Equal(1, (await harness.IncidentAsync()).Version);
        Assert.Equal(["OpenIncident", "DuplicateDelivery"], await harness.TimelineStepsAsync());
    }

    [Fact]
    public async Task A_later_open_on_the_table_reports_the_on_demand_switch_for_the_planner()
    {
        var harness = await RunAsync();
        harness.Clock.Now = Day + new TimeSpan(9, 2, 12);

        var manual = await harness.RunFixtureJsonAsync("OpenIncident/manual-dry-run.json");
        List<Incident> listed = [];
        await foreach (var incident in harness.Store.ListByTableAsync("Orders", Day, Day.AddDays(1), default))
        {
            listed.Add(incident);
        }

        Assert.Equal(["2026-11-21T08:19:03.87+00:00"], manual.GetProperty("onDemandSwitchesLast24h").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([IncidentHandlerHarness.AlarmIncidentId, IncidentHandlerHarness.ManualIncidentId], listed.Select(i => i.IncidentId));
    }

    [Fact]
    public async Task A_caught_failure_marks_the_incident_failed_echoes_the_error_and_blocks_a_later_close()
    {
        var harness = await IncidentHandlerHarness.CreateAsync(_dynamoDb);
        await harness.RunFixtureAsync("OpenIncident/alarm-trigger.json");

        var output = await harness.RunFixtureJsonAsync("RecordIncidentFailure/lambda-error.json");
        var incident = await harness.IncidentAsync();
        var close = await Assert.ThrowsAsync<AutomationException>(() => harness.RunFixtureAsync("CloseIncident/mitigated.json"));

        Assert.True(output.GetProperty("recorded").GetBoolean());
        Assert.Equal("Failed", output.GetProperty("status").GetString());
        Assert.Equal("GuardrailRefused", output.GetProperty("error").GetString());
        Assert.Equal("Refused: 5th provisioned-to-on-demand switch of Orders in 24 h (limit 4).", output.GetProperty("cause").GetString());
        Assert.Equal(IncidentStatus.Failed, incident.Status);
        Assert.Equal("Refused: 5th provisioned-to-on-demand switch of Orders in 24 h (limit 4).", incident.Failure!.Message);
        Assert.Equal("PlanFix", incident.Failure.Step);
        var failedEntry = (await harness.Store.GetTimelineAsync(incident.IncidentId, default))[^1];
        Assert.Equal(("PlanFix", false, "GuardrailRefused"), (failedEntry.Step, failedEntry.Ok, failedEntry.Error));
        Assert.Equal("Failed", Assert.Single(harness.Metrics.Batches, b => b.Dimensions.Keys.SequenceEqual(["Status"])).Dimensions["Status"]);
        Assert.Equal("Failed", Assert.Single(harness.Metrics.Batches, b => b.Dimensions.Count == 2 && b.Dimensions.ContainsKey("Segment")).Dimensions["Status"]);
        Assert.Equal(ErrorTypes.InvalidInput, close.ErrorType);
        Assert.Equal(IncidentStatus.Failed, (await harness.IncidentAsync()).Status);
    }

    [Fact]
    public async Task A_failure_before_open_opens_the_incident_to_record_it_unless_another_execution_owns_it()
    {
        var fresh = await IncidentHandlerHarness.CreateAsync(_dynamoDb);
        var owned = await IncidentHandlerHarness.CreateAsync(_dynamoDb);
        await owned.RunFixtureAsync("OpenIncident/alarm-trigger-duplicate-delivery.json");

        var recorded = await fresh.RunFixtureJsonAsync("RecordIncidentFailure/before-open.json");
        var notRecorded = await owned.RunFixtureJsonAsync("RecordIncidentFailure/before-open.json");

        Assert.True(recorded.GetProperty("recorded").GetBoolean());
        Assert.Equal(IncidentStatus.Failed, (await fresh.IncidentAsync()).Status);
        Assert.False(notRecorded.GetProperty("recorded").GetBoolean());
        Assert.Equal("TransientDependencyError", notRecorded.GetProperty("error").GetString());
        Assert.Equal(IncidentStatus.Open, (await owned.IncidentAsync()).Status);
    }

    [Fact]
    public async Task A_dry_run_incident_refuses_an_applied_action_and_records_no_mode_switch()
    {
        var harness = await IncidentHandlerHarness.CreateAsync(_dynamoDb, Day + new TimeSpan(9, 3, 0));
        await harness.RunFixtureAsync("OpenIncident/manual-dry-run.json");
        var applied = IncidentHandlerHarness.Fixture("RecordIncidentStep/action-applied.json")
            .Replace(IncidentHandlerHarness.AlarmIncidentId, IncidentHandlerHarness.ManualIncidentId, StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<AutomationException>(() => harness.RunAsync("RecordIncidentStep", applied));

        Assert.Equal("action.applied", error.Field);
        Assert.Empty(await harness.Store.ModeSwitchesAsync("Orders", CapacityModeChange.ProvisionedToOnDemand, Day, Day.AddDays(1), default));
        Assert.Equal(["OpenIncident"], await harness.TimelineStepsAsync(IncidentHandlerHarness.ManualIncidentId));
    }

    [Fact]
    public async Task Approval_output_tells_the_operator_how_to_answer_without_echoing_the_token()
    {
        var harness = await IncidentHandlerHarness.CreateAsync(_dynamoDb);
        await harness.RunFixtureAsync("OpenIncident/alarm-trigger.json");

        var output = await harness.RunFixtureAsync("RequestApproval/plan-needs-approval.json");

        using var doc = JsonDocument.Parse(output);
        Assert.DoesNotContain("fixture-task-token", output, StringComparison.Ordinal);
        Assert.StartsWith("aws stepfunctions send-task-success --task-token \"$(aws dynamodb get-item --table-name " + harness.Table, doc.RootElement.GetProperty("approveCommand").GetString(), StringComparison.Ordinal);
        Assert.Contains("--error ApprovalRejected", doc.RootElement.GetProperty("rejectCommand").GetString(), StringComparison.Ordinal);
        Assert.Equal("2026-11-21T09:15:43+00:00", doc.RootElement.GetProperty("expiresAt").GetString());
    }

    [Fact]
    public async Task A_cancelled_invocation_stops_before_writing()
    {
        var harness = await IncidentHandlerHarness.CreateAsync(_dynamoDb);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.RunFixtureAsync("OpenIncident/alarm-trigger.json", cancelled.Token));

        Assert.Null(await harness.Store.GetAsync(IncidentHandlerHarness.AlarmIncidentId, default));
    }
}
