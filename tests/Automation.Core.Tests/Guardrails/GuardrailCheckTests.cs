using Automation.Core.Diagnosis;
using Automation.Core.Errors;
using Automation.Core.Facts;
using Automation.Core.Guardrails;
using Automation.Core.Planning;
using Automation.Core.Tests.Facts;

using M = Automation.Core.Facts.DynamoDbMetric;

namespace Automation.Core.Tests.Guardrails;

public class GuardrailCheckTests
{
    private static readonly DateTimeOffset PlannedAt = ThrottlingFactsBuilder.WindowEnd.AddMinutes(1);
    private static readonly DateTimeOffset ApplyAt = PlannedAt.AddMinutes(2);

    private static ThrottlingFactsBuilder Throttling(long read = 1000, long write = 500) => new ThrottlingFactsBuilder()
        .Provisioned(read, write)
        .Index("ByStatus", 100, 100)
        .Rate(M.ConsumedWriteCapacityUnits, write - 5)
        .PerMinute(M.WriteProvisionedThroughputThrottleEvents, 300);

    /// <summary>Plans the table write raise 500 → 650 WCU/s.</summary>
    private static RemediationPlan RaisePlan(GuardrailPolicy? policy = null, bool dryRun = false)
    {
        ThrottlingFacts facts = Throttling().Build();
        RemediationPlan plan = RemediationPlanner.Plan(ThrottleDiagnoser.Diagnose(facts), facts, policy ?? TestPolicies.Defaults, PlannedAt, dryRun);
        Assert.Equal(650, plan.TableUpdate!.ProvisionedThroughput!.WriteCapacityUnits);
        return plan;
    }

    /// <summary>A hand-made plan that lowers table reads 1000 → 800 and ByStatus reads 100 → 50 (e.g. a post-incident scale-back).</summary>
    private static RemediationPlan DecreasePlan()
    {
        CapacityAdjustment table = new(null, CapacityDimension.Read, AdjustmentKind.ProvisionedCapacity, 1000, 800, 300, "scale back");
        CapacityAdjustment index = new("ByStatus", CapacityDimension.Read, AdjustmentKind.ProvisionedCapacity, 100, 50, 20, "scale back");
        ThrottlingFacts facts = Throttling().Build();
        TableUpdate update = TableUpdateBuilder.Build(facts.Table, [table, index], null, PricingAssumptions.Default);
        return new RemediationPlan("plan-decrease", "Orders", DiagnosisKind.NotThrottling, null, RemediationKind.IncreaseProvisionedCapacity,
            update, [], false, [], false, false, "Lower read capacity.", [], [], null, 7, PlannedAt);
    }

    private static ThrottlingFacts Quiet(int tableDecreases = 0, DateTimeOffset? tableLast = null, int indexDecreases = 0, DateTimeOffset? indexLast = null) =>
        new ThrottlingFactsBuilder()
            .Provisioned(1000, 500, tableDecreases, tableLast)
            .Index("ByStatus", 100, 100, decreasesToday: indexDecreases, lastDecrease: indexLast)
            .Rate(M.ConsumedReadCapacityUnits, 200)
            .Build();

    [Fact]
    public void AnUnchangedTableProceedsWithThePlannedUpdate()
    {
        RemediationPlan plan = RaisePlan();

        GuardrailCheckResult result = GuardrailCheck.Recheck(plan, Throttling().Build(), TestPolicies.Defaults, ApplyAt);

        Assert.Equal(GuardrailVerdict.Proceed, result.Verdict);
        Assert.Equal(new ThroughputSetting(1000, 650), result.EffectiveUpdate!.ProvisionedThroughput);
        Assert.Equal((plan.PlanId, ApplyAt), (result.PlanId, result.CheckedAt));
        Assert.Same(result, result.ThrowIfRefused());
    }

