using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Template.Tests.Infrastructure;

namespace Automation.Template.Tests.ThrottlingResponse;

/// <summary>
/// What must lie on every path to a change and to its verification, in the throttling-response definition:
/// <list type="bullet">
/// <item>every change (an UpdateTable or the shard registry write) comes after <c>RecheckPlan</c>, the guardrails
/// re-checked on a fresh DescribeTable (plan age and shard bounds too, for a sharding plan approved long after it was
/// made);</item>
/// <item><c>VerifyMitigation</c> is told when the change was applied (the apply state's own start, kept in
/// <c>$.applied.startedAt</c>). It counts only complete periods after that time in a window ending when
/// <c>BuildVerifyQueries</c> starts; its own start is later than that end and would leave no period, so every run
/// would come out <c>TooEarly</c>.</item>
/// </list>
/// </summary>
public sealed class ApplyPathTests
{
    private static readonly JsonObject Definition = AslGraph.ReadFile("statemachines/throttling-response.asl.json");
    private static JsonObject States => Definition[nameof(States)]!.AsObject();

    [Fact]
    public void Verify_mitigation_is_given_the_time_the_change_was_applied() =>
        Assert.Equal("$.applied.startedAt", States["VerifyMitigation"]!["Parameters"]!["Payload"]!["appliedAt.$"]!.GetValue<string>());

    [Fact]
    public void Every_apply_state_records_when_it_started()
    {
        List<string> writers = AppliedWriters().ToList();

        Assert.Contains("UpdateTableThroughput", writers);
        Assert.Contains("ApplySharding", writers);
        Assert.Contains("AlreadyApplied", writers);
        Assert.All(writers, name =>
        {
            JsonObject state = States[name]!.AsObject();
            JsonNode? shape = state["ResultSelector"] ?? state["Result"] ?? state["Parameters"];
            Assert.True(shape?["startedAt.$"]?.GetValue<string>() == "$$.State.EnteredTime",
                $"{name} writes $.applied without startedAt.$ = $$.State.EnteredTime");
        });
    }

    [Fact]
    public void No_path_reaches_verification_without_applying()
    {
        HashSet<string> reached = ReachableAvoiding(AppliedWriters().ToHashSet(StringComparer.Ordinal));

        Assert.Contains("RouteApply", reached); // the walk itself got as far as the apply routing
        Assert.DoesNotContain("VerifyMitigation", reached);
    }

    [Fact]
    public void No_path_reaches_a_change_without_the_fresh_recheck()
    {
        List<string> changes = States
            .Where(kv => kv.Key == "ApplySharding"
                || (kv.Value?["Resource"]?.GetValue<string>() ?? "").EndsWith(":dynamodb:updateTable", StringComparison.Ordinal))
            .Select(kv => kv.Key)
            .ToList();
        HashSet<string> reached = ReachableAvoiding(new HashSet<string>(["RecheckPlan"], StringComparer.Ordinal));

        Assert.Contains("ApplySharding", changes);
        Assert.True(changes.Count >= 7, $"found only {changes.Count} change states: {string.Join(", ", changes)}");
        Assert.Contains("RouteApply", reached);
        Assert.DoesNotContain(changes, reached.Contains);
    }

    /// <summary>The top-level states reachable from StartAt without passing through any of <paramref name="blocked"/>.</summary>
    private static HashSet<string> ReachableAvoiding(HashSet<string> blocked)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([Definition["StartAt"]!.GetValue<string>()]);
        while (queue.TryDequeue(out string? name))
        {
            if (blocked.Contains(name) || !seen.Add(name))
            {
                continue;
            }

            foreach ((_, string target) in AslGraph.Transitions(States[name]!.AsObject()))
            {
                queue.Enqueue(target);
            }
        }

        return seen;
    }

    private static IEnumerable<string> AppliedWriters() =>
        States.Where(kv => kv.Value?["ResultPath"]?.GetValueKind() == JsonValueKind.String
                && kv.Value["ResultPath"]!.GetValue<string>() == "$.applied")
            .Select(kv => kv.Key);
}
