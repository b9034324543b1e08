using Automation.Core.Diagnosis;
using Automation.Core.Errors;
using Automation.Core.Facts;
using Automation.Core.Guardrails;

namespace Automation.Core.Planning;

/// <summary>
/// Plans for <see cref="DiagnosisKind.ProvisionedCapacityExhausted"/> and <see cref="DiagnosisKind.GsiWriteBackPressure"/>:
/// raise the throttled capacity of the diagnosed resource (for back-pressure: that GSI's write capacity) to
/// peak demand × headroom, clipped by the ceiling and then by the table's monthly cost cap. Never lowers
/// anything. Switches to on-demand instead when the policy asks for it, the rolling-24 h quota allows it,
/// the on-demand maxima meet the target, and their worst-case cost fits the cap.
/// </summary>
internal static class CapacityPlanner
{
    private sealed record Target(CapacityDimension Dimension, long From, long Wanted, long Capped, double Demand);

    public static void Plan(PlanContext c, PlanDraft d)
    {
        string tableName = c.Table.TableName;
        string? index = c.Diagnosis.IndexName;
        string resource = PlanText.Resource(tableName, index);
        if (c.Table.CapacityMode != CapacityMode.Provisioned)
        {
            d.Summary = PlanText.Format($"No change: {resource} is already on-demand, so there is no provisioned capacity to raise.");
            d.Advice.Add("The provisioned-capacity throttles predate a switch to on-demand; watch whether throttling continues.");
            return;
        }

        ProvisionedThroughputFacts current = c.Table.ThroughputOf(index)
            ?? throw new AutomationException(ErrorTypes.IndexNotFound, $"Index '{index}' is not a GSI of table '{tableName}'.") { Field = "diagnosis.indexName" };
        IReadOnlyList<ScalableTarget> scaled = AutoScalingAwareness.TargetsOn(c.Facts.ScalableTargets, tableName, index);
        if (scaled.Count > 0)
        {
            // Auto Scaling owns this resource's capacity: advice only (and no switch to on-demand either).
            AutoScalingAwareness.Plan(c, d, index, scaled, DimensionsOf(c.Diagnosis));
            return;
        }

        CapacityGuardrails capacity = c.SettingsOf(index).Capacity;

        var targets = new List<Target>();
        bool limited = false;
        foreach (CapacityDimension dimension in DimensionsOf(c.Diagnosis))
        {
            bool read = dimension == CapacityDimension.Read;
            long from = read ? current.ReadCapacityUnits : current.WriteCapacityUnits;
            long ceiling = read ? capacity.MaxReadCapacityUnits : capacity.MaxWriteCapacityUnits;
            double demand = DemandEstimator.ProvisionedPeak(c.Metrics, index, dimension);
            long wanted = Units.RaiseTarget(from, demand, capacity.Headroom, capacity.MinimumIncreaseFactor);
            long capped = Math.Min(wanted, ceiling);
            string unit = PlanText.Unit(dimension, AdjustmentKind.ProvisionedCapacity);
            if (capped <= from)
            {
                limited = true;
                d.Note(GuardrailKind.Ceiling, index, PlanText.Format(
                    $"{PlanText.Name(dimension)} capacity {from:N0} {unit} is already at or above the ceiling of {ceiling:N0} {unit}."));
                continue;
            }

            if (capped < wanted)
            {
                limited = true;
                d.Note(GuardrailKind.Ceiling, index, PlanText.Format(
                    $"{PlanText.Name(dimension)} target {wanted:N0} {unit} clipped to the ceiling of {ceiling:N0} {unit}."));
            }

            targets.Add(new Target(dimension, from, wanted, capped, demand));
        }

        List<CapacityAdjustment> adjustments = FitToCostCap(c, d, index, targets, ref limited);
        OnDemandGuardrails onDemand = c.TableSettings.OnDemand;
        bool wantSwitch = onDemand.SwitchFromProvisioned == OnDemandSwitchPolicy.Preferred
            || (onDemand.SwitchFromProvisioned == OnDemandSwitchPolicy.WhenCapped && limited);
        if (wantSwitch && c.Facts.ScalableTargets.Any(t => t.ResourceId.StartsWith(ScalableTarget.ResourceIdOf(tableName, null), StringComparison.Ordinal)))
        {
            // A switch changes every index's mode too: not while Auto Scaling manages one of them.
            wantSwitch = false;
            d.Note(GuardrailKind.AutoScaling, index, "no switch to on-demand: Application Auto Scaling manages capacity of the table or one of its indexes.");
        }

        if (wantSwitch && OnDemandSwitchPlanner.TryPlan(c, d, targets.ConvertAll(t => (t.Dimension, t.Wanted))))
        {
            return;
        }

        if (adjustments.Count == 0)
        {
            d.Summary = PlanText.Format($"No capacity change for {resource}: {(d.Notes.Count > 0 ? d.Notes[^1].Detail : "no increase is needed.")}");
            d.Advice.Add("Raise the ceiling or the cost cap in the table's segment file (runbooks/segments/) or runbooks/defaults.yaml, or allow a switch to on-demand (onDemand.switchFromProvisioned), if this throttling must be absorbed.");
            return;
        }

        d.Action = RemediationKind.IncreaseProvisionedCapacity;
        d.TableUpdate = TableUpdateBuilder.Build(c.Table, adjustments, null, c.Policy.Pricing);
        d.Summary = PlanText.Format($"Raise {Describe(adjustments)} of {resource}.");
        if (index is null && c.Table.GlobalSecondaryIndexes.Count > 0 && HasWrite(adjustments))
        {
            d.Advice.Add("More table writes also mean more index writes: check that each GSI's write capacity keeps up, or it will throttle the table.");
        }
    }

