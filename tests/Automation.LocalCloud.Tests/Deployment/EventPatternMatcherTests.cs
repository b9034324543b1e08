using System.Text.Json.Nodes;
using Automation.LocalCloud.Deployment;

namespace Automation.LocalCloud.Tests.Deployment;

/// <summary>Alarm events reach a workflow only if the stack's rule would deliver them in AWS.</summary>
public sealed class EventPatternMatcherTests
{
    private static readonly JsonObject AlarmRule = JsonNode.Parse("""
        {"source":["aws.cloudwatch"],"detail-type":["CloudWatch Alarm State Change"],
         "detail":{"alarmName":[{"prefix":"ddb-automation-"}],"state":{"value":["ALARM"]}}}
        """)!.AsObject();

    private static JsonObject Event(string alarmName, string state) => new()
    {
        ["source"] = "aws.cloudwatch",
        ["detail-type"] = "CloudWatch Alarm State Change",
        ["resources"] = new JsonArray("arn:x"),
        ["detail"] = new JsonObject { ["alarmName"] = alarmName, ["state"] = new JsonObject { ["value"] = state } },
    };

    [Theory]
    [InlineData("ddb-automation-orders", "ALARM", true)]
    [InlineData("ddb-automation-orders", "OK", false)]
    [InlineData("orders-ddb-automation-", "ALARM", false)]
    [InlineData("DDB-AUTOMATION-orders", "ALARM", false)]
    public void The_alarm_rule_matches_managed_alarms_entering_alarm(string alarmName, string state, bool matches) =>
        Assert.Equal(matches, EventPatternMatcher.Matches(AlarmRule, Event(alarmName, state)));

    [Fact]
    public void A_missing_field_does_not_match_unless_exists_false_is_asked()
    {
        var pattern = JsonNode.Parse("""{"detail":{"previousState":[{"exists":false}]}}""")!.AsObject();

        Assert.True(EventPatternMatcher.Matches(pattern, Event("a", "ALARM")));
        Assert.False(EventPatternMatcher.Matches(JsonNode.Parse("""{"detail":{"previousState":["OK"]}}""")!.AsObject(), Event("a", "ALARM")));
    }

    [Theory]
    [InlineData("""{"resources":["arn:x"]}""", true)]
    [InlineData("""{"resources":[{"anything-but":"arn:x"}]}""", false)]
    [InlineData("""{"detail":{"alarmName":[{"suffix":"-orders"}]}}""", true)]
    [InlineData("""{"detail":{"alarmName":[{"equals-ignore-case":"DDB-AUTOMATION-ORDERS"}]}}""", true)]
    [InlineData("""{"detail":{"alarmName":[{"wildcard":"ddb-*-orders"}]}}""", true)]
    [InlineData("""{"$or":[{"source":["aws.ec2"]},{"detail":{"state":{"value":["ALARM"]}}}]}""", true)]
    [InlineData("""{"$or":[{"source":["aws.ec2"]},{"detail":{"state":{"value":["OK"]}}}]}""", false)]
    public void Filters_behave_as_in_eventbridge(string pattern, bool matches) =>
        Assert.Equal(matches, EventPatternMatcher.Matches(JsonNode.Parse(pattern)!.AsObject(), Event("ddb-automation-orders", "ALARM")));

    [Fact]
    public void Numeric_ranges_match_numbers_only()
    {
        var pattern = JsonNode.Parse("""{"detail":{"value":[{"numeric":[">",10,"<=",20]}]}}""")!.AsObject();

        Assert.True(EventPatternMatcher.Matches(pattern, JsonNode.Parse("""{"detail":{"value":20}}""")));
        Assert.False(EventPatternMatcher.Matches(pattern, JsonNode.Parse("""{"detail":{"value":10}}""")));
        Assert.False(EventPatternMatcher.Matches(pattern, JsonNode.Parse("""{"detail":{"value":"15"}}""")));
    }
}
