using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Functions.Handlers.AlarmReconcile;
using Automation.Functions.Host;
using Automation.Functions.Runbooks;
using Automation.Tests.Fakes;
using Automation.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Automation.Functions.Tests.Handlers.AlarmReconcile;

/// <summary>
/// Reconcile at scale, one unit: a table with many GSIs (every GSI gets its own alarms) planned from nothing is written
/// over several passes, each within the write budget and the state limit; feeding each pass's writes back as the
/// alarms the next pass lists converges, with every alarm written once and the report's counts whole.
/// </summary>
public sealed class PlanAlarmReconcileScaleTests(ITestOutputHelper output)
{
    private static readonly RunbookCatalogProvider Runbooks = RunbookCatalogProvider.ForFolder(RepoPaths.Combine("runbooks"));

    private static PlanAlarmReconcileHandler Handler() =>
        new(new StepServices(NullLoggerFactory.Instance, new CapturingMetrics(), new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero))), Runbooks);

    private static InvocationContext Context() =>
        new("req-1", "arn:aws:lambda:eu-west-1:123456789012:function:PlanAlarmReconcile", DateTimeOffset.UtcNow.AddMinutes(1), null, PlanAlarmReconcileHandler.StepName);

    private static JsonObject Table(string name, int gsis) => new()
    {
        ["tableName"] = name,
        ["table"] = new JsonObject
        {
            ["TableName"] = name,
            ["TableStatus"] = "ACTIVE",
            ["BillingModeSummary"] = new JsonObject { ["BillingMode"] = "PROVISIONED" },
            ["ProvisionedThroughput"] = new JsonObject { ["ReadCapacityUnits"] = 100, ["WriteCapacityUnits"] = 50, ["NumberOfDecreasesToday"] = 0 },
            ["GlobalSecondaryIndexes"] = new JsonArray([.. Enumerable.Range(0, gsis).Select(i => (JsonNode?)new JsonObject
            {
                ["IndexName"] = $"ByAttribute{i:D3}",
                ["IndexStatus"] = "ACTIVE",
                ["ProvisionedThroughput"] = new JsonObject { ["ReadCapacityUnits"] = 20, ["WriteCapacityUnits"] = 20, ["NumberOfDecreasesToday"] = 0 },
            })]),
        },
        ["error"] = null,
    };

    private static string Input(int gsis, JsonArray alarms, JsonNode? carried, bool dryRun = false, int reportBytes = 40_000) => new JsonObject
    {
        ["run"] = new JsonObject { ["dryRun"] = dryRun, ["segments"] = null, ["runbooksVersion"] = 5, ["reportBytes"] = reportBytes },
        ["owner"] = new JsonObject { ["alarmNamePrefix"] = "ddb-automation-", ["managedBy"] = "ddb-runbook-automation" },
        ["region"] = "eu-west-1",
        ["unit"] = new JsonObject { ["tableName"] = "Orders", ["alarmNamePrefix"] = "ddb-automation-Orders-", ["describe"] = true },
        ["table"] = Table("Orders", gsis),
        ["alarms"] = alarms,
        ["carried"] = carried,
    }.ToJsonString();

    private static async Task<JsonObject> PlanAsync(int gsis, JsonArray alarms, JsonNode? carried, bool dryRun = false, int reportBytes = 40_000)
    {
        string json = await Handler().HandleAsync(Input(gsis, alarms, carried, dryRun, reportBytes), Context(), CancellationToken.None);
        Assert.True(Encoding.UTF8.GetByteCount(json) <= PlanAlarmReconcileHandler.MaxPlanBytes, $"{Encoding.UTF8.GetByteCount(json)} bytes");
        return JsonNode.Parse(json)!.AsObject();
    }

    [Fact]
    public async Task A_table_with_twenty_GSIs_is_written_over_several_passes_each_within_the_budget_and_converges()
    {
        const int gsis = 20;
        int desired = (await PlanAsync(gsis, [], null, dryRun: true))["report"]!["counts"]!["created"]!.GetValue<int>();
        var listed = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        JsonNode? carried = null;
        int passes = 0;
        var written = new List<string>();
        while (true)
        {
            JsonObject result = await PlanAsync(gsis, new JsonArray([.. listed.Values.Select(v => v.DeepClone())]), carried);
            passes++;
            JsonArray puts = result["puts"]!.AsArray();
            int putBytes = puts.Sum(p => Encoding.UTF8.GetByteCount(p!.ToJsonString()) + 1)
                + result["dashboards"]!.AsArray().Sum(d => Encoding.UTF8.GetByteCount(d!.ToJsonString()) + 1);
            output.WriteLine($"pass {passes}: {puts.Count} alarm writes, {putBytes:N0} bytes of requests, hasMore {result["hasMore"]}");
            Assert.True(putBytes <= PlanAlarmReconcileHandler.PassWriteBudgetBytes + 2_000, $"pass {passes}: {putBytes} bytes");
            foreach (JsonNode? put in puts)
            {
                // What DescribeAlarms lists after PutMetricAlarm: the request's configuration (tags are not listed).
                var alarm = put!.DeepClone().AsObject();
                alarm.Remove("Tags");
                string name = alarm["AlarmName"]!.GetValue<string>();
                written.Add(name);
                listed[name] = alarm;
            }

            carried = result["report"]!.DeepClone();
            if (!result["hasMore"]!.GetValue<bool>())
            {
                Assert.Equal(desired, result["report"]!["counts"]!["created"]!.GetValue<int>());
                Assert.Equal(0, result["report"]!["counts"]!["unchanged"]!.GetValue<int>());
                Assert.Equal(passes, result["report"]!["passes"]!.GetValue<int>());
                break;
            }

            Assert.True(passes < PlanAlarmReconcileHandler.MaxPasses, "did not converge");
        }

        output.WriteLine($"{desired} alarms (the table and {gsis} GSIs) in {passes} passes");
        Assert.True(desired > 150, $"{desired} alarms: the old single plan refused about 154");
        Assert.True(passes >= 2);
        Assert.Equal(written.Count, written.Distinct(StringComparer.Ordinal).Count());   // every alarm written once
        Assert.Equal(desired, written.Count);

        // A run after convergence changes nothing and counts every alarm unchanged.
        JsonObject again = await PlanAsync(gsis, new JsonArray([.. listed.Values.Select(v => v.DeepClone())]), null);
        Assert.Empty(again["puts"]!.AsArray());
        Assert.Equal(desired, again["report"]!["counts"]!["unchanged"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_dry_run_of_the_same_table_carries_no_requests_and_reports_every_alarm_in_one_pass()
    {
        JsonObject result = await PlanAsync(20, [], null, dryRun: true);

        Assert.Empty(result["puts"]!.AsArray());
        Assert.False(result["hasMore"]!.GetValue<bool>());
        Assert.True(result["report"]!["counts"]!["created"]!.GetValue<int>() > 150);
    }

    [Fact]
    public async Task The_summary_is_cut_to_the_runs_report_bytes_and_keeps_the_counts_whole()
    {
        JsonObject result = await PlanAsync(20, [], null, dryRun: true, reportBytes: 4_000);
        JsonNode summary = result["summary"]!;

        Assert.True(Encoding.UTF8.GetByteCount(summary.ToJsonString()) <= 4_000);
        Assert.True(summary["truncated"]!.GetValue<bool>());
        Assert.Equal(result["report"]!["counts"]!.ToJsonString(), summary["counts"]!.ToJsonString());
        Assert.True(summary["created"]!.AsArray().Count < result["report"]!["created"]!.AsArray().Count);
        Assert.False(result["report"]!["truncated"]!.GetValue<bool>());
    }
}
