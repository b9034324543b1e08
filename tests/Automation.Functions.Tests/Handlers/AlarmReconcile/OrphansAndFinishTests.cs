using System.Text.Json.Nodes;
using Automation.Functions.Handlers.AlarmReconcile;
using Automation.Functions.Host;
using Automation.Functions.Runbooks;
using Automation.Tests.Fakes;
using Automation.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Automation.Functions.Tests.Handlers.AlarmReconcile;

/// <summary>The orphan sweep's bound (the rest is the next run's), and what FinishAlarmReconcile deletes on a filtered run (nothing orphaned).</summary>
public sealed class OrphansAndFinishTests
{
    private static readonly JsonObject Owner = new() { ["alarmNamePrefix"] = "ddb-automation-", ["managedBy"] = "ddb-runbook-automation" };

    private static StepServices Services() =>
        new(NullLoggerFactory.Instance, new CapturingMetrics(), new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero)));

    private static InvocationContext Context(string step) =>
        new("req-1", $"arn:aws:lambda:eu-west-1:123456789012:function:{step}", DateTimeOffset.UtcNow.AddMinutes(1), null, step);

    private static JsonObject Orphan(int i) => new()
    {
        ["AlarmName"] = $"ddb-automation-Gone{i:D4}-WriteThrottleEvents",
        ["AlarmDescription"] = $"x\n[ddb-automation] managed-by=ddb-runbook-automation; segment=gone@1; table=Gone{i:D4}; kind=WriteThrottleEvents; runbook=throttling-response; base=0/1",
    };

    [Fact]
    public async Task The_sweep_stops_at_MaxOrphans_and_says_the_next_run_deletes_the_rest()
    {
        var handler = new FindOrphanAlarmsHandler(Services());
        var collected = new JsonArray([.. Enumerable.Range(0, FindOrphanAlarmsHandler.MaxOrphans - 2).Select(i => (JsonNode?)JsonValue.Create($"ddb-automation-Old{i:D4}-X"))]);
        string input = new JsonObject
        {
            ["page"] = new JsonObject { ["MetricAlarms"] = new JsonArray([.. Enumerable.Range(0, 5).Select(i => (JsonNode?)Orphan(i))]), ["NextToken"] = "more" },
            ["owner"] = Owner.DeepClone(),
            ["units"] = new JsonArray(new JsonObject { ["tableName"] = "Orders", ["alarmNamePrefix"] = "ddb-automation-Orders-", ["describe"] = true }),
            ["collected"] = collected,
        }.ToJsonString();

        JsonNode result = JsonNode.Parse(await handler.HandleAsync(input, Context(FindOrphanAlarmsHandler.StepName), CancellationToken.None))!;

        Assert.Equal(FindOrphanAlarmsHandler.MaxOrphans, result["orphans"]!.AsArray().Count);
        Assert.True(result["truncated"]!.GetValue<bool>());
        Assert.False(result["hasMore"]!.GetValue<bool>());   // the listing stops: the state never carries more
    }

    [Fact]
    public async Task A_filtered_run_deletes_no_orphans_and_a_dry_run_sends_no_deletes()
    {
        var handler = new FinishAlarmReconcileHandler(Services(), RunbookCatalogProvider.ForFolder(RepoPaths.Combine("runbooks")));
        static string Input(bool dryRun, JsonNode? segments) => new JsonObject
        {
            ["run"] = new JsonObject { ["dryRun"] = dryRun, ["segments"] = segments, ["runbooksVersion"] = 5, ["reportBytes"] = 10_000 },
            ["owner"] = Owner.DeepClone(),
            ["units"] = new JsonArray(),
            ["orphans"] = new JsonObject { ["orphans"] = new JsonArray("ddb-automation-Gone-WriteThrottleEvents"), ["nextToken"] = null, ["hasMore"] = false, ["truncated"] = true, ["count"] = 1 },
            ["dashboards"] = new JsonArray(),
        }.ToJsonString();

        JsonNode filtered = JsonNode.Parse(await handler.HandleAsync(Input(false, new JsonArray("orders")), Context(FinishAlarmReconcileHandler.StepName), CancellationToken.None))!;
        JsonNode dry = JsonNode.Parse(await handler.HandleAsync(Input(true, null), Context(FinishAlarmReconcileHandler.StepName), CancellationToken.None))!;
        JsonNode full = JsonNode.Parse(await handler.HandleAsync(Input(false, null), Context(FinishAlarmReconcileHandler.StepName), CancellationToken.None))!;

        Assert.Empty(filtered["deletes"]!.AsArray());
        Assert.Equal(0, filtered["report"]!["counts"]!["deleted"]!.GetValue<int>());
        Assert.False(filtered["report"]!["orphansTruncated"]!.GetValue<bool>());
        Assert.Empty(dry["deletes"]!.AsArray());
        Assert.Equal(1, dry["report"]!["counts"]!["deleted"]!.GetValue<int>());   // reported as what would go
        Assert.Equal("ddb-automation-Gone-WriteThrottleEvents", full["deletes"]![0]!["AlarmNames"]![0]!.GetValue<string>());
        Assert.True(full["report"]!["orphansTruncated"]!.GetValue<bool>());
    }
}
