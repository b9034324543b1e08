using System.Runtime.CompilerServices;

using Automation.Core.Diagnosis;
using Automation.Core.Facts;
using Automation.Core.Guardrails;
using Automation.Core.Planning;
using Automation.Core.Tests.Facts;
using Automation.Core.Tests.Guardrails;
using Automation.Core.Tests.Properties;

using FsCheck;
using FsCheck.Fluent;

using M = Automation.Core.Facts.DynamoDbMetric;

namespace Automation.Core.Tests.Planning;

/// <summary>The planner and the re-check never set capacity Application Auto Scaling manages (they would fight).</summary>
public class AutoScalingAwarenessTests
{
    private static readonly DateTimeOffset Now = ThrottlingFactsBuilder.WindowEnd.AddMinutes(2);

    private static ThrottlingFacts WriteExhausted(params ScalableTarget[] targets) => new ThrottlingFactsBuilder()
        .Provisioned(read: 1000, write: 500)
        .Rate(M.ConsumedReadCapacityUnits, 300)
        .Rate(M.ConsumedWriteCapacityUnits, 495)
        .PerMinute(M.WriteProvisionedThroughputThrottleEvents, 300)
        .PerMinute(M.ThrottledRequests, 300)
        .Build() with
    { ScalableTargets = targets };

    private static RemediationPlan PlanFor(ThrottlingFacts facts, GuardrailPolicy? policy = null) =>
        RemediationPlanner.Plan(ThrottleDiagnoser.Diagnose(facts), facts, policy ?? TestPolicies.Defaults, Now, false);

    private static ScalableTarget Table(bool read, long max) => new("table/Orders", ScalableTarget.DimensionOf(null, read), 5, max);

    [Fact]
    public void AnAutoScaledWriteDimensionGetsAdviceToRaiseMaxCapacityNotAnUpdate()
    {
        RemediationPlan plan = PlanFor(WriteExhausted(Table(read: false, max: 600)));

        Assert.Equal(RemediationKind.NoAction, plan.Action);
        Assert.Null(plan.TableUpdate);
        Assert.Equal(NoActionOutcome.Refused, PlanClassifier.OutcomeIfNotApplied(plan));
        Assert.Contains(plan.Guardrails, n => n.Guardrail == GuardrailKind.AutoScaling);
        Assert.Contains("Application Auto Scaling manages", plan.Summary, StringComparison.Ordinal);
        // Without Auto Scaling the planner raises to 650 (500/s × 1.3): that is how far MaxCapacity must go.
        Assert.Contains(plan.Advice, a => a.Contains("Raise the MaxCapacity of scalable target table/Orders dynamodb:table:WriteCapacityUnits from 600 to 650", StringComparison.Ordinal));
    }

    [Fact]
    public void AMaxCapacityAlreadyHighEnoughPointsAtTheScalingPolicy()
    {
        RemediationPlan plan = PlanFor(WriteExhausted(Table(read: false, max: 4000)));

        Assert.Null(plan.TableUpdate);
        Assert.Contains(plan.Advice, a => a.Contains("already allows up to 4,000", StringComparison.Ordinal));
    }

    [Fact]
    public void AnAutoScaledReadDimensionAlsoKeepsTheSuiteOffWritesOfThatTable()
    {
        // UpdateTable sets read and write together: writing 650 WCU would also send RCU, which Auto Scaling owns.
        RemediationPlan plan = PlanFor(WriteExhausted(Table(read: true, max: 2000)));

        Assert.Null(plan.TableUpdate);
        Assert.Contains(plan.Advice, a => a.Contains("register dynamodb:table:WriteCapacityUnits", StringComparison.Ordinal));
    }

    [Fact]
    public void AnAutoScaledIndexDoesNotStopATableRaise()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Provisioned(read: 1000, write: 500)
            .Index("ByStatus", read: 100, write: 100)
            .Rate(M.ConsumedWriteCapacityUnits, 495)
            .PerMinute(M.WriteProvisionedThroughputThrottleEvents, 300)
            .PerMinute(M.ThrottledRequests, 300)
            .Build() with
        { ScalableTargets = [new("table/Orders/index/ByStatus", ScalableTarget.DimensionOf("ByStatus", read: false), 5, 500)] };

        RemediationPlan plan = PlanFor(facts);

