using System.Runtime.CompilerServices;

using Automation.Core.Diagnosis;
using Automation.Core.Facts;
using Automation.Core.Guardrails;
using Automation.Core.Planning;
using Automation.Core.Tests.Facts;
using Automation.Core.Tests.Properties;

using FsCheck;
using FsCheck.Fluent;

namespace Automation.Core.Tests.Planning;

/// <summary>
/// Properties of Diagnose + Plan over random tables, metrics, budgets, policies and clock instants.
/// Each runs <see cref="PropertyCases.Count"/> cases (a few hundred; `make soak`: 10,000); a failure prints
/// the counterexample.
/// </summary>
public class PlanningPropertyTests
{
    private sealed record Scenario(ThrottlingFacts Facts, DateTimeOffset Now, GuardrailPolicy Policy, ThrottleDiagnosis Diagnosis, RemediationPlan Plan);

    private static readonly Arbitrary<Scenario> Scenarios = (
        from factsAndNow in ThrottlingGenerators.FactsAndNow
        from policy in ThrottlingGenerators.Policy
        let diagnosis = ThrottleDiagnoser.Diagnose(factsAndNow.Facts)
        select new Scenario(factsAndNow.Facts, factsAndNow.Now, policy, diagnosis,
            RemediationPlanner.Plan(diagnosis, factsAndNow.Facts, policy, factsAndNow.Now, false))).ToArbitrary();

    private static void ForAll(Action<Scenario> property, [CallerMemberName] string name = "") =>
        PropertyCases.ForAll(Scenarios, property, member: name);

    [Fact]
    public void NeverAboveACeiling() => ForAll(s =>
    {
        foreach (CapacityAdjustment a in s.Plan.TableUpdate?.Adjustments ?? [])
        {
            GuardrailSettings g = s.Policy.For("Orders", a.IndexName);
            long ceiling = (a.Kind, a.Dimension) switch
            {
                (AdjustmentKind.ProvisionedCapacity, CapacityDimension.Read) => g.Capacity.MaxReadCapacityUnits,
                (AdjustmentKind.ProvisionedCapacity, CapacityDimension.Write) => g.Capacity.MaxWriteCapacityUnits,
                (_, CapacityDimension.Read) => g.OnDemand.MaxReadRequestUnits,
                _ => g.OnDemand.MaxWriteRequestUnits,
            };
            Assert.True(a.To <= ceiling, $"{a} above ceiling {ceiling}");
        }
    });

    [Fact]
    public void NeverAboveTheCostCap() => ForAll(s =>
    {
        if (s.Plan.TableUpdate is { } update)
        {
            double cap = s.Policy.For("Orders").Capacity.MaxMonthlyCostUsd;
            double independent = TableCostEstimator.With(s.Facts.Table, s.Policy.Pricing, update.Adjustments, update.BillingMode);
            Assert.Equal(independent, update.EstimatedMonthlyCostUsd);
            Assert.True(update.EstimatedMonthlyCostUsd <= cap, $"estimated {update.EstimatedMonthlyCostUsd} above cap {cap}");
        }
    });

    [Fact]
    public void NeverScalesDownWhileThrottling() => ForAll(s =>
    {
        if (s.Plan.TableUpdate is not { } update)
        {
            return;
        }

        foreach (CapacityAdjustment a in update.Adjustments)
        {
            Assert.True(a.To > a.From || (a.Kind == AdjustmentKind.OnDemandMaximum && a.From == OnDemandThroughput.NoMaximum), $"not an increase: {a}");
        }

        // The UpdateTable itself: no value it sends may be below what the table has (the unchanged half of a pair included).
        Assert.True(Covers(update.ProvisionedThroughput, s.Facts.Table.ProvisionedThroughput));
        foreach (IndexUpdate index in update.IndexUpdates)
        {
            Assert.True(Covers(index.ProvisionedThroughput, s.Facts.Table.FindIndex(index.IndexName)!.ProvisionedThroughput));
        }
    });

    [Fact]
    public void NeverATableLevelChangeForAHotKey() => ForAll(s =>
    {
        if (s.Diagnosis.Kind == DiagnosisKind.HotKey)
        {
            Assert.Null(s.Plan.TableUpdate);
            Assert.Contains(s.Plan.Action, new[] { RemediationKind.ShardHotKey, RemediationKind.AdviseCaching, RemediationKind.NoAction });
        }
        else
        {
            Assert.Empty(s.Plan.Sharding);
        }
    });

    [Fact]
    public void ShardCountsAreWithinBoundsAndSufficientWhenBoundsAllow() => ForAll(s =>
    {
        foreach (ShardingChange change in s.Plan.Sharding)
        {
            ShardingGuardrails bounds = s.Policy.For("Orders", change.IndexName, change.PartitionKey).Sharding;
            Assert.InRange(change.ShardCount, bounds.MinShards, bounds.MaxShards);
            if (!change.CappedByMaximum)
            {
                Assert.True((double)change.ShardCount * change.PartitionLimitPerSecond >= change.ObservedUnitsPerSecond * bounds.Headroom * (1 - 1e-12),
                    $"{change.ShardCount} shards × {change.PartitionLimitPerSecond} < {change.ObservedUnitsPerSecond} × {bounds.Headroom}");
            }
            else
            {
                Assert.Equal(bounds.MaxShards, change.ShardCount);
            }
        }
    });

    [Fact]
    public void APlanPassesItsOwnRecheckOnTheSameFacts() => ForAll(s =>
    {
        GuardrailCheckResult result = GuardrailCheck.Recheck(s.Plan, s.Facts, s.Policy, s.Now.AddMinutes(1));

        Assert.NotEqual(GuardrailVerdict.Refused, result.Verdict);
        if (s.Plan.TableUpdate is not null)
        {
            Assert.Equal(GuardrailVerdict.Proceed, result.Verdict);
            Assert.Equal(s.Plan.TableUpdate.ProvisionedThroughput, result.EffectiveUpdate!.ProvisionedThroughput);
        }
    });

    [Fact]
    public void EveryDiagnosisIsOneExplainedCause() => ForAll(s =>
    {
        Assert.True(Enum.IsDefined(s.Diagnosis.Kind));
        Assert.EndsWith(".", s.Diagnosis.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Diagnosis.Kind, s.Diagnosis.AlsoObserved);
        Assert.False(string.IsNullOrWhiteSpace(s.Plan.Summary));
        Assert.Equal(s.Diagnosis.Kind == DiagnosisKind.NotThrottling, s.Plan.FalseAlarm);
    });

    [Fact]
    public void PlansSurviveAJsonRoundTrip() => ForAll(s =>
    {
        string json = System.Text.Json.JsonSerializer.Serialize(s.Plan, CoreJsonContext.Default.RemediationPlan);
        RemediationPlan back = System.Text.Json.JsonSerializer.Deserialize(json, CoreJsonContext.Default.RemediationPlan)!;

        Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(back, CoreJsonContext.Default.RemediationPlan));
    });

    private static bool Covers(ThroughputSetting? sent, ProvisionedThroughputFacts current) =>
        sent is null || (sent.ReadCapacityUnits >= current.ReadCapacityUnits && sent.WriteCapacityUnits >= current.WriteCapacityUnits);
}