    [Fact]
    public void AnAlreadyAppliedPlanIsANoOp()
    {
        GuardrailCheckResult result = GuardrailCheck.Recheck(RaisePlan(), Throttling(write: 650).Build(), TestPolicies.Defaults, ApplyAt);

        Assert.Equal(GuardrailVerdict.AlreadyApplied, result.Verdict);
        Assert.Null(result.EffectiveUpdate);
    }

    [Fact]
    public void CapacitySomeoneRaisedFurtherIsNeverPulledBack()
    {
        GuardrailCheckResult result = GuardrailCheck.Recheck(RaisePlan(), Throttling(write: 900).Build(), TestPolicies.Defaults, ApplyAt);

        Assert.Equal(GuardrailVerdict.AlreadyApplied, result.Verdict);
    }

    [Fact]
    public void TheUnchangedHalfOfTheThroughputPairCarriesTheFreshValue()
    {
        // Autoscaling raised reads to 1,500 since planning; sending the planned pair would lower them.
        GuardrailCheckResult result = GuardrailCheck.Recheck(RaisePlan(), Throttling(read: 1500).Build(), TestPolicies.Defaults, ApplyAt);

        Assert.Equal(GuardrailVerdict.Proceed, result.Verdict);
        Assert.Equal(new ThroughputSetting(1500, 650), result.EffectiveUpdate!.ProvisionedThroughput);
    }

    [Fact]
    public void ATableInTheMiddleOfAnUpdateIsRefusedAsRetryable()
    {
        ThrottlingFacts fresh = Throttling().Status(ResourceStatus.Updating).Build();

        GuardrailCheckResult result = GuardrailCheck.Recheck(RaisePlan(), fresh, TestPolicies.Defaults, ApplyAt);

        Assert.Equal((GuardrailVerdict.Refused, GuardrailRefusalReason.TableNotActive), (result.Verdict, result.Reason));
        var error = Assert.Throws<AutomationException>(() => result.ThrowIfRefused());
        Assert.Equal(Errors.ErrorTypes.ResourceNotReady, error.ErrorType);
    }

    [Fact]
    public void ALoweredCeilingRefusesThePlan()
    {
        GuardrailCheckResult result = GuardrailCheck.Recheck(RaisePlan(), Throttling().Build(), TestPolicies.Capacity(c => c with { MaxWriteCapacityUnits = 600 }), ApplyAt);

        Assert.Equal(GuardrailRefusalReason.AboveCeiling, result.Reason);
        Assert.Equal(ErrorTypes.GuardrailRefused, Assert.Throws<AutomationException>(() => result.ThrowIfRefused()).ErrorType);
    }

    [Fact]
    public void ALoweredCostCapRefusesThePlan()
    {
        GuardrailCheckResult result = GuardrailCheck.Recheck(RaisePlan(), Throttling().Build(), TestPolicies.Capacity(c => c with { MaxMonthlyCostUsd = 400 }), ApplyAt);

        Assert.Equal(GuardrailRefusalReason.AboveCostCap, result.Reason);
    }

    [Fact]
    public void AStalePlanIsRefused()
    {
        GuardrailCheckResult result = GuardrailCheck.Recheck(RaisePlan(), Throttling().Build(), TestPolicies.Defaults, PlannedAt.AddMinutes(31));

        Assert.Equal(GuardrailRefusalReason.PlanExpired, result.Reason);
    }

    [Fact]
    public void ADryRunPlanIsNeverApplied()
    {
        GuardrailCheckResult result = GuardrailCheck.Recheck(RaisePlan(dryRun: true), Throttling().Build(), TestPolicies.Defaults, ApplyAt);

        Assert.Equal(GuardrailVerdict.DryRun, result.Verdict);
        Assert.Null(result.EffectiveUpdate);
    }

