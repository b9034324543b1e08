using Automation.Core.Diagnosis;
using Automation.Core.Errors;
using Automation.Core.Facts;
using Automation.Core.Guardrails;
using Automation.Core.Planning;
using Automation.Core.Tests.Facts;
using Automation.Core.Tests.Guardrails;
using Automation.Tests.Fakes;

using M = Automation.Core.Facts.DynamoDbMetric;

namespace Automation.Core.Tests.Planning;

public class RemediationPlannerTests
{
    private static readonly DateTimeOffset Now = ThrottlingFactsBuilder.WindowEnd.AddMinutes(2);

    /// <summary>500 WCU table at capacity: ~495 WCU/s consumed plus 5 throttled writes/s → demand 500/s.</summary>
    private static ThrottlingFactsBuilder WriteExhausted() => new ThrottlingFactsBuilder()
        .Provisioned(read: 1000, write: 500)
        .Rate(M.ConsumedReadCapacityUnits, 300)
        .Rate(M.ConsumedWriteCapacityUnits, 495)
        .PerMinute(M.WriteProvisionedThroughputThrottleEvents, 300)
        .PerMinute(M.ThrottledRequests, 300);

    private static RemediationPlan PlanFor(ThrottlingFacts facts, GuardrailPolicy? policy = null, bool dryRun = false) =>
        RemediationPlanner.Plan(ThrottleDiagnoser.Diagnose(facts), facts, policy ?? TestPolicies.Defaults, Now, dryRun);

    [Fact]
    public void CapacityIsRaisedToPeakDemandTimesHeadroomKeepingTheOtherDimension()
    {
        RemediationPlan plan = PlanFor(WriteExhausted().Build());

        Assert.Equal(RemediationKind.IncreaseProvisionedCapacity, plan.Action);
        TableUpdate update = plan.TableUpdate!;
        Assert.Null(update.BillingMode);
        Assert.Equal(new ThroughputSetting(1000, 650), update.ProvisionedThroughput); // 500/s × 1.3
        Assert.Empty(update.IndexUpdates);
        CapacityAdjustment adjustment = Assert.Single(update.Adjustments);
        Assert.Equal((500L, 650L, 500.0), (adjustment.From, adjustment.To, adjustment.DemandPerSecond));
        Assert.False(plan.RequiresApproval);
        Assert.False(plan.DryRun);
        Assert.Equal(7, plan.PolicyVersion);
        Assert.Equal("Raise write capacity from 500 to 650 WCU/s of table 'Orders'.", plan.Summary);
        // (1000 × 0.00013 + 650 × 0.00065) × 730
        Assert.Equal(403.3250, update.EstimatedMonthlyCostUsd, 3);
    }

    [Fact]
    public void MinimumIncreaseFactorAppliesWhenMinuteSumsUnderstateDemand()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Provisioned(read: 1000, write: 500)
            .Rate(M.ConsumedWriteCapacityUnits, 400) // bursts within the minute throttle though the average is lower
            .PerMinute(M.WriteProvisionedThroughputThrottleEvents, 30)
            .Build();

        RemediationPlan plan = PlanFor(facts);

