using System.Text.Json.Nodes;
using Automation.Core.Errors;
using Automation.Functions.Handlers.AlarmReconcile;
using Automation.Functions.Host;
using Automation.Functions.Runbooks;
using Automation.Tests.Fakes;
using Automation.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Automation.Functions.Tests.Handlers.AlarmReconcile;

/// <summary>How PrepareAlarmReconcile splits a run: the report room shared by the units, and a run with too many units refused.</summary>
public sealed class PrepareAlarmReconcileUnitsTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "reconcile-units-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private RunbookCatalogProvider Folder(int tables)
    {
        Directory.CreateDirectory(Path.Combine(folder, "segments"));
        File.Copy(RepoPaths.Combine("runbooks", "defaults.yaml"), Path.Combine(folder, "defaults.yaml"));
        for (int i = 0; i < tables; i++)
        {
            File.WriteAllText(Path.Combine(folder, "segments", $"t{i:D3}.yaml"),
                $"segment: t{i:D3}\nversion: 1\ndescription: table {i}\nowner: team\ncovers:\n  table: T{i:D3}\nschema:\n  partitionKey: {{name: pk, type: S}}\n");
        }

        return RunbookCatalogProvider.ForFolder(folder);
    }

    private static Task<string> PrepareAsync(RunbookCatalogProvider runbooks, JsonNode? segments = null) =>
        new PrepareAlarmReconcileHandler(new StepServices(NullLoggerFactory.Instance, new CapturingMetrics(), new ManualTimeProvider(DateTimeOffset.UnixEpoch)), runbooks)
            .HandleAsync(new JsonObject
            {
                ["request"] = segments is null ? new JsonObject() : new JsonObject { ["segments"] = segments },
                ["owner"] = new JsonObject { ["alarmNamePrefix"] = "ddb-automation-", ["managedBy"] = "stack" },
            }.ToJsonString(), new InvocationContext("r", "arn:aws:lambda:eu-west-1:1:function:f", DateTimeOffset.UtcNow.AddMinutes(1), null, PrepareAlarmReconcileHandler.StepName), CancellationToken.None);

    [Fact]
    public async Task The_units_share_the_report_room_and_a_run_past_the_bound_is_refused_naming_the_split()
    {
        RunbookCatalogProvider runbooks = Folder(PrepareAlarmReconcileHandler.MaxUnits);

        var e = await Assert.ThrowsAsync<AutomationException>(() => PrepareAsync(runbooks));   // 200 tables + the account alarm
        Assert.Equal(ErrorTypes.ExecutionStateTooLarge, e.ErrorType);
        Assert.Contains("\"segments\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("201 units", e.Message, StringComparison.Ordinal);

        JsonNode half = JsonNode.Parse(await PrepareAsync(runbooks, new JsonArray([.. Enumerable.Range(0, 100).Select(i => (JsonNode?)JsonValue.Create($"t{i:D3}"))])))!;
        Assert.Equal(100, half["units"]!.AsArray().Count);
        Assert.False(half["findOrphans"]!.GetValue<bool>());
        Assert.Equal(PrepareAlarmReconcileHandler.UnitReportsBudgetBytes / 100, half["run"]!["reportBytes"]!.GetValue<int>());
    }
}