    [Fact]
    public void AProvisionedPlanForATableNowOnDemandIsRefused()
    {
        ThrottlingFacts fresh = new ThrottlingFactsBuilder().OnDemand().Index("ByStatus", 0, 0).Build();

        GuardrailCheckResult result = GuardrailCheck.Recheck(RaisePlan(), fresh, TestPolicies.Defaults, ApplyAt);

        Assert.Equal(GuardrailRefusalReason.CapacityModeChanged, result.Reason);
    }

    [Fact]
    public void ADecreaseWhileThrottlingIsRefused()
    {
        ThrottlingFacts fresh = new ThrottlingFactsBuilder()
            .Provisioned(1000, 500).Index("ByStatus", 100, 100)
            .PerMinute(M.WriteKeyRangeThroughputThrottleEvents, 1)
            .Build();

        GuardrailCheckResult result = GuardrailCheck.Recheck(DecreasePlan(), fresh, TestPolicies.Defaults, ApplyAt);

        Assert.Equal(GuardrailRefusalReason.DecreaseWhileThrottling, result.Reason);
    }

    [Fact]
    public void ADecreaseWithinBothBudgetsProceeds()
    {
        GuardrailCheckResult result = GuardrailCheck.Recheck(DecreasePlan(), Quiet(), TestPolicies.Defaults, ApplyAt);

        Assert.Equal(GuardrailVerdict.Proceed, result.Verdict);
        Assert.Equal(new ThroughputSetting(800, 500), result.EffectiveUpdate!.ProvisionedThroughput);
        Assert.Equal(new ThroughputSetting(50, 100), Assert.Single(result.EffectiveUpdate.IndexUpdates).ProvisionedThroughput);
    }

