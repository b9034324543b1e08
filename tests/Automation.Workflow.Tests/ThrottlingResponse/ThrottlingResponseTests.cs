using Automation.LocalCloud.Scenarios;
using Automation.Tests.LocalCloud;
using Automation.Tests.Shared;

namespace Automation.Workflow.Tests.ThrottlingResponse;

/// <summary>The throttling-response workflow: every scenario under scenarios/throttling-response/ played
/// through the real ASL with the real handlers, one test case per file; each asserts its final execution
/// status, output and the local cloud's resulting state.</summary>
[Collection(SharedLocalCloud.Name)]
public sealed class ThrottlingResponseTests(LocalCloudFixture cloud)
{
    private static readonly string Folder = RepoPaths.Combine("scenarios", "throttling-response");

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
        if (scenario.Expect.Delivered)
        {
            Assert.Equal(scenario.Expect.Status, result.ExecutionStatus);
            Assert.NotEmpty(result.Timeline);
            Assert.All(result.Timeline, entry => Assert.NotEqual("Running", entry.Status));
        }
        else
        {
            Assert.Equal("NOT_STARTED", result.ExecutionStatus);
        }
    }

    [Fact]
    public void Throttling_response_has_its_scenarios()
    {
        var names = ScenarioLoader.Catalog(Folder).Select(ScenarioLoader.Load).Select(s => s.Name).ToHashSet();

        // Issue 4: each diagnosis, a duplicate alarm event, a dry run, an approval, and the faults.
        Assert.Superset(new HashSet<string>
        {
            "table-alarm", "gsi-alarm", "manual-request", "not-actionable-alarm-ok", "invalid-input", "not-delivered-other-prefix",
            "capacity-raised", "hot-key-sharded", "gsi-back-pressure", "on-demand-maximum", "account-limit", "false-alarm",
            "duplicate-alarm", "approval-rejected", "approval-timed-out",
            "manual-request-missing-table", "table-deleted-mid-run", "index-not-found", "describe-table-throttled", "update-table-refused",
            // Issue 8: read-hot and mixed hot keys; a bad manual request names the field in the execution's cause.
            "read-hot-key", "mixed-hot-key", "invalid-manual-table-name", "invalid-manual-dry-run",
            // Issue 10: a hot key whose segment has a query template: the ready-to-run query-runbook input.
            "hot-key-query-ready",
            // Issue 12: a latency alarm handed to triage. Issue 13: a backup before a migrating sharding change (and the
            // refusal when it fails), and a table Auto Scaling manages left to it.
            "latency-alarm-to-triage", "sharding-backup-first", "sharding-backup-failed-refused", "auto-scaled-table",
            // Issue 9 review: a table not ACTIVE at the re-check is waited for and re-read, then given up on.
            "recheck-waits-for-table", "recheck-table-never-ready",
        }, names);
    }
}
