using Automation.LocalCloud.Scenarios;
using Automation.Tests.LocalCloud;
using Automation.Tests.Shared;

namespace Automation.Workflow.Tests.Posture;

/// <summary>The posture workflow: every scenario under scenarios/posture/ played through the real ASL with the real
/// handlers; each asserts the run's findings, diff and remediations in the output and the tables' resulting state.</summary>
[Collection(SharedLocalCloud.Name)]
public sealed class PostureTests(LocalCloudFixture cloud)
{
    private static readonly string Folder = RepoPaths.Combine("scenarios", "posture");

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
    public void Posture_has_its_scenarios()
    {
        var names = ScenarioLoader.Catalog(Folder).Select(ScenarioLoader.Load).Select(s => s.Name).ToHashSet();

        Assert.Superset(new HashSet<string> { "pitr-off-unmonitored-gsi", "fixed-on-second-run", "iam-star", "large-items", "bad-input", "table-unreadable", "approval-without-answer" }, names);
    }
}
