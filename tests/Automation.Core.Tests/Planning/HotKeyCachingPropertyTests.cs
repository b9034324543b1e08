using System.Runtime.CompilerServices;
using System.Text.Json;
using Automation.Core;
using Automation.Core.Diagnosis;
using Automation.Core.Facts;
using Automation.Core.Guardrails;
using Automation.Core.Incidents;
using Automation.Core.Planning;
using Automation.Core.Tests.Facts;
using Automation.Core.Tests.Properties;
using FsCheck;
using FsCheck.Fluent;

namespace Automation.Core.Tests.Planning;

/// <summary>
/// Properties of hot-key plans by direction, over random tables, metrics (read/write mixes from write-only to
/// read-only, consumed series sometimes not fetched), policies (random <c>caching</c> settings per segment),
/// hot keys and clock instants: read-hot keys are advised a cache and change nothing; write and mixed hot
/// keys are sharded; mixed ones also get caching advice. Each runs a few hundred cases.
/// </summary>
public class HotKeyCachingPropertyTests
{

    private static readonly string[] Keys = ["customer#1", "customer#42", "tenant#acme#7", "tenant#globex#1", "OPEN"];

    private sealed record Scenario(ThrottlingFacts Facts, DateTimeOffset Now, GuardrailPolicy Policy, ThrottleDiagnosis Diagnosis, bool DryRun, RemediationPlan Plan)
    {
        public List<string> DistinctKeys => Diagnosis.HotKeys.Select(k => k.PartitionKey).Distinct().ToList();
    }

    /// <summary>
    /// Scales the consumed write series (0 to 1×, so read-heavy tables come up often) and sometimes drops a
    /// consumed series altogether (not fetched: the mix is unknown).
    /// </summary>
    private static Gen<ThrottlingFacts> WithMix(ThrottlingFacts facts) =>
        from writeScale in Gen.Elements(0.0, 0.01, 0.1, 0.25, 0.5, 1.0)
        from dropped in Gen.Frequency(
            (6, Gen.Constant<DynamoDbMetric?>(null)),
            (1, Gen.Constant<DynamoDbMetric?>(DynamoDbMetric.ConsumedReadCapacityUnits)),
            (1, Gen.Constant<DynamoDbMetric?>(DynamoDbMetric.ConsumedWriteCapacityUnits)))
        select facts with
        {
            Metrics = facts.Metrics
                .Where(m => m.Metric != dropped)
                .Select(m => m.Metric == DynamoDbMetric.ConsumedWriteCapacityUnits
                    ? m with { Datapoints = m.Datapoints.Select(p => p with { Value = p.Value * writeScale }).ToList() }
                    : m)
                .ToList(),
        };

    /// <summary>A HotKey diagnosis of the table or one of its GSIs, with 0–5 named keys (a key may appear twice, from two rules).</summary>
    private static Gen<ThrottleDiagnosis> HotKeyDiagnosis(ThrottlingFacts facts, Gen<ThrottledOperations> operations) =>
        from operation in operations
        from indexChoice in Gen.Choose(-1, facts.Table.GlobalSecondaryIndexes.Count - 1)
        let index = indexChoice < 0 ? null : facts.Table.GlobalSecondaryIndexes[indexChoice].IndexName
        from keys in Gen.SubListOf(Keys)
        from twice in Gen.Elements(true, false)
        let throttled = keys.Select(k => new HotKeyEvidence(k, null, index, ContributorInsightsRule.PartitionKeyThrottled, 9_000, 0.9, 5))
        let accessed = twice ? keys.Select(k => new HotKeyEvidence(k, null, index, ContributorInsightsRule.PartitionKeyAccessed, 900_000, 0.6, 500)) : []
        select new ThrottleDiagnosis(DiagnosisKind.HotKey, facts.Table.TableName, index, operation, Confidence.High,
            "A hot key.", [], throttled.Concat(accessed).ToList(), [], facts.WindowStart, facts.WindowEnd);

    private static Arbitrary<Scenario> Scenarios(params ThrottledOperations[] operations) => (
        from factsAndNow in ThrottlingGenerators.FactsAndNow
        from facts in WithMix(factsAndNow.Facts)
        from policy in ThrottlingGenerators.Policy
        from diagnosis in HotKeyDiagnosis(facts, Gen.Elements(operations))
        from dryRun in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new Scenario(facts, factsAndNow.Now, policy, diagnosis, dryRun,
            RemediationPlanner.Plan(diagnosis, facts, policy, factsAndNow.Now, dryRun))).ToArbitrary();

    private static void ForAll(Arbitrary<Scenario> scenarios, Action<Scenario> property, [CallerMemberName] string name = "") =>
        PropertyCases.ForAll(scenarios, property, member: name);

    private static readonly Arbitrary<Scenario> ReadOnly = Scenarios(ThrottledOperations.Read);
    private static readonly Arbitrary<Scenario> WriteOrMixed = Scenarios(ThrottledOperations.Write, ThrottledOperations.ReadAndWrite);
    private static readonly Arbitrary<Scenario> Mixed = Scenarios(ThrottledOperations.ReadAndWrite);
    private static readonly Arbitrary<Scenario> AnyDirection = Scenarios(ThrottledOperations.Read, ThrottledOperations.Write, ThrottledOperations.ReadAndWrite);