    private static List<CapacityAdjustment> FitToCostCap(PlanContext c, PlanDraft d, string? index, List<Target> targets, ref bool limited)
    {
        double cap = c.TableSettings.Capacity.MaxMonthlyCostUsd;
        long[] from = targets.ConvertAll(t => t.From).ToArray();
        long[] to = targets.ConvertAll(t => t.Capped).ToArray();
        long[] fitted = CostCapFitter.Fit(from, to, values => TableCostEstimator.With(c.Table, c.Policy.Pricing, Adjust(index, targets, values), null), cap);

        var adjustments = new List<CapacityAdjustment>();
        for (int i = 0; i < targets.Count; i++)
        {
            Target t = targets[i];
            string unit = PlanText.Unit(t.Dimension, AdjustmentKind.ProvisionedCapacity);
            if (fitted[i] < t.Capped)
            {
                limited = true;
                d.Note(GuardrailKind.CostCap, index, fitted[i] > t.From
                    ? PlanText.Format($"{PlanText.Name(t.Dimension)} target {t.Capped:N0} {unit} reduced to {fitted[i]:N0} {unit} to stay within the monthly cost cap of ${cap:N2}.")
                    : PlanText.Format($"no {PlanText.Name(t.Dimension)} increase fits the monthly cost cap of ${cap:N2}."));
            }

            if (fitted[i] > t.From)
            {
                adjustments.Add(new CapacityAdjustment(index, t.Dimension, AdjustmentKind.ProvisionedCapacity, t.From, fitted[i], t.Demand,
                    PlanText.Format($"peak demand {t.Demand:N0} {unit} × headroom asks for {t.Wanted:N0} {unit}; planned {fitted[i]:N0} {unit}.")));
            }
        }

        return adjustments;
    }

    private static List<CapacityAdjustment> Adjust(string? index, List<Target> targets, long[] values)
    {
        var list = new List<CapacityAdjustment>(targets.Count);
        for (int i = 0; i < targets.Count; i++)
        {
            list.Add(new CapacityAdjustment(index, targets[i].Dimension, AdjustmentKind.ProvisionedCapacity, targets[i].From, values[i], 0, string.Empty));
        }

        return list;
    }

    private static IEnumerable<CapacityDimension> DimensionsOf(ThrottleDiagnosis diagnosis)
    {
        if (diagnosis.Kind == DiagnosisKind.GsiWriteBackPressure)
        {
            // A GSI short of write capacity throttles base-table writes: only its write capacity helps.
            yield return CapacityDimension.Write;
            yield break;
        }

        if (diagnosis.Operations is ThrottledOperations.Read or ThrottledOperations.ReadAndWrite)
        {
            yield return CapacityDimension.Read;
        }

        if (diagnosis.Operations is ThrottledOperations.Write or ThrottledOperations.ReadAndWrite)
        {
            yield return CapacityDimension.Write;
        }
    }

    private static bool HasWrite(List<CapacityAdjustment> adjustments) => adjustments.Exists(a => a.Dimension == CapacityDimension.Write);

    internal static string Describe(IReadOnlyList<CapacityAdjustment> adjustments)
    {
        var parts = new List<string>(adjustments.Count);
        foreach (CapacityAdjustment a in adjustments)
        {
            string what = a.Kind == AdjustmentKind.ProvisionedCapacity ? "capacity" : "on-demand maximum";
            string unit = PlanText.Unit(a.Dimension, a.Kind);
            parts.Add(PlanText.Format($"{PlanText.Name(a.Dimension)} {what} from {a.From:N0} to {a.To:N0} {unit}"));
        }

        return string.Join(" and ", parts);
    }
}
