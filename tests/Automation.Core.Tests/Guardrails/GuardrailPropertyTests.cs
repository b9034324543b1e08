using Automation.Core.Diagnosis;
using Automation.Core.Facts;
using Automation.Core.Guardrails;
using Automation.Core.Planning;
using Automation.Core.Tests.Facts;
using Automation.Core.Tests.Properties;

using FsCheck;
using FsCheck.Fluent;

namespace Automation.Core.Tests.Guardrails;

public class GuardrailPropertyTests
{
    /// <summary>
    /// Drives a table through a random sequence of decrease attempts over two days, letting the budget decide,
    /// and checks the accepted decreases against DynamoDB's rules written out independently: at most 27 a UTC
    /// day, at most 4 in its first hour, and after the first hour none within an hour of another. It also
    /// checks the budget is not stricter than the rules: every refusal is explained by one of them.
    /// </summary>
    [Fact]
    public void TheDecreaseBudgetIsExactlyDynamoDbsQuota()
    {
        Gen<List<int>> gaps = Gen.Choose(1, 150).SelectMany(n => Gen.ListOf(Gen.Frequency((3, Gen.Choose(0, 20)), (1, Gen.Choose(20, 120))), n)).Select(l => l.ToList());
        Gen<(DateTimeOffset Start, List<int> Gaps)> runs =
            from startMinute in Gen.Choose(0, 24 * 60)
            from g in gaps
            select (ThrottlingGenerators.Epoch.AddMinutes(startMinute), g);

        PropertyCases.Check(Prop.ForAll(runs.ToArbitrary(), run =>
        {
            var accepted = new List<DateTimeOffset>();
            int today = 0;
            DateTimeOffset? last = null;
            DateTimeOffset t = run.Start;
            foreach (int gap in run.Gaps)
            {
                t = t.AddMinutes(gap);
                DecreaseBudget budget = DecreaseBudgetCalculator.For(new ProvisionedThroughputFacts(100, 100, today, last, null), t);
                bool allowed = RulesAllow(accepted, t);
                Assert.True(allowed == budget.Available >= 1, $"at {t:u} after [{string.Join(", ", accepted.Select(a => a.ToString("HH:mm", null)))}]: budget {budget.Available}, rules {(allowed ? "allow" : "refuse")}");
                if (allowed)
                {
                    today = last is { } l && l.UtcDateTime.Date == t.UtcDateTime.Date ? today + 1 : 1;
                    last = t;
                    accepted.Add(t);
                }
            }
        }));
    }

    /// <summary>DynamoDB's decrease quota, stated directly over the accepted history (the model of DESIGN.md §3).</summary>
    private static bool RulesAllow(List<DateTimeOffset> accepted, DateTimeOffset t)
    {
        DateTime day = t.UtcDateTime.Date;
        List<DateTimeOffset> sameDay = accepted.Where(a => a.UtcDateTime.Date == day).ToList();
        if (sameDay.Count >= 27)
        {
            return false;
        }

        bool firstHour = t.UtcDateTime < day.AddHours(1);
        if (firstHour)
        {
            return sameDay.Count < 4;
        }

        return !accepted.Any(a => a > t.AddHours(-1) && a <= t);
    }

    private sealed record RecheckCase(ThrottlingFacts Fresh, DateTimeOffset Now, GuardrailPolicy Policy, RemediationPlan Plan);

    /// <summary>Random plans (raises and decreases on the table and its GSIs) re-checked against random fresh facts.</summary>
    private static readonly Arbitrary<RecheckCase> RecheckCases = (
        from factsAndNow in ThrottlingGenerators.FactsAndNow.Where(f => f.Facts.Table.CapacityMode == CapacityMode.Provisioned)
        from policy in ThrottlingGenerators.Policy
        let resources = new string?[] { null }.Concat(factsAndNow.Facts.Table.GlobalSecondaryIndexes.Select(i => (string?)i.IndexName)).ToList()
        from targets in Gen.CollectToList(resources, r =>
            from dimension in Gen.Elements(CapacityDimension.Read, CapacityDimension.Write)
            from from_ in Gen.Choose(1, 20_000)
            from to in Gen.Choose(1, 25_000)
            from include in Gen.Elements(true, true, false)
            select include ? new CapacityAdjustment(r, dimension, AdjustmentKind.ProvisionedCapacity, from_, to, 0, "random") : null)
        let adjustments = targets.Where(a => a is not null).Select(a => a!).ToList()
        where adjustments.Count > 0
        let update = TableUpdateBuilder.Build(factsAndNow.Facts.Table, adjustments, null, policy.Pricing)
        let plan = new RemediationPlan("plan-random", "Orders", DiagnosisKind.ProvisionedCapacityExhausted, null, RemediationKind.IncreaseProvisionedCapacity,
            update, [], false, [], false, false, "random", [], [], null, 1, factsAndNow.Now.AddMinutes(-1))
        select new RecheckCase(factsAndNow.Facts, factsAndNow.Now, policy, plan)).ToArbitrary();

