using System.Globalization;
using System.Text.Json.Nodes;
using Automation.LocalCloud.Aws;
using Automation.LocalCloud.Scenarios;
using Automation.Tests.LocalCloud;
using Automation.Tests.Shared;

namespace Automation.LocalCloud.Tests.Scenarios;

/// <summary>
/// A play sees what it arranges, not what an earlier play in the same local cloud left for a table of the same name:
/// recreating a table also forgets its CloudWatch datapoints (moto_launcher.py's forget-metrics endpoint).
/// </summary>
[Collection(SharedLocalCloud.Name)]
public sealed class ScenarioIsolationTests(LocalCloudFixture cloud)
{
    [Fact]
    public async Task Forgetting_a_tables_metrics_drops_its_datapoints_only()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        string gone = $"forget-{suffix}", kept = $"keep-{suffix}";
        await PutAsync(gone, "Operation", "GetItem");
        await PutAsync(gone, null, null);
        await PutAsync(kept, null, null);

        var removed = await cloud.Sandbox.ForgetMetricsAsync("TableName", gone);

        Assert.Equal(2, removed);
        Assert.Equal(0, await SumAsync(gone, null, null));
        Assert.Equal(0, await SumAsync(gone, "Operation", "GetItem"));
        Assert.Equal(7, await SumAsync(kept, null, null));
    }

    [Fact]
    public async Task A_bad_forget_request_is_refused()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => cloud.Sandbox.ForgetMetricsAsync("", "x"));

        Assert.Contains("400", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_play_does_not_read_the_metrics_an_earlier_play_put_for_the_same_table()
    {
        // Both triage Orders: the first spikes ConditionalCheckFailedRequests (DynamoDbSide); the second arranges a quiet
        // table and must still be NotDynamoDb. Before tables forgot their metrics, the second read the first's spike.
        var first = ScenarioLoader.Load(RepoPaths.Combine("scenarios", "alarm-triage", "conditional-check-contention.yaml"));
        var second = ScenarioLoader.Load(RepoPaths.Combine("scenarios", "alarm-triage", "latency-not-dynamodb.yaml"));

        var before = await cloud.Sandbox.PlayAsync(first);
        var after = await cloud.Sandbox.PlayAsync(second);

        Assert.True(before.Passed, string.Join("\n", before.Failures));
        Assert.True(after.Passed, string.Join("\n", after.Failures));
    }

    private async Task PutAsync(string table, string? dimension, string? value)
    {
        await cloud.Sandbox.Aws.CallAsync(AwsService.CloudWatch, "PutMetricData", new JsonObject
        {
            ["Namespace"] = "AWS/DynamoDB",
            ["MetricData"] = new JsonArray
            {
                new JsonObject
                {
                    ["MetricName"] = "ConditionalCheckFailedRequests",
                    ["Dimensions"] = Dimensions(table, dimension, value),
                    ["Timestamp"] = DateTimeOffset.UtcNow.AddMinutes(-2).ToUnixTimeMilliseconds() / 1000.0,
                    ["Value"] = 7,
                    ["Unit"] = "Count",
                },
            },
        });
    }

    private async Task<double> SumAsync(string table, string? dimension, string? value)
    {
        var now = DateTimeOffset.UtcNow;
        var answer = await cloud.Sandbox.Aws.CallAsync(AwsService.CloudWatch, "GetMetricStatistics", new JsonObject
        {
            ["Namespace"] = "AWS/DynamoDB",
            ["MetricName"] = "ConditionalCheckFailedRequests",
            ["Dimensions"] = Dimensions(table, dimension, value),
            ["StartTime"] = now.AddMinutes(-30).ToUnixTimeMilliseconds() / 1000.0,
            ["EndTime"] = now.AddMinutes(1).ToUnixTimeMilliseconds() / 1000.0,
            ["Period"] = 3600,
            ["Statistics"] = new JsonArray { "Sum" },
        });
        return answer["Datapoints"]?.AsArray().Sum(d => double.Parse(d!["Sum"]!.ToString(), CultureInfo.InvariantCulture)) ?? 0;
    }

    private static JsonArray Dimensions(string table, string? dimension, string? value)
    {
        var dimensions = new JsonArray { new JsonObject { ["Name"] = "TableName", ["Value"] = table } };
        if (dimension is not null)
        {
            dimensions.Add(new JsonObject { ["Name"] = dimension, ["Value"] = value });
        }

        return dimensions;
    }
}
