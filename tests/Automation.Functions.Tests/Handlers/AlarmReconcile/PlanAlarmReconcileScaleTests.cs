using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Core.Errors;
using Automation.Functions.Handlers.AlarmReconcile;
using Automation.Functions.Host;
using Automation.Functions.Runbooks;
using Automation.Tests.Fakes;
using Automation.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Automation.Functions.Tests.Handlers.AlarmReconcile;

/// <summary>
/// How many alarms one reconcile carries before Step Functions' 256 KB state limit: a synthetic account (the sample
/// segments' tables with many GSIs; every GSI gets its own alarms) planned from nothing, its serialized plan measured,
/// and a plan past the bound refused with ExecutionStateTooLarge naming the bound and the way to split the run.
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

    private static string Input(int gsisPerTable, bool dryRun = false) => new JsonObject
    {
        ["prepared"] = new JsonObject { ["dryRun"] = dryRun, ["segments"] = null, ["tables"] = new JsonArray("Orders", "Sessions"), ["runbooksVersion"] = 5 },
        ["owner"] = new JsonObject { ["alarmNamePrefix"] = "ddb-automation-", ["managedBy"] = "ddb-runbook-automation" },
        ["region"] = "eu-west-1",
        ["tables"] = new JsonArray(Table("Orders", gsisPerTable), Table("Sessions", gsisPerTable)),
        ["alarms"] = new JsonArray(),
    }.ToJsonString();

    private static async Task<(int Puts, int Bytes)> PlanAsync(int gsisPerTable, bool dryRun = false)
    {
        string json = await Handler().HandleAsync(Input(gsisPerTable, dryRun), Context(), CancellationToken.None);
        using var doc = JsonDocument.Parse(json);
        return (doc.RootElement.GetProperty("puts").GetArrayLength(), Encoding.UTF8.GetByteCount(json));
    }

    [Fact]
    public async Task A_plan_up_to_the_measured_bound_fits_and_one_past_the_bound_fails_naming_it_and_how_to_split()
    {
        // Measured: bytes per alarm write at a few sizes, then the largest account that still fits.
        var (smallPuts, smallBytes) = await PlanAsync(0);
        var (puts, bytes) = await PlanAsync(2);
        double perWrite = (double)(bytes - smallBytes) / (puts - smallPuts);
        output.WriteLine($"{smallPuts} writes: {smallBytes} bytes; {puts} writes: {bytes} bytes; {perWrite:F0} bytes per alarm write");
        Assert.InRange(perWrite, 400, 2_000);
        Assert.True(bytes <= PlanAlarmReconcileHandler.MaxPlanBytes);

        int fits = 0;
        int gsis = 0;
        while (true)
        {
            try
            {
                (fits, _) = await PlanAsync(gsis);
                gsis++;
            }
            catch (AutomationException e)
            {
                Assert.Equal(ErrorTypes.ExecutionStateTooLarge, e.ErrorType);
                Assert.Contains("262,144", e.Message, StringComparison.Ordinal);
                Assert.Contains("\"segments\"", e.Message, StringComparison.Ordinal);
                Assert.Contains("Nothing was written", e.Message, StringComparison.Ordinal);
                output.WriteLine($"largest plan that fits: {fits} alarm writes ({gsis - 1} GSIs on each of 2 tables); refused at {gsis}: {e.Message}");
                break;
            }
        }

        // The bound is where the arithmetic puts it: what fits is within one table's alarms of MaxPlanBytes / per-write.
        Assert.InRange(fits, 100, PlanAlarmReconcileHandler.MaxPlanBytes / 400);
        Assert.InRange(PlanAlarmReconcileHandler.MaxPlanBytes / perWrite - fits, -40, 40);
    }

    [Fact]
    public async Task A_dry_run_of_the_same_account_carries_no_requests_and_fits()
    {
        var (puts, bytes) = await PlanAsync(60, dryRun: true);

        Assert.Equal(0, puts);
        Assert.True(bytes <= PlanAlarmReconcileHandler.MaxPlanBytes, $"{bytes} bytes");
    }
}
