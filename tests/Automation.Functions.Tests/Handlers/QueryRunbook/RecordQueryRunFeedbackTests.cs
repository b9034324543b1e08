using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Automation.Functions.Handlers.QueryRunbook;
using Automation.Tests.Moto;
using Automation.Tests.Shared;

namespace Automation.Functions.Tests.Handlers.QueryRunbook;

/// <summary>
/// RecordQueryRun feeds the loop: over the step's own events (events/query-runbook/RecordQueryRun/ticket-run.json with
/// other run ids, times and costs), a run is compared with the template's earlier runs on the audit table; its flags go
/// on its audit item, into the output and into EMF <c>QueryRunbookFlags</c> (Segment, Flag).
/// </summary>
[Collection(MotoTests.Name)]
public sealed class RecordQueryRunFeedbackTests(MotoServer moto) : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);
    private readonly AmazonDynamoDBClient _dynamoDb = moto.CreateDynamoDbClient();

    public void Dispose() => _dynamoDb.Dispose();

    private static string Event(int n, double consumed, string segment = "orders")
    {
        var e = JsonNode.Parse(File.ReadAllText(RepoPaths.Event("RecordQueryRun/ticket-run.json")))!.AsObject();
        string runId = string.Create(CultureInfo.InvariantCulture, $"run-feedback-{n:00}");
        e["runId"] = runId;
        e["executionArn"] = "arn:aws:states:eu-west-1:123456789012:execution:QueryRunbookStateMachine-abc:" + runId;
        e["startedAt"] = Start.AddMinutes(n).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        e["run"]!["runId"] = runId;
        e["run"]!["consumedReadUnits"] = consumed;
        e["run"]!["segment"] = segment;
        return e.ToJsonString();
    }

    private async Task<Dictionary<string, AttributeValue>> AuditItemAsync(FixtureWorld world, string runId) =>
        (await _dynamoDb.GetItemAsync(world.QueryAuditTable, new Dictionary<string, AttributeValue> { ["runId"] = new(runId) })).Item;

    [Fact]
    public async Task A_costly_run_after_cheap_ones_is_flagged_as_drift_on_its_record_output_and_metrics()
    {
        var world = await FixtureWorld.CreateAsync(_dynamoDb, Start.AddHours(1));
        for (int i = 0; i < 8; i++)
        {
            var cheap = JsonNode.Parse(await world.RunAsync(RecordQueryRunHandler.StepName, Event(i, 2)))!;
            Assert.Empty(cheap["flags"]!.AsArray());
        }

        // Another segment's costly runs of a template with the same name are not this template's history.
        await world.RunAsync(RecordQueryRunHandler.StepName, Event(8, 300, segment: "orders-tenant-acme"));

        var output = JsonNode.Parse(await world.RunAsync(RecordQueryRunHandler.StepName, Event(9, 40)))!;
        var item = await AuditItemAsync(world, "run-feedback-09");
        var earlier = await AuditItemAsync(world, "run-feedback-07");

        var flag = Assert.Single(output["flags"]!.AsArray())!;
        Assert.Equal("CostDrift", flag["flag"]!.GetValue<string>());
        Assert.Equal((4 * 2 + 40) / 5.0, flag["value"]!.GetValue<double>(), 9);
        Assert.Equal(2, flag["reference"]!.GetValue<double>(), 9);
        Assert.Equal("run-feedback-09", flag["runIds"]!.AsArray()[^1]!.GetValue<string>());
        Assert.Equal("CostDrift", Assert.Single(item["flags"].L).M["kind"].S);
        Assert.False(earlier.ContainsKey("flags"));
        var batch = Assert.Single(world.Metrics.Batches, b => b.Metrics.Any(m => m.Name == RecordQueryRunHandler.FlagsMetric));
        Assert.Equal("orders", batch.Dimensions["Segment"]);
        Assert.Equal("CostDrift", batch.Dimensions["Flag"]);
    }

    [Fact]
    public async Task A_retried_record_keeps_its_flags_and_publishes_them_once()
    {
        var world = await FixtureWorld.CreateAsync(_dynamoDb, Start.AddHours(1));
        string near = Event(1, 450);

        var first = JsonNode.Parse(await world.RunAsync(RecordQueryRunHandler.StepName, near))!;
        var retried = JsonNode.Parse(await world.RunAsync(RecordQueryRunHandler.StepName, near))!;

        Assert.Equal("NearReadCeiling", Assert.Single(first["flags"]!.AsArray())!["flag"]!.GetValue<string>());
        Assert.False(retried["auditRecorded"]!.GetValue<bool>());
        Assert.Equal(first["flags"]!.ToJsonString(), retried["flags"]!.ToJsonString());
        Assert.Single(world.Metrics.Batches, b => b.Metrics.Any(m => m.Name == RecordQueryRunHandler.FlagsMetric));
    }
}