    [Fact]
    public void AnIndexOutOfDecreasesRefusesTheWholeUpdate()
    {
        // The table could decrease; the index decreased 20 minutes ago. DynamoDB refuses the whole UpdateTable.
        ThrottlingFacts fresh = Quiet(indexDecreases: 6, indexLast: ApplyAt.AddMinutes(-20));

        GuardrailCheckResult result = GuardrailCheck.Recheck(DecreasePlan(), fresh, TestPolicies.Defaults, ApplyAt);

        Assert.Equal((GuardrailRefusalReason.DecreaseBudgetExhausted, "ByStatus"), (result.Reason, result.IndexName));
        Assert.Null(result.EffectiveUpdate);
        Assert.Contains("whole update", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingIndexIsReportedAsIndexNotFound()
    {
        CapacityAdjustment index = new("ByStatus", CapacityDimension.Write, AdjustmentKind.ProvisionedCapacity, 100, 130, 100, "raise");
        RemediationPlan plan = DecreasePlan() with
        {
            TableUpdate = TableUpdateBuilder.Build(Throttling().Build().Table, [index], null, PricingAssumptions.Default),
        };
        ThrottlingFacts fresh = new ThrottlingFactsBuilder().Provisioned(1000, 500).Build();

        GuardrailCheckResult result = GuardrailCheck.Recheck(plan, fresh, TestPolicies.Defaults, ApplyAt);

        Assert.Equal((GuardrailRefusalReason.IndexMissing, ErrorTypes.IndexNotFound), (result.Reason, result.ErrorType));
    }

    /// <summary>A write ceiling of 550 WCU/s under a 650 target, switches allowed when capped: the plan is a switch to on-demand.</summary>
    private static (GuardrailPolicy Policy, ThrottlingFacts Facts, RemediationPlan Plan) SwitchPlan()
    {
        GuardrailPolicy policy = TestPolicies.With(s => s with
        {
            Capacity = s.Capacity with { MaxWriteCapacityUnits = 550 },
            OnDemand = s.OnDemand with { SwitchFromProvisioned = OnDemandSwitchPolicy.WhenCapped },
        });
        ThrottlingFacts facts = Throttling().Build();
        RemediationPlan plan = RemediationPlanner.Plan(ThrottleDiagnoser.Diagnose(facts), facts, policy, PlannedAt, false);
        Assert.Equal(RemediationKind.SwitchToOnDemand, plan.Action);
        return (policy, facts, plan);
    }

    [Fact]
    public void ASwitchIsRefusedOnceTheQuotaIsUsedAndANoOpOnceDone()
    {
        (GuardrailPolicy policy, ThrottlingFacts facts, RemediationPlan plan) = SwitchPlan();

        ThrottlingFacts used = Throttling().SwitchedToOnDemandAt(ApplyAt.AddHours(-20), ApplyAt.AddHours(-10), ApplyAt.AddHours(-5), ApplyAt.AddHours(-1)).Build();
        Assert.Equal(GuardrailRefusalReason.ModeSwitchLimitReached, GuardrailCheck.Recheck(plan, used, policy, ApplyAt).Reason);

        ThrottlingFacts switched = new ThrottlingFactsBuilder().OnDemand().Index("ByStatus", 0, 0).Build();
        Assert.Equal(GuardrailVerdict.AlreadyApplied, GuardrailCheck.Recheck(plan, switched, policy, ApplyAt).Verdict);

        GuardrailCheckResult proceed = GuardrailCheck.Recheck(plan, facts, policy, ApplyAt);
        Assert.Equal(GuardrailVerdict.Proceed, proceed.Verdict);
        Assert.Equal(CapacityMode.PayPerRequest, proceed.EffectiveUpdate!.BillingMode);
        Assert.Equal(GuardrailRefusalReason.ModeSwitchNotAllowed, GuardrailCheck.Recheck(plan, facts, TestPolicies.Defaults, ApplyAt).Reason);
    }

    [Fact]
    public void ASwitchIsRefusedWhenAGsiWasAddedSincePlanning()
    {
        (GuardrailPolicy policy, ThrottlingFacts facts, RemediationPlan plan) = SwitchPlan();
        ThrottlingFacts withNewIndex = Throttling().Index("ByCustomer", 50, 50).Build();

        GuardrailCheckResult result = GuardrailCheck.Recheck(plan, withNewIndex, policy, ApplyAt);

        Assert.Equal((GuardrailVerdict.Refused, GuardrailRefusalReason.IndexAdded, "ByCustomer"), (result.Verdict, result.Reason, result.IndexName));
        Assert.Equal(ErrorTypes.GuardrailRefused, result.ErrorType);
        Assert.Null(result.EffectiveUpdate);
        Assert.Equal(GuardrailVerdict.Proceed, GuardrailCheck.Recheck(plan, facts, policy, ApplyAt).Verdict);
    }

    [Fact]
    public void AShardCountOutsideUpdatedBoundsIsRefused()
    {
        ShardingChange change = new("Orders", null, "customer#42", 40, 40, false, 26_000, 1000, "calculated-suffix/fnv1a-32-utf8", "#", null);
        RemediationPlan plan = DecreasePlan() with { Action = RemediationKind.ShardHotKey, TableUpdate = null, Sharding = [change] };

        GuardrailCheckResult refused = GuardrailCheck.Recheck(plan, Quiet(), TestPolicies.Defaults, ApplyAt);
        GuardrailCheckResult allowed = GuardrailCheck.Recheck(plan with { Sharding = [change with { ShardCount = 8 }] }, Quiet(), TestPolicies.Defaults, ApplyAt);

        Assert.Equal(GuardrailRefusalReason.ShardCountOutOfBounds, refused.Reason);
        Assert.Equal(GuardrailVerdict.Proceed, allowed.Verdict);
        Assert.Single(allowed.Sharding);
    }

    [Fact]
    public void FreshFactsOfAnotherTableAreRejected()
    {
        var error = Assert.Throws<AutomationException>(() =>
            GuardrailCheck.Recheck(RaisePlan(), new ThrottlingFactsBuilder("Invoices").Build(), TestPolicies.Defaults, ApplyAt));

        Assert.Equal((ErrorTypes.InvalidInput, "plan.tableName"), (error.ErrorType, error.Field));
    }
}