    /// <summary>What the plan's text must recommend: DAX only when every key's segment tolerates eventual consistency and the resource is read-heavy.</summary>
    private static string ExpectedCache(Scenario s)
    {
        string? index = s.Diagnosis.IndexName;
        List<string> keys = s.DistinctKeys;
        bool tolerates = keys.Count == 0
            ? s.Policy.For("Orders", index).Caching.ReadsTolerateEventualConsistency
            : keys.All(k => s.Policy.For("Orders", index, k).Caching.ReadsTolerateEventualConsistency);
        return tolerates && ReadWriteMix.Of(s.Facts, index).IsReadHeavy ? "DAX" : "an application cache";
    }

    [Fact]
    public void AReadOnlyHotKeyPlanChangesNoTableAndNoShard() => ForAll(ReadOnly, s =>
    {
        Assert.Equal(RemediationKind.AdviseCaching, s.Plan.Action);
        Assert.Null(s.Plan.TableUpdate);
        Assert.Empty(s.Plan.Sharding);
        Assert.False(s.Plan.RequiresApproval);
        Assert.Equal(PlanAction.None, PlanClassifier.ActionOf(s.Plan));
        Assert.Equal(NoActionOutcome.NoActionNeeded, PlanClassifier.OutcomeIfNotApplied(s.Plan));
        Assert.Equal(GuardrailVerdict.NothingToApply, GuardrailCheck.Recheck(s.Plan, s.Facts, s.Policy, s.Now.AddMinutes(1)).Verdict);
    });

    [Fact]
    public void AReadOnlyHotKeyPlanNamesTheCacheTheRuleGives() => ForAll(ReadOnly, s =>
    {
        string expected = ExpectedCache(s);
        string other = expected == "DAX" ? "an application cache" : "DAX";

        Assert.Contains($" in {expected}, since ", s.Plan.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain($" in {other}, since ", s.Plan.Summary, StringComparison.Ordinal);
        Assert.Contains(s.Plan.Advice, a => a.StartsWith("DAX's limits", StringComparison.Ordinal));
    });

    [Fact]
    public void ReadHeavinessIsNeverClaimedWithoutTheData() => ForAll(AnyDirection, s =>
    {
        ReadWriteMix mix = ReadWriteMix.Of(s.Facts, s.Diagnosis.IndexName);
        bool advisesCaching = s.Diagnosis.Operations != ThrottledOperations.Write;
        if (!advisesCaching)
        {
            return;
        }

        string text = s.Plan.Summary + string.Join(" ", s.Plan.Advice);
        Assert.Equal(mix.IsReadHeavy, text.Contains("' is read-heavy (", StringComparison.Ordinal));
        Assert.Equal(!mix.IsKnown, text.Contains("read-heavy is unknown", StringComparison.Ordinal));
        Assert.Equal(!mix.IsKnown, s.Plan.Advice.Any(a => a.Contains("does not claim it is read-heavy", StringComparison.Ordinal)));
        if (!mix.IsKnown)
        {
            Assert.Contains("an application cache", s.Plan.Summary, StringComparison.Ordinal);
        }
    });

    [Fact]
    public void AWriteOrMixedHotKeyWithNamedKeysIsShardedAgainstTheWriteLimit() => ForAll(WriteOrMixed, s =>
    {
        List<string> keys = s.DistinctKeys;
        if (keys.Count == 0)
        {
            Assert.Equal((RemediationKind.NoAction, PlanAction.None), (s.Plan.Action, PlanClassifier.ActionOf(s.Plan)));
            Assert.Empty(s.Plan.Sharding);
            return;
        }

        Assert.Equal(RemediationKind.ShardHotKey, s.Plan.Action);
        Assert.Equal(PlanAction.WriteSharding, PlanClassifier.ActionOf(s.Plan));
        Assert.Null(s.Plan.TableUpdate);
        Assert.Equal(keys, s.Plan.Sharding.Select(c => c.PartitionKey).ToList());
        Assert.All(s.Plan.Sharding, c => Assert.Equal(1000, c.PartitionLimitPerSecond));
    });

    [Fact]
    public void AMixedHotKeyAlwaysCarriesCachingAdvice() => ForAll(Mixed, s =>
    {
        string expected = ExpectedCache(s);

        Assert.Contains($" Its reads throttle too: cache them in {expected}, since ", s.Plan.Summary, StringComparison.Ordinal);
        Assert.Contains(s.Plan.Advice, a => a.StartsWith("DAX's limits", StringComparison.Ordinal));
        Assert.Contains(s.Plan.Advice, a => a.StartsWith(expected == "DAX" ? "Put DAX in front of " : "Cache the hot key's reads in the application", StringComparison.Ordinal));
    });

    [Fact]
    public void AWriteOnlyHotKeyPlanCarriesNoCachingAdvice() => ForAll(Scenarios(ThrottledOperations.Write), s =>
    {
        Assert.DoesNotContain("cache", s.Plan.Summary, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(
            s.DistinctKeys.Count == 0
                ? ["Enable Contributor Insights (throttled keys mode) on the table or index to name the hot key, then re-run the workflow."]
                : ["Writers must use the shard registry (Automation.Sharding) and readers must query every shard of the key until the migration completes."],
            s.Plan.Advice);
    });

    [Fact]
    public void HotKeyPlansArePureAndFitTheIncidentRecord() => ForAll(AnyDirection, s =>
    {
        RemediationPlan again = RemediationPlanner.Plan(s.Diagnosis, s.Facts, s.Policy, s.Now, s.DryRun);

        Assert.Equal(
            JsonSerializer.Serialize(s.Plan, CoreJsonContext.Default.RemediationPlan),
            JsonSerializer.Serialize(again, CoreJsonContext.Default.RemediationPlan));
        Assert.InRange(s.Plan.Summary.Length, 1, IncidentLimits.MaxSummaryLength);
        Assert.Null(s.Plan.TableUpdate);
    });
}
