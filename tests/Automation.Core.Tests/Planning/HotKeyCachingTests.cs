using Automation.Core.Diagnosis;
using Automation.Core.Facts;
using Automation.Core.Guardrails;
using Automation.Core.Planning;
using Automation.Core.Tests.Facts;
using Automation.Core.Tests.Guardrails;

using M = Automation.Core.Facts.DynamoDbMetric;

namespace Automation.Core.Tests.Planning;

/// <summary>
/// Hot keys by direction: read-hot → caching advice and nothing applied; write-hot → sharding, as before;
/// read and write → sharding for the writes plus caching advice for the reads.
/// </summary>
public class HotKeyCachingTests
{
    private static readonly DateTimeOffset Now = ThrottlingFactsBuilder.WindowEnd.AddMinutes(2);

    private static readonly GuardrailPolicy EventuallyConsistent =
        TestPolicies.With(s => s with { Caching = new CachingGuardrails(ReadsTolerateEventualConsistency: true) });

    public enum Mix
    {
        ReadHeavy,
        NotReadHeavy,
        ReadsNotFetched,
        WritesNotFetched,
        NoReadsRecorded,
    }

    /// <summary>
    /// product#1 takes nearly all throttled reads of a table provisioned at 20,000 RCU/s that consumes 3,000:
    /// read key-range throttling, a partition's limit, not the table's.
    /// </summary>
    private static ThrottlingFactsBuilder ReadHot(Mix mix = Mix.ReadHeavy)
    {
        ThrottlingFactsBuilder facts = new ThrottlingFactsBuilder()
            .Provisioned(read: 20_000, write: 2_000)
            .PerMinute(M.ReadKeyRangeThroughputThrottleEvents, 900)
            .TopKeys(ContributorInsightsRule.PartitionKeyThrottled, 54_000, null, ("product#1", 53_800), ("product#2", 200));
        return mix switch
        {
            Mix.ReadHeavy => facts.Rate(M.ConsumedReadCapacityUnits, 3_000).Rate(M.ConsumedWriteCapacityUnits, 100),
            Mix.NotReadHeavy => facts.Rate(M.ConsumedReadCapacityUnits, 3_000).Rate(M.ConsumedWriteCapacityUnits, 900),
            Mix.ReadsNotFetched => facts.Rate(M.ConsumedWriteCapacityUnits, 100),
            Mix.WritesNotFetched => facts.Rate(M.ConsumedReadCapacityUnits, 3_000),
            _ => facts.Series(M.ConsumedReadCapacityUnits, []).Rate(M.ConsumedWriteCapacityUnits, 100),
        };
    }

    /// <summary>customer#42: 2,400 units/s accessed, and both its reads and its writes hit the partition limits.</summary>
    private static ThrottlingFactsBuilder ReadAndWriteHot() => new ThrottlingFactsBuilder()
        .Provisioned(read: 20_000, write: 6_000)
        .Rate(M.ConsumedReadCapacityUnits, 3_000)
        .Rate(M.ConsumedWriteCapacityUnits, 1_500)
        .PerMinute(M.ReadKeyRangeThroughputThrottleEvents, 300)
        .PerMinute(M.WriteKeyRangeThroughputThrottleEvents, 400)
        .TopKeys(ContributorInsightsRule.PartitionKeyAccessed, 5_400_000 * 1.2, null, ("customer#42", 2_400 * 3600.0))
        .TopKeys(ContributorInsightsRule.PartitionKeyThrottled, 42_000, null, ("customer#42", 0));

    private static RemediationPlan PlanFor(ThrottlingFacts facts, GuardrailPolicy? policy = null, bool dryRun = false) =>
        RemediationPlanner.Plan(ThrottleDiagnoser.Diagnose(facts), facts, policy ?? TestPolicies.Defaults, Now, dryRun);

    [Fact]
    public void AReadHotKeyIsAdvisedACacheWithNoTableOrRegistryChange()
    {
        ThrottlingFacts facts = ReadHot().Build();

        RemediationPlan plan = PlanFor(facts);

        Assert.Equal((DiagnosisKind.HotKey, RemediationKind.AdviseCaching), (plan.DiagnosisKind, plan.Action));
        Assert.Null(plan.TableUpdate);
        Assert.Empty(plan.Sharding);
        Assert.False(plan.RequiresApproval);
        Assert.Empty(plan.Guardrails);
        Assert.Equal(PlanAction.None, PlanClassifier.ActionOf(plan));
        Assert.Equal(NoActionOutcome.NoActionNeeded, PlanClassifier.OutcomeIfNotApplied(plan));
        Assert.StartsWith("Cache the reads of hot key 'product#1' of table 'Orders' in an application cache, since ", plan.Summary, StringComparison.Ordinal);
        Assert.Contains("no table or shard-registry change", plan.Summary, StringComparison.Ordinal);
        Assert.Contains(plan.Advice, a => a.Contains("Do not write-shard a read-hot key", StringComparison.Ordinal));
        Assert.Equal(GuardrailVerdict.NothingToApply, GuardrailCheck.Recheck(plan, facts, TestPolicies.Defaults, Now).Verdict);
    }