    [Fact]
    public void TheRecheckNeverLetsThroughABrokenBudgetADecreaseWhileThrottlingACeilingOrTheCap()
    {
        PropertyCases.Check(Prop.ForAll(RecheckCases, c =>
        {
            GuardrailCheckResult result = GuardrailCheck.Recheck(c.Plan, c.Fresh, c.Policy, c.Now);
            bool throttling = ThrottleSignalReader.Read(c.Fresh, new MetricLookup(c.Fresh.Metrics)).Any(s => s.AnyThrottling > 0);
            bool anyDecreaseOverBudget = false;
            foreach (CapacityAdjustment a in c.Plan.TableUpdate!.Adjustments)
            {
                ProvisionedThroughputFacts current = c.Fresh.Table.ThroughputOf(a.IndexName)!;
                long value = a.Dimension == CapacityDimension.Read ? current.ReadCapacityUnits : current.WriteCapacityUnits;
                bool decreaseNow = a.To < value && a.To < a.From; // a planned decrease that still lowers the fresh value
                anyDecreaseOverBudget |= decreaseNow && DecreaseBudgetCalculator.For(current, c.Now).Available < 1;
            }

            if (anyDecreaseOverBudget)
            {
                Assert.NotEqual(GuardrailVerdict.Proceed, result.Verdict);
            }

            if (result.Verdict != GuardrailVerdict.Proceed)
            {
                return;
            }

            TableUpdate sent = result.EffectiveUpdate!;
            foreach (CapacityAdjustment a in sent.Adjustments)
            {
                ProvisionedThroughputFacts current = c.Fresh.Table.ThroughputOf(a.IndexName)!;
                GuardrailSettings g = c.Policy.For("Orders", a.IndexName);
                if (a.To < a.From)
                {
                    Assert.False(throttling, $"decrease {a} while throttling");
                    Assert.True(DecreaseBudgetCalculator.For(current, c.Now).Available >= 1, $"decrease {a} over budget");
                }
                else
                {
                    long ceiling = a.Dimension == CapacityDimension.Read ? g.Capacity.MaxReadCapacityUnits : g.Capacity.MaxWriteCapacityUnits;
                    Assert.True(a.To <= ceiling, $"{a} above ceiling {ceiling}");
                }
            }

            if (sent.EstimatedMonthlyCostUsd > sent.CurrentMonthlyCostUsd)
            {
                Assert.True(sent.EstimatedMonthlyCostUsd <= c.Policy.For("Orders").Capacity.MaxMonthlyCostUsd);
            }

            // A value the plan meant to raise is never sent below the fresh value.
            foreach (CapacityAdjustment planned in c.Plan.TableUpdate.Adjustments.Where(a => a.To >= a.From))
            {
                ThroughputSetting? pair = planned.IndexName is null
                    ? sent.ProvisionedThroughput
                    : sent.IndexUpdates.FirstOrDefault(i => i.IndexName == planned.IndexName)?.ProvisionedThroughput;
                ProvisionedThroughputFacts current = c.Fresh.Table.ThroughputOf(planned.IndexName)!;
                if (pair is not null)
                {
                    long sentValue = planned.Dimension == CapacityDimension.Read ? pair.ReadCapacityUnits : pair.WriteCapacityUnits;
                    long freshValue = planned.Dimension == CapacityDimension.Read ? current.ReadCapacityUnits : current.WriteCapacityUnits;
                    Assert.True(sentValue >= freshValue, $"raise {planned} sent as {sentValue} below fresh {freshValue}");
                }
            }
        }));
    }

    [Fact]
    public void SwitchesStayWithinTheQuotaTheCeilingsAndTheCap()
    {
        Arbitrary<(ThrottlingFacts Facts, DateTimeOffset Now, GuardrailPolicy Policy)> cases = (
            from f in ThrottlingGenerators.FactsAndNow.Where(f => f.Facts.Table.CapacityMode == CapacityMode.Provisioned)
            from p in ThrottlingGenerators.SwitchFriendlyPolicy
            select (f.Facts, f.Now, p)).ToArbitrary();
        int switches = 0;

        PropertyCases.Check(Prop.ForAll(cases, c =>
        {
            RemediationPlan plan = RemediationPlanner.Plan(ThrottleDiagnoser.Diagnose(c.Facts), c.Facts, c.Policy, c.Now, false);
            if (plan.Action != RemediationKind.SwitchToOnDemand)
            {
                return;
            }

            switches++;
            OnDemandGuardrails rules = c.Policy.Defaults.OnDemand;
            Assert.True(ModeSwitchAllowance.SwitchesInLast24Hours(c.Facts.OnDemandSwitches, c.Now) < Math.Min(4, rules.MaxSwitchesPer24Hours));
            TableUpdate update = plan.TableUpdate!;
            Assert.Equal(CapacityMode.PayPerRequest, update.BillingMode);
            Assert.True(update.EstimatedMonthlyCostUsd <= c.Policy.Defaults.Capacity.MaxMonthlyCostUsd);
            Assert.All(update.Adjustments, a => Assert.True(a.To <= (a.Dimension == CapacityDimension.Read ? rules.MaxReadRequestUnits : rules.MaxWriteRequestUnits)));
            Assert.Equal(1 + c.Facts.Table.GlobalSecondaryIndexes.Count, update.Adjustments.Select(a => a.IndexName).Distinct().Count());
        }));

        Assert.True(switches > 10, $"only {switches} switches were generated; the property tested too little");
    }
}
