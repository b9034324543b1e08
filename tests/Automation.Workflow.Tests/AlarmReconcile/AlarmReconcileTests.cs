using Automation.LocalCloud.Scenarios;
using Automation.Tests.LocalCloud;
using Automation.Tests.Shared;

namespace Automation.Workflow.Tests.AlarmReconcile;

/// <summary>The alarm-reconcile workflow: every scenario under scenarios/alarm-reconcile/ played through the real ASL
/// with the real handlers; each asserts the alarms' final configuration in CloudWatch (thresholds, metric math, the
/// marker), what was deleted, and what was left alone.</summary>
[Collection(SharedLocalCloud.Name)]
public sealed class AlarmReconcileTests(LocalCloudFixture cloud)
{
    private static readonly string Folder = RepoPaths.Combine("scenarios", "alarm-reconcile");

    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var file in ScenarioLoader.Catalog(Folder))
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario_meets_its_expected_outcome(string file)
    {
        var scenario = ScenarioLoader.Load(RepoPaths.Combine(file));

        var result = await cloud.Sandbox.PlayAsync(scenario);

        Assert.True(result.Passed, $"{scenario.Name}: {result.ExecutionStatus}\n  {string.Join("\n  ", result.Failures)}");
        Assert.Equal(scenario.Expect.Status, result.ExecutionStatus);
    }

    [Fact]
    public void Alarm_reconcile_has_its_scenarios()
    {
        var names = ScenarioLoader.Catalog(Folder).Select(ScenarioLoader.Load).Select(s => s.Name).ToHashSet();

        // Issue 12: reconcile from nothing (table + GSI alarms), after a segment change (drift updated, removed
        // segment's alarms deleted, foreign alarms untouched, tuned kept), and a dry run that changes nothing.
        Assert.Superset(new HashSet<string> { "from-nothing", "segment-changed", "dry-run", "unknown-segment", "bad-field", "many-tables" }, names);
    }
}
