using Automation.LocalCloud.Scenarios;
using Automation.Tests.LocalCloud;
using Automation.Tests.Shared;

namespace Automation.Workflow.Tests.AlarmTriage;

/// <summary>The alarm-triage workflow: every scenario under scenarios/alarm-triage/ played through the real ASL with
/// the real handlers over seeded tables and metrics, one test case per file; each asserts its final execution status,
/// the verdict and advice in the output, and that the table is unchanged.</summary>
[Collection(SharedLocalCloud.Name)]
public sealed class AlarmTriageTests(LocalCloudFixture cloud)
{
    private static readonly string Folder = RepoPaths.Combine("scenarios", "alarm-triage");

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
    public void Alarm_triage_has_its_scenarios()
    {
        var names = ScenarioLoader.Catalog(Folder).Select(ScenarioLoader.Load).Select(s => s.Name).ToHashSet();

        // Issue 12: a latency alarm triaged "not DynamoDB", SystemErrors and conditional-check contention as
        // DynamoDB-side with their advice, and bad manual input naming the field.
        Assert.Superset(new HashSet<string>
        {
            "latency-not-dynamodb", "system-errors", "conditional-check-contention", "bad-manual-input",
        }, names);
    }
}
