using Automation.LocalCloud.Scenarios;
using Automation.Tests.LocalCloud;
using Automation.Tests.Shared;

namespace Automation.Workflow.Tests.QueryRunbook;

/// <summary>The query-runbook workflow: every scenario under scenarios/query-runbook/ played through the real ASL
/// with the real handlers over seeded tables, one test case per file; each asserts its final execution status,
/// output and the resulting state (the S3 result set, the audit item).</summary>
[Collection(SharedLocalCloud.Name)]
public sealed class QueryRunbookTests(LocalCloudFixture cloud)
{
    private static readonly string Folder = RepoPaths.Combine("scenarios", "query-runbook");

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
    public void Query_runbook_has_its_scenarios()
    {
        var names = ScenarioLoader.Catalog(Folder).Select(ScenarioLoader.Load).Select(s => s.Name).ToHashSet();

        // Issue 10: pagination to the page limit, the read ceiling, masking with S3 and the audit, an out-of-segment
        // key, a bounded Scan on its own role and an undeclared one refused, schema drift, explain, and bad input naming the field.
        Assert.Superset(new HashSet<string>
        {
            "customer-orders-masked", "pagination-page-limit", "read-ceiling", "key-outside-segment", "bounded-scan",
            "schema-drift", "explain", "incident-not-found", "invalid-request", "undeclared-scan-refused",
            "cost-drift-flagged", "near-ceiling-flagged",
        }, names);
    }
}
