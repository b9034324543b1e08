using System.Text.Json.Nodes;
using Automation.LocalCloud.Routing;

namespace Automation.LocalCloud.Tests.Routing;

/// <summary>The router's fault injection and its emulation of DynamoDB's asynchronous UpdateTable.</summary>
public sealed class FaultAndPendingUpdateTests
{
    private static JsonObject Request(string table) => new() { ["TableName"] = table };

    [Fact]
    public void A_rule_without_operations_throttles_the_data_plane_only()
    {
        var faults = new FaultInjector();
        faults.Add(new FaultRule("orders", [], Times: null));

        Assert.Equal(FaultRule.ProvisionedThroughputExceeded, faults.Decide("PutItem", Request("orders"))?.ErrorCode);
        Assert.Null(faults.Decide("DescribeTable", Request("orders")));
        Assert.Null(faults.Decide("PutItem", Request("other")));
    }

    [Fact]
    public void A_rule_naming_control_plane_actions_fails_them_with_its_error_a_given_number_of_times()
    {
        var faults = new FaultInjector();
        faults.Add(new FaultRule("orders", ["UpdateTable"], Times: 1, ErrorCode: "LimitExceededException"));

        var first = faults.Decide("UpdateTable", Request("orders"));

        Assert.Equal("LimitExceededException", first?.ErrorCode);
        Assert.Contains("injected by the local cloud", first!.Message, StringComparison.Ordinal);
        Assert.Null(faults.Decide("PutItem", Request("orders")));
        Assert.Null(faults.Decide("UpdateTable", Request("orders")));
        Assert.Equal(1, faults.InjectedCount("orders"));
    }

    [Fact]
    public void After_an_update_the_named_index_shows_updating_for_the_given_number_of_describe_calls()
    {
        var pending = new PendingUpdateEmulator();
        pending.Add(new PendingUpdateRule("orders", DescribeCalls: 2, TableStatus: "ACTIVE"));
        static JsonObject Describe() => JsonNode.Parse("""
            {"Table":{"TableName":"orders","TableStatus":"ACTIVE","GlobalSecondaryIndexes":[
              {"IndexName":"ByStatus","IndexStatus":"ACTIVE"},{"IndexName":"ByCustomer","IndexStatus":"ACTIVE"}]}}
            """)!.AsObject();

        var before = Describe();
        Assert.False(pending.Describing("orders", before)); // nothing updated yet

        pending.Updated("orders", JsonNode.Parse("""{"GlobalSecondaryIndexUpdates":[{"Update":{"IndexName":"ByStatus"}}]}""")!.AsObject());
        var statuses = Enumerable.Range(0, 3).Select(_ =>
        {
            var answer = Describe();
            pending.Describing("orders", answer);
            return string.Join(",", answer["Table"]!["GlobalSecondaryIndexes"]!.AsArray().Select(i => i!["IndexStatus"]!.GetValue<string>()));
        }).ToList();

        Assert.Equal(["UPDATING,ACTIVE", "UPDATING,ACTIVE", "ACTIVE,ACTIVE"], statuses);
        Assert.True(pending.Watches("orders"));
        Assert.False(pending.Watches("other"));
    }
}