    [Fact]
    public void TheAdviceStatesDaxLimitsWhicheverCacheItNames()
    {
        foreach (GuardrailPolicy policy in new[] { TestPolicies.Defaults, EventuallyConsistent })
        {
            RemediationPlan plan = PlanFor(ReadHot().Build(), policy);

            string limits = Assert.Single(plan.Advice, a => a.StartsWith("DAX's limits", StringComparison.Ordinal));
            Assert.Contains("eventually consistent reads only", limits, StringComparison.Ordinal);
            Assert.Contains("strongly consistent reads", limits, StringComparison.Ordinal);
            Assert.Contains("hourly cost per node", limits, StringComparison.Ordinal);
            Assert.Contains("does not help writes or scans", limits, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(true, Mix.ReadHeavy, "DAX")]
    [InlineData(true, Mix.NotReadHeavy, "an application cache")]
    [InlineData(true, Mix.ReadsNotFetched, "an application cache")]
    [InlineData(true, Mix.WritesNotFetched, "an application cache")]
    [InlineData(true, Mix.NoReadsRecorded, "an application cache")]
    [InlineData(false, Mix.ReadHeavy, "an application cache")]
    [InlineData(false, Mix.NotReadHeavy, "an application cache")]
    [InlineData(false, Mix.ReadsNotFetched, "an application cache")]
    [InlineData(false, Mix.WritesNotFetched, "an application cache")]
    [InlineData(false, Mix.NoReadsRecorded, "an application cache")]
    public void DaxOnlyWhenReadsTolerateEventualConsistencyAndTheTableIsReadHeavy(bool tolerates, Mix mix, string cache)
    {
        RemediationPlan plan = PlanFor(ReadHot(mix).Build(), tolerates ? EventuallyConsistent : TestPolicies.Defaults);

        Assert.Equal(RemediationKind.AdviseCaching, plan.Action);
        Assert.Contains($" in {cache}, since ", plan.Summary, StringComparison.Ordinal);
        Assert.Equal(!tolerates, plan.Summary.Contains("its reads are not known to tolerate eventual consistency", StringComparison.Ordinal));
        Assert.Equal(cache == "DAX", plan.Summary.Contains("its reads tolerate eventual consistency", StringComparison.Ordinal));
        string heaviness = mix switch
        {
            Mix.ReadHeavy => "table 'Orders' is read-heavy (10,800,000 read vs 360,000 write units consumed in the window, at least ×4)",
            Mix.NotReadHeavy => "table 'Orders' is not read-heavy (10,800,000 read vs 3,240,000 write units consumed in the window, below ×4)",
            Mix.ReadsNotFetched => "whether table 'Orders' is read-heavy is unknown (ConsumedReadCapacityUnits was not fetched)",
            Mix.WritesNotFetched => "whether table 'Orders' is read-heavy is unknown (ConsumedWriteCapacityUnits was not fetched)",
            _ => "whether table 'Orders' is read-heavy is unknown (no consumed read units were recorded in the window)",
        };
        Assert.Contains(heaviness, plan.Summary, StringComparison.Ordinal);
        bool known = mix is Mix.ReadHeavy or Mix.NotReadHeavy;
        Assert.Equal(!known, plan.Advice.Any(a => a.Contains("does not claim it is read-heavy", StringComparison.Ordinal)));
        Assert.Equal(!tolerates, plan.Advice.Any(a => a.Contains("set caching.readsTolerateEventualConsistency: true", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(400.0, 100.0, true)]
    [InlineData(399.0, 100.0, false)]
    [InlineData(1.0, 0.0, true)]
    [InlineData(0.0, 0.0, false)]
    public void ReadHeavyMeansAtLeastFourTimesTheWriteUnits(double readPerSecond, double writePerSecond, bool readHeavy)
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Rate(M.ConsumedReadCapacityUnits, readPerSecond)
            .Rate(M.ConsumedWriteCapacityUnits, writePerSecond)
            .Build();

        ReadWriteMix mix = ReadWriteMix.Of(facts, null);

        Assert.Equal(4.0, ReadWriteMix.MinimumReadToWriteUnitRatio);
        Assert.Equal((readPerSecond * 3600, writePerSecond * 3600), (mix.ConsumedReadUnits, mix.ConsumedWriteUnits));
        Assert.Equal(readHeavy, mix.IsReadHeavy);
        Assert.Equal(readPerSecond > 0, mix.IsKnown);
    }

    [Fact]
    public void TheMixIsTheDiagnosedIndexesNotTheTables()
    {
        // The table writes far more than it reads; the GSI whose key is hot is read-heavy.
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Provisioned(read: 1_000, write: 10_000)
            .Index("ByProduct", read: 20_000, write: 1_000)
            .Rate(M.ConsumedReadCapacityUnits, 10)
            .Rate(M.ConsumedWriteCapacityUnits, 5_000)
            .Rate(M.ConsumedReadCapacityUnits, 3_000, "ByProduct")
            .Rate(M.ConsumedWriteCapacityUnits, 50, "ByProduct")
            .PerMinute(M.ReadKeyRangeThroughputThrottleEvents, 900, "ByProduct")
            .TopKeys(ContributorInsightsRule.PartitionKeyThrottled, 54_000, "ByProduct", ("product#1", 53_800))
            .Build();

        RemediationPlan plan = PlanFor(facts, EventuallyConsistent);

        Assert.Equal(("ByProduct", RemediationKind.AdviseCaching), (plan.IndexName, plan.Action));
        Assert.Contains("hot key 'product#1' of index 'ByProduct' of table 'Orders' in DAX", plan.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void DaxOnlyWhenEveryHotKeysSegmentToleratesEventualConsistency()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Provisioned(read: 20_000, write: 2_000)
            .Rate(M.ConsumedReadCapacityUnits, 3_000)
            .Rate(M.ConsumedWriteCapacityUnits, 100)
            .PerMinute(M.ReadKeyRangeThroughputThrottleEvents, 900)
            .TopKeys(ContributorInsightsRule.PartitionKeyThrottled, 54_000, null, ("catalog#1", 27_000), ("price#1", 27_000))
            .Build();
        GuardrailSettings strong = GuardrailSettings.Default with { Caching = new CachingGuardrails(false) };
        GuardrailPolicy prices = EventuallyConsistent.WithSegments(new GuardrailSegment("prices", "Orders", null, "price#", strong));

        RemediationPlan mixed = PlanFor(facts, prices);
        RemediationPlan all = PlanFor(facts, EventuallyConsistent);

        Assert.Contains("and 1 more key(s) in an application cache", mixed.Summary, StringComparison.Ordinal);
        Assert.Contains("and 1 more key(s) in DAX", all.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void AReadHotPartitionWithoutNamedKeysIsStillAdvisedACache()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Provisioned(read: 20_000, write: 2_000)
            .PerMinute(M.ReadKeyRangeThroughputThrottleEvents, 900)
            .Build();

        RemediationPlan plan = PlanFor(facts);

        Assert.Equal(RemediationKind.AdviseCaching, plan.Action);
        Assert.Empty(plan.Sharding);
        Assert.StartsWith("Cache the reads of the hot partition of table 'Orders' in an application cache", plan.Summary, StringComparison.Ordinal);
        Assert.Contains(plan.Advice, a => a.Contains("Contributor Insights", StringComparison.Ordinal));
        Assert.Equal(NoActionOutcome.NoActionNeeded, PlanClassifier.OutcomeIfNotApplied(plan));
    }

    [Fact]
    public void AWriteHotKeyKeepsItsShardingPlanWordForWord()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Provisioned(read: 3000, write: 6000)
            .Rate(M.ConsumedWriteCapacityUnits, 1500)
            .PerMinute(M.WriteKeyRangeThroughputThrottleEvents, 400)
            .TopKeys(ContributorInsightsRule.PartitionKeyAccessed, 5_400_000 * 1.2, null, ("customer#42", 2_400 * 3600.0))
            .TopKeys(ContributorInsightsRule.PartitionKeyThrottled, 24_000, null, ("customer#42", 0))
            .Build();

        RemediationPlan plan = PlanFor(facts, EventuallyConsistent);

        Assert.Equal((ThrottledOperations.Write, RemediationKind.ShardHotKey), (ThrottleDiagnoser.Diagnose(facts).Operations, plan.Action));
        Assert.Equal(PlanAction.WriteSharding, PlanClassifier.ActionOf(plan));
        ShardingChange change = Assert.Single(plan.Sharding);
        Assert.Equal(("customer#42", 4, 1000), (change.PartitionKey, change.ShardCount, change.PartitionLimitPerSecond));
        Assert.Equal(
            "Shard hot key 'customer#42' of table 'Orders' into 4 shards (2,400 units/s against 1,000 per partition); no table-level change, since capacity cannot lift a single partition's limit.",
            plan.Summary);
        Assert.Equal(["Writers must use the shard registry (Automation.Sharding) and readers must query every shard of the key until the migration completes."], plan.Advice);
    }

    [Fact]
    public void AKeyHotForReadsAndWritesIsShardedForTheWritesAndItsReadsAreCached()
    {
        ThrottlingFacts facts = ReadAndWriteHot().Build();

        RemediationPlan plan = PlanFor(facts, EventuallyConsistent);

        Assert.Equal(ThrottledOperations.ReadAndWrite, ThrottleDiagnoser.Diagnose(facts).Operations);
        Assert.Equal(RemediationKind.ShardHotKey, plan.Action);
        Assert.Equal(PlanAction.WriteSharding, PlanClassifier.ActionOf(plan));
        Assert.Null(plan.TableUpdate);
        ShardingChange change = Assert.Single(plan.Sharding);
        Assert.Equal(("customer#42", 4, 1000), (change.PartitionKey, change.ShardCount, change.PartitionLimitPerSecond)); // 2,400 × 1.5 / 1,000
        Assert.True(plan.RequiresApproval);
        // 3,000 read vs 1,500 write units/s: not read-heavy, so an application cache even though reads tolerate eventual consistency.
        Assert.StartsWith("Shard hot key 'customer#42' of table 'Orders' into 4 shards", plan.Summary, StringComparison.Ordinal);
        Assert.Contains(" Its reads throttle too: cache them in an application cache, since ", plan.Summary, StringComparison.Ordinal);
        Assert.Contains(plan.Advice, a => a.StartsWith("Writers must use the shard registry", StringComparison.Ordinal));
        Assert.Contains(plan.Advice, a => a.StartsWith("Cache the hot key's reads in the application", StringComparison.Ordinal));
        Assert.Contains(plan.Advice, a => a.StartsWith("DAX's limits", StringComparison.Ordinal));
        Assert.Contains(plan.Advice, a => a.StartsWith("Sharding makes every read of the key a query of each of its shards", StringComparison.Ordinal));
    }

    [Fact]
    public void AReadAndWriteHotKeyOfAReadHeavyTableWhoseReadsTolerateStalenessGetsDaxBesideTheShards()
    {
        ThrottlingFacts facts = ReadAndWriteHot().Rate(M.ConsumedWriteCapacityUnits, 500).Build();

        RemediationPlan plan = PlanFor(facts, EventuallyConsistent);

        Assert.Single(plan.Sharding);
        Assert.Contains(" Its reads throttle too: cache them in DAX, since ", plan.Summary, StringComparison.Ordinal);
        Assert.Contains(plan.Advice, a => a.StartsWith("Put DAX in front of table 'Orders'", StringComparison.Ordinal));
    }

    [Fact]
    public void AReadAndWriteHotPartitionWithoutNamedKeysGetsAdviceOnly()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Provisioned(read: 20_000, write: 6_000)
            .PerMinute(M.ReadKeyRangeThroughputThrottleEvents, 300)
            .PerMinute(M.WriteKeyRangeThroughputThrottleEvents, 400)
            .Build();

        RemediationPlan plan = PlanFor(facts);

        Assert.Equal(RemediationKind.NoAction, plan.Action);
        Assert.Empty(plan.Sharding);
        Assert.Contains("no key was named to shard", plan.Summary, StringComparison.Ordinal);
        Assert.Contains(" Its reads throttle too: cache them in an application cache", plan.Summary, StringComparison.Ordinal);
        Assert.Contains(plan.Advice, a => a.StartsWith("DAX's limits", StringComparison.Ordinal));
        Assert.Contains(plan.Advice, a => a.StartsWith("Sharding makes every read of the key a query of each of its shards", StringComparison.Ordinal));
    }

    [Fact]
    public void ADryRunReadHotKeyIsStillAdviceOnly()
    {
        RemediationPlan plan = PlanFor(ReadHot().Build(), dryRun: true);

        Assert.True(plan.DryRun);
        Assert.Equal((RemediationKind.AdviseCaching, PlanAction.None), (plan.Action, PlanClassifier.ActionOf(plan)));
    }
}
