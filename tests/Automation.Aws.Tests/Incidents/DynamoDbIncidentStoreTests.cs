using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Automation.Aws.Incidents;
using Automation.Core.Alarms;
using Automation.Core.Errors;
using Automation.Core.Incidents;
using Automation.Core.Triggers;
using Automation.Tests.Moto;
using Automation.Tests.Shared;

namespace Automation.Aws.Tests.Incidents;

[Collection(MotoTests.Name)]
public sealed class DynamoDbIncidentStoreTests(MotoServer moto) : IDisposable
{
    private static readonly DateTimeOffset T0 = IncidentSamples.AlarmFired;
    private readonly AmazonDynamoDBClient _dynamoDb = moto.CreateDynamoDbClient();

    public void Dispose() => _dynamoDb.Dispose();

    private async Task<(DynamoDbIncidentStore Store, string Table)> NewStoreAsync(int? pageSize = null)
    {
        var table = await IncidentTables.CreateAsync(_dynamoDb);
        return (new DynamoDbIncidentStore(_dynamoDb, IncidentStoreOptions.ForTable(table) with { QueryPageSize = pageSize }), table);
    }

    [Fact]
    public async Task Opening_the_same_trigger_twice_returns_the_first_incident_and_changes_nothing()
    {
        var (store, _) = await NewStoreAsync();
        var trigger = IncidentSamples.AlarmTrigger();
        var first = await store.OpenAsync(IncidentSamples.Opened(trigger, T0.AddSeconds(2), "run-1"), default);

        var second = await store.OpenAsync(IncidentSamples.Opened(trigger, T0.AddSeconds(9), "run-2"), default);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Incident, second.Incident);
        Assert.EndsWith(":run-1", second.Incident.Execution.ExecutionArn, StringComparison.Ordinal);
        Assert.Equal(first.Incident, await store.GetAsync(first.Incident.IncidentId, default));
    }

    [Fact]
    public async Task Every_field_of_an_incident_survives_the_round_trip()
    {
        var (store, _) = await NewStoreAsync();
        var trigger = IncidentSamples.AlarmTrigger() with
        {
            IndexName = "ByCustomer",
            RequestedBy = "ops",
            Runbook = AlarmRunbooks.AlarmTriage,
            Kind = AlarmKind.ReplicationLatency,
            Operation = "PutItem",
            ReceivingRegion = "us-east-1",
        };
        var opened = (await store.OpenAsync(IncidentSamples.Opened(trigger), default)).Incident;
        var full = opened with
        {
            Status = IncidentStatus.Triaged,
            ClosedAt = T0.AddMinutes(9),
            Diagnosis = new DiagnosisRecord("HotPartitionKey", "One key takes 80% of writes", """{"key":"customer#42"}"""),
            Plan = new PlanRecord("Shard customer#42 x8", """{"shards":8}"""),
            Action = new ActionRecord("Switched to on-demand", true, T0.AddMinutes(3), CapacityModeChange.ProvisionedToOnDemand, """{"ok":true}"""),
            ActionsApplied = 1,
            Verification = new VerificationRecord(T0.AddMinutes(8), false, "Still throttled", "[1,2,3]"),
            Approval = new ApprovalRecord(T0.AddMinutes(1), null, T0.AddMinutes(61), "alice", T0.AddMinutes(2), "go"),
            Failure = new FailureRecord("States.Timeout", "timed out", "Task timed out", "Verify", T0.AddMinutes(9)),
            Outcome = "Failed while verifying",
            TimeToMitigateMs = 1234,
            UpdatedAt = T0.AddMinutes(9),
        };

        var update = await store.UpdateAsync(opened.IncidentId, _ => full, default);

        Assert.Equal(full with { Version = 2 }, update.Incident);
        Assert.Equal(update.Incident, await store.GetAsync(opened.IncidentId, default));
    }

    [Fact]
    public async Task An_update_that_loses_a_race_throws_ConcurrentModification_and_the_winner_stays()
    {
        var (store, _) = await NewStoreAsync();
        var id = (await store.OpenAsync(IncidentSamples.Opened(), default)).Incident.IncidentId;
        var diagnosis = new DiagnosisRecord("HotPartitionKey", null, null);

        // The loser reads version 1; while it computes its change, the winner writes version 2.
        var error = await Assert.ThrowsAsync<AutomationException>(() => store.UpdateAsync(
            id,
            current =>
            {
                store.UpdateAsync(id, winner => IncidentLifecycle.RecordFindings(winner, new IncidentFindings(Diagnosis: diagnosis), T0.AddMinutes(1)), default)
                    .GetAwaiter().GetResult();
                return IncidentLifecycle.Close(current, IncidentStatus.NoActionNeeded, null, "loser", T0.AddMinutes(2));
            },
            default));

        Assert.Equal(ErrorTypes.ConcurrentModification, error.ErrorType);
        var stored = await store.GetAsync(id, default);
        Assert.Equal(2, stored!.Version);
        Assert.Equal(IncidentStatus.Open, stored.Status);
        Assert.Equal(diagnosis, stored.Diagnosis);
    }

    [Fact]
    public async Task Retrying_the_same_update_writes_once()
    {
        var (store, _) = await NewStoreAsync();
        var id = (await store.OpenAsync(IncidentSamples.Opened(), default)).Incident.IncidentId;
        var action = new ActionRecord("WCU 400 -> 1200", true, T0.AddMinutes(3), null, null);
        Incident Change(Incident i) => IncidentLifecycle.RecordFindings(i, new IncidentFindings(Action: action), T0.AddMinutes(3));

        var first = await store.UpdateAsync(id, Change, default);
        var retry = await store.UpdateAsync(id, Change, default);

        Assert.True(first.Changed);
        Assert.False(retry.Changed);
        Assert.Equal(first.Incident, retry.Incident);
        Assert.Equal(2, retry.Incident.Version);
        Assert.Equal(1, retry.Incident.ActionsApplied);
    }

    [Fact]
    public async Task Updating_an_unknown_incident_is_invalid_input_naming_the_id()
    {
        var (store, _) = await NewStoreAsync();

        var error = await Assert.ThrowsAsync<AutomationException>(() => store.UpdateAsync("inc-000000000000000000000000", i => i, default));

        Assert.Equal(ErrorTypes.InvalidInput, error.ErrorType);
        Assert.Equal("incidentId", error.Field);
    }

    [Fact]
    public async Task Timeline_comes_back_in_time_order_and_a_repeated_entry_is_kept_once()
    {
        var (store, _) = await NewStoreAsync();
        var id = (await store.OpenAsync(IncidentSamples.Opened(), default)).Incident.IncidentId;
        static TimelineEntry Entry(string step, int second) => new(step, T0.AddSeconds(second), 10, true, null, null, null, null);

        Assert.True(await store.AppendTimelineAsync(id, Entry("Verify", 300), default));
        Assert.True(await store.AppendTimelineAsync(id, Entry("Diagnose", 5), default));
        Assert.True(await store.AppendTimelineAsync(id, Entry("Apply", 60), default));
        Assert.True(await store.AppendTimelineAsync(id, Entry("Plan", 60), default));
        Assert.False(await store.AppendTimelineAsync(id, Entry("Diagnose", 5) with { DurationMs = 999 }, default));

        var timeline = await store.GetTimelineAsync(id, default);

        Assert.Equal(["Diagnose", "Apply", "Plan", "Verify"], timeline.Select(e => e.Step));
        Assert.Equal(10, timeline[0].DurationMs);
    }

    [Fact]
    public async Task Timeline_entries_expire_by_ttl_and_the_incident_item_does_not()
    {
        var (store, table) = await NewStoreAsync();
        var incident = (await store.OpenAsync(IncidentSamples.Opened(), default)).Incident;
        var entry = new TimelineEntry("Diagnose", T0, 10, true, null, null, null, null);
        await store.AppendTimelineAsync(incident.IncidentId, entry, default);

        var timelineItem = await IncidentTables.RawItemAsync(_dynamoDb, table, IncidentTableSchema.IncidentPk(incident.IncidentId), IncidentTableSchema.TimelineSk(T0, "Diagnose"));
        var incidentItem = await IncidentTables.RawItemAsync(_dynamoDb, table, IncidentTableSchema.IncidentPk(incident.IncidentId), IncidentTableSchema.IncidentSortKey);
        var ttl = await _dynamoDb.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = table });

        Assert.Equal((T0 + TimeSpan.FromDays(90)).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), timelineItem["expiresAt"].N);
        Assert.False(incidentItem.ContainsKey("expiresAt"));
        Assert.Equal("expiresAt", ttl.TimeToLiveDescription.AttributeName);
        Assert.Equal(TimeToLiveStatus.ENABLED, ttl.TimeToLiveDescription.TimeToLiveStatus);
    }

    [Fact]
    public async Task Incidents_of_a_table_in_a_time_range_are_listed_across_pages_oldest_first()
    {
        var (store, _) = await NewStoreAsync(pageSize: 2);
        var queries = 0;
        _dynamoDb.BeforeRequestEvent += (_, e) =>
        {
            if (e is WebServiceRequestEventArgs { Request: QueryRequest })
            {
                Interlocked.Increment(ref queries);
            }
        };
        async Task<string> Open(string table, int minute) =>
            (await store.OpenAsync(IncidentSamples.Opened(IncidentSamples.AlarmTrigger(table), T0.AddMinutes(minute)), default)).Incident.IncidentId;

        var before = await Open("Orders", -1);
        List<string> inRange = [await Open("Orders", 40), await Open("Orders", 0), await Open("Orders", 15), await Open("Orders", 15), await Open("Orders", 59)];
        await Open("Payments", 10);
        var atEnd = await Open("Orders", 60);

        List<Incident> listed = [];
        await foreach (var incident in store.ListByTableAsync("Orders", T0, T0.AddMinutes(60), default))
        {
            listed.Add(incident);
        }

        Assert.Equal(inRange.Order(StringComparer.Ordinal), listed.Select(i => i.IncidentId).Order(StringComparer.Ordinal));
        Assert.Equal(listed.OrderBy(i => i.OpenedAt).Select(i => i.IncidentId), listed.Select(i => i.IncidentId));
        Assert.DoesNotContain(before, listed.Select(i => i.IncidentId));
        Assert.DoesNotContain(atEnd, listed.Select(i => i.IncidentId));
        Assert.All(listed, i => Assert.Equal("Orders", i.TableName));
        Assert.True(queries >= 3, $"5 items in pages of 2 need at least 3 Query calls; made {queries}");
    }

    [Fact]
    public async Task The_by_table_index_holds_incident_items_only()
    {
        var (store, table) = await NewStoreAsync();
        var id = (await store.OpenAsync(IncidentSamples.Opened(), default)).Incident.IncidentId;
        await store.AppendTimelineAsync(id, new TimelineEntry("Diagnose", T0, 1, true, null, null, null, null), default);
        await store.RecordModeSwitchAsync(new CapacityModeSwitch("Orders", T0, CapacityModeChange.ProvisionedToOnDemand, id), default);

        var indexed = await _dynamoDb.ScanAsync(new ScanRequest { TableName = table, IndexName = IncidentTableSchema.ByTableIndex });

        var item = Assert.Single(indexed.Items);
        Assert.Equal("Incident", item["entityType"].S);
    }

    [Fact]
    public async Task Mode_switches_are_listed_by_kind_and_window_and_recorded_once()
    {
        var (store, _) = await NewStoreAsync();
        var now = T0.AddDays(2);
        async Task<bool> Switch(string table, double hoursAgo, CapacityModeChange change = CapacityModeChange.ProvisionedToOnDemand) =>
            await store.RecordModeSwitchAsync(new CapacityModeSwitch(table, now.AddHours(-hoursAgo), change, "inc-0123456789abcdef01234567"), default);

        await Switch("Orders", 30);
        await Switch("Orders", 1);
        await Switch("Orders", 23.5);
        await Switch("Orders", 2, CapacityModeChange.OnDemandToProvisioned);
        await Switch("Payments", 3);
        var again = await Switch("Orders", 1);

        var switches = await store.ModeSwitchesAsync("Orders", CapacityModeChange.ProvisionedToOnDemand, now.AddHours(-24), now, default);

        Assert.False(again);
        Assert.Equal([now.AddHours(-23.5), now.AddHours(-1)], switches.Select(s => s.SwitchedAt));
        Assert.All(switches, s => Assert.Equal("Orders", s.TableName));
    }

    [Fact]
    public async Task A_missing_table_is_reported_as_a_deployment_fault()
    {
        var store = new DynamoDbIncidentStore(_dynamoDb, IncidentStoreOptions.ForTable("no-such-incidents-table"));

        var error = await Assert.ThrowsAsync<AutomationException>(() => store.GetAsync("inc-000000000000000000000000", default));

        Assert.Equal(ErrorTypes.InternalError, error.ErrorType);
        Assert.Contains("no-such-incidents-table", error.Message, StringComparison.Ordinal);
    }
}