        Assert.Equal(RemediationKind.IncreaseProvisionedCapacity, plan.Action);
        Assert.Equal(650, plan.TableUpdate!.ProvisionedThroughput!.WriteCapacityUnits);
        Assert.Empty(plan.TableUpdate.IndexUpdates);
        Assert.Null(AutoScalingAwareness.Conflict(plan.TableUpdate, facts.ScalableTargets));
    }

    [Fact]
    public void NoSwitchToOnDemandWhileAnIndexIsAutoScaled()
    {
        ThrottlingFacts facts = WriteExhausted() with { ScalableTargets = [new("table/Orders/index/ByStatus", "dynamodb:index:ReadCapacityUnits", 5, 500)] };

        RemediationPlan plan = PlanFor(facts, TestPolicies.OnDemand(o => o with { SwitchFromProvisioned = OnDemandSwitchPolicy.Preferred }));

        Assert.NotEqual(RemediationKind.SwitchToOnDemand, plan.Action);
        Assert.Null(plan.TableUpdate?.BillingMode);
        Assert.Contains(plan.Guardrails, n => n.Guardrail == GuardrailKind.AutoScaling);
    }

    [Fact]
    public void TheRecheckRefusesWhenAutoScalingWasRegisteredSincePlanning()
    {
        ThrottlingFacts facts = WriteExhausted();
        RemediationPlan plan = PlanFor(facts);
        Assert.NotNull(plan.TableUpdate);

        GuardrailCheckResult result = GuardrailCheck.Recheck(plan, facts with { ScalableTargets = [Table(read: false, max: 600)] }, TestPolicies.Defaults, Now.AddMinutes(1));

        Assert.Equal(GuardrailVerdict.Refused, result.Verdict);
        Assert.Equal(GuardrailRefusalReason.AutoScalingManaged, result.Reason);
        Assert.Equal("GuardrailRefused", result.ErrorType);
        Assert.Contains("MaxCapacity", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResourceIdsNameTheTableAndEveryIndex()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder().Provisioned(1, 1).Index("ByStatus", 1, 1).Index("ByCustomer", 1, 1).Build();

        Assert.Equal(["table/Orders", "table/Orders/index/ByStatus", "table/Orders/index/ByCustomer"], ScalableTarget.ResourceIdsOf(facts.Table));
    }

    // Random targets on random resources of random tables: no plan, and no re-checked update, ever sets capacity on
    // (or switches the mode of) a resource with a scalable target.
    private sealed record Scenario(ThrottlingFacts Facts, DateTimeOffset Now, GuardrailPolicy Policy, RemediationPlan Plan, RemediationPlan Unaware);

    private static readonly Gen<List<ScalableTarget>> Targets =
        from picks in Gen.ListOf(Gen.Choose(-1, 3), 0).Or(Gen.ListOf(Gen.Choose(-1, 3), 1)).Or(Gen.ListOf(Gen.Choose(-1, 3), 3))
        from reads in Gen.ListOf(ArbMap.Default.GeneratorFor<bool>(), 3)
        from max in Gen.Choose(1, 100_000)
        select picks.Select((p, i) => p < 0
            ? new ScalableTarget("table/Orders", ScalableTarget.DimensionOf(null, reads[i % 3]), 1, max)
            : new ScalableTarget($"table/Orders/index/Gsi{p}", ScalableTarget.DimensionOf($"Gsi{p}", reads[i % 3]), 1, max)).ToList();

    private static readonly Arbitrary<Scenario> Scenarios = (
        from factsAndNow in ThrottlingGenerators.FactsAndNow
        from policy in Gen.OneOf(ThrottlingGenerators.Policy, ThrottlingGenerators.SwitchFriendlyPolicy)
        from targets in Targets
        let facts = factsAndNow.Facts with { ScalableTargets = targets }
        let diagnosis = ThrottleDiagnoser.Diagnose(facts)
        select new Scenario(facts, factsAndNow.Now, policy,
            RemediationPlanner.Plan(diagnosis, facts, policy, factsAndNow.Now, false),
            RemediationPlanner.Plan(diagnosis, factsAndNow.Facts, policy, factsAndNow.Now, false))).ToArbitrary();

    private static void ForAll(Action<Scenario> property, [CallerMemberName] string name = "") =>
        PropertyCases.ForAll(Scenarios, property, member: name);

    [Fact]
    public void APlanNeverSetsCapacityOnAnAutoScaledDimension() => ForAll(s =>
    {
        Assert.Null(AutoScalingAwareness.Conflict(s.Plan.TableUpdate, s.Facts.ScalableTargets));
        foreach (CapacityAdjustment a in s.Plan.TableUpdate?.Adjustments ?? [])
        {
            if (a.Kind == AdjustmentKind.ProvisionedCapacity)
            {
                Assert.DoesNotContain(s.Facts.ScalableTargets, t => t.IsOn("Orders", a.IndexName));
            }
        }
    });

    [Fact]
    public void TheRecheckNeverLetsThroughAnUpdateOnAnAutoScaledResource() => ForAll(s =>
    {
        // A plan made without knowing the targets (Auto Scaling registered after planning), re-checked with them.
        if (s.Unaware.DryRun || s.Unaware.TableUpdate is null)
        {
            return;
        }

        GuardrailCheckResult result = GuardrailCheck.Recheck(s.Unaware, s.Facts, s.Policy, s.Now.AddMinutes(1));
        if (result.Verdict == GuardrailVerdict.Proceed)
        {
            Assert.Null(AutoScalingAwareness.Conflict(result.EffectiveUpdate, s.Facts.ScalableTargets));
        }
    });
}