        Assert.Equal(600, plan.TableUpdate!.ProvisionedThroughput!.WriteCapacityUnits); // max(401 × 1.3 = 522, 500 × 1.2)
    }

    [Fact]
    public void TheCeilingClipsTheTargetAndIsNoted()
    {
        RemediationPlan plan = PlanFor(WriteExhausted().Build(), TestPolicies.Capacity(c => c with { MaxWriteCapacityUnits = 600 }));

        Assert.Equal(600, plan.TableUpdate!.ProvisionedThroughput!.WriteCapacityUnits);
        Assert.Contains(plan.Guardrails, n => n.Guardrail == GuardrailKind.Ceiling && n.Detail.Contains("650", StringComparison.Ordinal));
    }

    [Fact]
    public void AtTheCeilingNothingIsPlannedAndTheReasonIsGiven()
    {
        RemediationPlan plan = PlanFor(WriteExhausted().Build(), TestPolicies.Capacity(c => c with { MaxWriteCapacityUnits = 500 }));

        Assert.Equal(RemediationKind.NoAction, plan.Action);
        Assert.Null(plan.TableUpdate);
        Assert.Contains("ceiling of 500 WCU/s", plan.Summary, StringComparison.Ordinal);
        Assert.NotEmpty(plan.Advice);
    }

    [Fact]
    public void TheCostCapShrinksTheIncreaseToWhatFits()
    {
        // Current: (1000 × 0.00013 + 500 × 0.00065) × 730 = 332.15 $/month. Cap 360 leaves 27.85 $ ≈ 58 WCU.
        RemediationPlan plan = PlanFor(WriteExhausted().Build(), TestPolicies.Capacity(c => c with { MaxMonthlyCostUsd = 360 }));

        TableUpdate update = plan.TableUpdate!;
        Assert.Equal(558, update.ProvisionedThroughput!.WriteCapacityUnits);
        Assert.True(update.EstimatedMonthlyCostUsd <= 360);
        Assert.Contains(plan.Guardrails, n => n.Guardrail == GuardrailKind.CostCap);
    }

    [Fact]
    public void AboveTheCostCapAlreadyNothingIsRaised()
    {
        RemediationPlan plan = PlanFor(WriteExhausted().Build(), TestPolicies.Capacity(c => c with { MaxMonthlyCostUsd = 300 }));

        Assert.Equal(RemediationKind.NoAction, plan.Action);
        Assert.Contains(plan.Guardrails, n => n.Guardrail == GuardrailKind.CostCap);
    }

    [Fact]
    public void GsiBackPressureRaisesOnlyThatIndexWriteCapacity()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Provisioned(read: 2000, write: 2000)
            .Index("ByStatus", read: 100, write: 100)
            .Rate(M.ConsumedWriteCapacityUnits, 700)
            .Rate(M.ConsumedWriteCapacityUnits, 99, "ByStatus")
            .PerMinute(M.WriteProvisionedThroughputThrottleEvents, 60, "ByStatus")
            .PerMinute(M.ThrottledRequests, 60)
            .Build();

        RemediationPlan plan = PlanFor(facts);

        Assert.Equal(DiagnosisKind.GsiWriteBackPressure, plan.DiagnosisKind);
        Assert.Equal(RemediationKind.IncreaseProvisionedCapacity, plan.Action);
        Assert.Null(plan.TableUpdate!.ProvisionedThroughput);
        IndexUpdate index = Assert.Single(plan.TableUpdate.IndexUpdates);
        Assert.Equal("ByStatus", index.IndexName);
        Assert.Equal(new ThroughputSetting(100, 130), index.ProvisionedThroughput); // (99 + 1)/s × 1.3
        Assert.Contains("index 'ByStatus'", plan.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void AHotKeyGetsShardsAndNeverATableLevelChange()
    {
        // customer#42: 2,400 WCU/s on average over the hour, 1,000 a partition can take → 2,400 × 1.5 / 1,000 → 4 shards.
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Provisioned(read: 3000, write: 6000)
            .Rate(M.ConsumedWriteCapacityUnits, 1500)
            .PerMinute(M.WriteKeyRangeThroughputThrottleEvents, 400)
            .TopKeys(ContributorInsightsRule.PartitionKeyAccessed, 5_400_000 * 1.2, null, ("customer#42", 2_400 * 3600.0))
            .TopKeys(ContributorInsightsRule.PartitionKeyThrottled, 24_000, null, ("customer#42", 0))
            .Build();

        RemediationPlan plan = PlanFor(facts);

        Assert.Equal(RemediationKind.ShardHotKey, plan.Action);
        Assert.Null(plan.TableUpdate);
        ShardingChange change = Assert.Single(plan.Sharding);
        Assert.Equal(("customer#42", 4, 1000), (change.PartitionKey, change.ShardCount, change.PartitionLimitPerSecond));
        Assert.Equal("calculated-suffix/fnv1a-32-utf8", change.Algorithm);
        Assert.True(plan.RequiresApproval);
        Assert.Contains("no table-level change", plan.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void AHotKeyWithoutNamedKeysIsNoActionWithAdvice()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Provisioned(read: 3000, write: 6000)
            .PerMinute(M.WriteKeyRangeThroughputThrottleEvents, 400)
            .Build();

        RemediationPlan plan = PlanFor(facts);

        Assert.Equal((RemediationKind.NoAction, DiagnosisKind.HotKey), (plan.Action, plan.DiagnosisKind));
        Assert.Null(plan.TableUpdate);
        Assert.Contains(plan.Advice, a => a.Contains("Contributor Insights", StringComparison.Ordinal));
    }

    [Fact]
    public void AKeyPrefixSegmentBoundsTheShardCount()
    {
        // Throttled-only report: the key is saturated, so demand is at least 1,000 + throttled rate.
        ThrottlingFacts facts = new ThrottlingFactsBuilder("Orders")
            .Provisioned(read: 3000, write: 6000)
            .PerMinute(M.WriteKeyRangeThroughputThrottleEvents, 600)
            .TopKeys(ContributorInsightsRule.PartitionKeyThrottled, 36_000, null, ("tenant#acme#orders", 36_000))
            .Build();
        GuardrailSettings narrow = GuardrailSettings.Default with { Sharding = GuardrailSettings.Default.Sharding with { MinShards = 1, MaxShards = 1 } };
        GuardrailPolicy policy = TestPolicies.Defaults.WithSegments(new GuardrailSegment("acme", "Orders", null, "tenant#acme", narrow));

        RemediationPlan plan = PlanFor(facts, policy);

        ShardingChange change = Assert.Single(plan.Sharding);
        Assert.Equal((1, 2, true, "acme"), (change.ShardCount, change.RequiredShards, change.CappedByMaximum, change.Segment));
        Assert.Equal(1010, change.ObservedUnitsPerSecond, 6);
        Assert.Contains(plan.Guardrails, n => n.Guardrail == GuardrailKind.ShardBounds);
    }

    [Theory]
    [InlineData("tenant#acme", true)]  // the hot key's own segment is a dry run
    [InlineData("tenant#other", false)] // another key's segment is, not this one's
    public void AKeyPrefixSegmentInDryRunMakesItsShardingPlanADryRun(string dryRunPrefix, bool expectedDryRun)
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder("Orders")
            .Provisioned(read: 3000, write: 6000)
            .PerMinute(M.WriteKeyRangeThroughputThrottleEvents, 600)
            .TopKeys(ContributorInsightsRule.PartitionKeyThrottled, 36_000, null, ("tenant#acme#orders", 36_000))
            .Build();
        GuardrailPolicy policy = TestPolicies.Defaults.WithSegments(
            new GuardrailSegment("keys", "Orders", null, dryRunPrefix, GuardrailSettings.Default with { DryRun = true }));

        RemediationPlan plan = PlanFor(facts, policy);

        Assert.Equal(RemediationKind.ShardHotKey, plan.Action);
        Assert.Equal(expectedDryRun, plan.DryRun);
        Assert.Equal(expectedDryRun, plan.Guardrails.Any(n => n.Guardrail == GuardrailKind.DryRun && n.Detail.Contains("'keys'", StringComparison.Ordinal)));
    }

    [Fact]
    public void AnOnDemandMaximumIsRaisedWithinItsCeilingWhenAllowed()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .OnDemand(maxRead: 12_000, maxWrite: 4_000)
            .Rate(M.ConsumedWriteCapacityUnits, 3_990)
            .PerMinute(M.WriteMaxOnDemandThroughputThrottleEvents, 600)
            .Build();
        // Worst case at 12,000 RRU/s + 5,000 WRU/s is ~$12,150 a month, so the cap is raised for this table.
        GuardrailPolicy policy = TestPolicies.With(s => s with
        {
            OnDemand = s.OnDemand with { RaiseMaximum = true, MaxWriteRequestUnits = 5_000 },
            Capacity = s.Capacity with { MaxMonthlyCostUsd = 50_000 },
        });

        RemediationPlan plan = PlanFor(facts, policy);

        Assert.Equal(RemediationKind.RaiseOnDemandMaximum, plan.Action);
        Assert.Equal(new OnDemandThroughput(12_000, 5_000), plan.TableUpdate!.OnDemandThroughput); // 4,000 × 1.3 = 5,200 clipped
        Assert.Null(plan.TableUpdate.ProvisionedThroughput);
        Assert.True(plan.RequiresApproval); // approval.onDemandMaximumChanges
        Assert.Contains(plan.Guardrails, n => n.Guardrail == GuardrailKind.Ceiling);
    }

    [Fact]
    public void AnOnDemandMaximumIsLeftAloneUnlessConfigured()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .OnDemand(maxRead: 12_000, maxWrite: 4_000)
            .PerMinute(M.WriteMaxOnDemandThroughputThrottleEvents, 600)
            .Build();

        RemediationPlan plan = PlanFor(facts);

        Assert.Equal(RemediationKind.NoAction, plan.Action);
        Assert.Contains("raiseMaximum", plan.Summary, StringComparison.Ordinal);
        Assert.Equal(NoActionOutcome.Refused, PlanClassifier.OutcomeIfNotApplied(plan)); // a guardrail said no: not "nothing needed"
    }

    [Fact]
    public void AccountLimitsGetAdviceOnly()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder().OnDemand().PerMinute(M.WriteAccountLimitThrottleEvents, 50).Build();

        RemediationPlan plan = PlanFor(facts);

        Assert.Equal(RemediationKind.NoAction, plan.Action);
        Assert.Contains(plan.Advice, a => a.Contains("Service Quotas", StringComparison.Ordinal));
    }

    [Fact]
    public void AFalseAlarmIsFlaggedForTheFeedbackLoop()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder().Rate(M.ConsumedWriteCapacityUnits, 100).Build();

        RemediationPlan plan = PlanFor(facts);

        Assert.Equal((RemediationKind.NoAction, true, false), (plan.Action, plan.FalseAlarm, plan.RequiresApproval));
    }

    [Fact]
    public void WhenCappedAndAllowedTheTableSwitchesToOnDemandWithBoundedMaxima()
    {
        GuardrailPolicy policy = TestPolicies.With(s => s with
        {
            Capacity = s.Capacity with { MaxWriteCapacityUnits = 550 },
            OnDemand = s.OnDemand with { SwitchFromProvisioned = OnDemandSwitchPolicy.WhenCapped, MaxReadRequestUnits = 2_000, MaxWriteRequestUnits = 2_000 },
        });
        ThrottlingFacts facts = WriteExhausted().SwitchedToOnDemandAt(Now.AddHours(-30), Now.AddHours(-3)).Build();

        RemediationPlan plan = PlanFor(facts, policy);

        Assert.Equal(RemediationKind.SwitchToOnDemand, plan.Action);
        TableUpdate update = plan.TableUpdate!;
        Assert.Equal(CapacityMode.PayPerRequest, update.BillingMode);
        Assert.Null(update.ProvisionedThroughput);
        Assert.Equal(new OnDemandThroughput(1_000, 650), update.OnDemandThroughput); // read: current 1,000; write: 500 × 1.3
        Assert.True(update.EstimatedMonthlyCostUsd <= 10_000);
        Assert.True(plan.RequiresApproval);
        Assert.Contains(plan.ApprovalReasons, r => r.Contains("approval.modeSwitch", StringComparison.Ordinal));
    }

    [Fact]
    public void FourSwitchesInTwentyFourHoursRuleTheSwitchOutAndFallBackToTheRaise()
    {
        GuardrailPolicy policy = TestPolicies.With(s => s with
        {
            Capacity = s.Capacity with { MaxWriteCapacityUnits = 550 },
            OnDemand = s.OnDemand with { SwitchFromProvisioned = OnDemandSwitchPolicy.WhenCapped },
        });
        ThrottlingFacts facts = WriteExhausted()
            .SwitchedToOnDemandAt(Now.AddHours(-23), Now.AddHours(-12), Now.AddHours(-6), Now.AddMinutes(-50))
            .Build();

        RemediationPlan plan = PlanFor(facts, policy);

        Assert.Equal(RemediationKind.IncreaseProvisionedCapacity, plan.Action);
        Assert.Equal(550, plan.TableUpdate!.ProvisionedThroughput!.WriteCapacityUnits);
        Assert.Contains(plan.Guardrails, n => n.Guardrail == GuardrailKind.ModeSwitch);
    }

    [Fact]
    public void ALargeRaiseRequiresApproval()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Provisioned(read: 1000, write: 100)
            .Rate(M.ConsumedWriteCapacityUnits, 100)
            .PerMinute(M.WriteProvisionedThroughputThrottleEvents, 18_000) // 300 throttled writes/s
            .Build();

        RemediationPlan plan = PlanFor(facts);

        Assert.Equal(520, plan.TableUpdate!.ProvisionedThroughput!.WriteCapacityUnits);
        Assert.True(plan.RequiresApproval);
        Assert.Contains(plan.ApprovalReasons, r => r.Contains("approval.maxIncreaseFactor", StringComparison.Ordinal));
    }

    [Fact]
    public void DryRunIsRecordedWhenRequestedOrConfigured()
    {
        Assert.True(PlanFor(WriteExhausted().Build(), dryRun: true).DryRun);

        GuardrailPolicy configured = TestPolicies.Defaults.WithSegments(
            new GuardrailSegment("orders", "Orders", null, null, GuardrailSettings.Default with { DryRun = true }));
        RemediationPlan plan = PlanFor(WriteExhausted().Build(), configured, dryRun: false);

        Assert.True(plan.DryRun);
        Assert.Equal("orders", plan.Segment);
        Assert.Contains(plan.Guardrails, n => n.Guardrail == GuardrailKind.DryRun);
    }

    [Fact]
    public void TheSameChangeGetsTheSameIdWhenPlannedAgainLater()
    {
        ThrottlingFacts facts = WriteExhausted().Build();
        ThrottleDiagnosis diagnosis = ThrottleDiagnoser.Diagnose(facts);

        RemediationPlan first = RemediationPlanner.Plan(diagnosis, facts, TestPolicies.Defaults, Now, false);
        RemediationPlan second = RemediationPlanner.Plan(diagnosis, facts, TestPolicies.Defaults, new FixedTimeProvider(Now.AddMinutes(3)), false);

        Assert.Equal(first.PlanId, second.PlanId);
        Assert.Equal(Now.AddMinutes(3), second.PlannedAt);
        Assert.NotEqual(first.PlanId, RemediationPlanner.Plan(diagnosis, facts, TestPolicies.Capacity(c => c with { MaxWriteCapacityUnits = 600 }), Now, false).PlanId);
    }

    [Fact]
    public void ADiagnosisOfAnotherTableIsRejected()
    {
        ThrottlingFacts facts = WriteExhausted().Build();
        ThrottleDiagnosis diagnosis = ThrottleDiagnoser.Diagnose(facts) with { TableName = "Invoices" };

        var error = Assert.Throws<AutomationException>(() => RemediationPlanner.Plan(diagnosis, facts, TestPolicies.Defaults, Now, false));

        Assert.Equal((ErrorTypes.InvalidInput, "diagnosis.tableName"), (error.ErrorType, error.Field));
    }
}
