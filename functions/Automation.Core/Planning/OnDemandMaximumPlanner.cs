using Automation.Core.Diagnosis;
using Automation.Core.Facts;
using Automation.Core.Guardrails;

namespace Automation.Core.Planning;

/// <summary>
/// Plans for <see cref="DiagnosisKind.OnDemandMaximumReached"/>: when <c>onDemand.raiseMaximum</c> allows,
/// raise the throttled maxima of the resource to peak demand × headroom within the on-demand ceilings and
/// the cost cap (worst case at the maxima); otherwise no action, with advice.
/// </summary>
internal static class OnDemandMaximumPlanner
{
    public static void Plan(PlanContext c, PlanDraft d)
    {
        string? index = c.Diagnosis.IndexName;
        string resource = PlanText.Resource(c.Table.TableName, index);
        GuardrailSettings settings = c.SettingsOf(index);
        if (!settings.OnDemand.RaiseMaximum)
        {
            d.Summary = PlanText.Format($"No change: {resource} is at its on-demand maximum and the guardrails do not allow raising it (onDemand.raiseMaximum is false).");
            d.Advice.Add("Raise OnDemandThroughput by hand if the demand is legitimate, or set onDemand.raiseMaximum with a ceiling for this segment.");
            d.Note(GuardrailKind.OnDemandMaximumPolicy, index, "onDemand.raiseMaximum is false: the maximum is not raised automatically.");
            return;
        }

        OnDemandThroughput? maxima = c.Table.OnDemandThroughputOf(index);
        var adjustments = new List<CapacityAdjustment>();
        foreach (CapacityDimension dimension in Dimensions(c.Diagnosis.Operations))
        {
            bool read = dimension == CapacityDimension.Read;
            long from = (read ? maxima?.MaxReadRequestUnits : maxima?.MaxWriteRequestUnits) ?? OnDemandThroughput.NoMaximum;
            string unit = PlanText.Unit(dimension, AdjustmentKind.OnDemandMaximum);
            if (from == OnDemandThroughput.NoMaximum)
            {
                d.Note(GuardrailKind.Ceiling, index, PlanText.Format($"no on-demand {PlanText.Name(dimension)} maximum is set, so there is none to raise."));
                continue;
            }

            long ceiling = read ? settings.OnDemand.MaxReadRequestUnits : settings.OnDemand.MaxWriteRequestUnits;
            double demand = DemandEstimator.OnDemandPeak(c.Metrics, index, dimension);
            long target = Units.RaiseTarget(from, demand, settings.Capacity.Headroom, settings.Capacity.MinimumIncreaseFactor);
            long capped = Math.Min(target, ceiling);
            if (capped <= from)
            {
                d.Note(GuardrailKind.Ceiling, index, PlanText.Format($"on-demand {PlanText.Name(dimension)} maximum {from:N0} {unit} is already at or above the ceiling of {ceiling:N0} {unit}."));
                continue;
            }

            if (capped < target)
            {
                d.Note(GuardrailKind.Ceiling, index, PlanText.Format($"on-demand {PlanText.Name(dimension)} target {target:N0} {unit} clipped to the ceiling of {ceiling:N0} {unit}."));
            }

            adjustments.Add(new CapacityAdjustment(index, dimension, AdjustmentKind.OnDemandMaximum, from, capped, demand,
                PlanText.Format($"peak demand {demand:N0} {unit} × headroom asks for {target:N0} {unit}; planned {capped:N0} {unit}.")));
        }

        adjustments = FitToCostCap(c, d, index, adjustments);
        if (adjustments.Count == 0)
        {
            d.Summary = PlanText.Format($"No change for {resource}: {(d.Notes.Count > 0 ? d.Notes[^1].Detail : "no maximum can be raised.")}");
            d.Advice.Add("Raise the on-demand ceiling or the cost cap in the table's segment file (runbooks/segments/) or runbooks/defaults.yaml, or raise OnDemandThroughput by hand.");
            return;
        }

        d.Action = RemediationKind.RaiseOnDemandMaximum;
        d.TableUpdate = TableUpdateBuilder.Build(c.Table, adjustments, null, c.Policy.Pricing);
        d.Summary = PlanText.Format($"Raise {CapacityPlanner.Describe(adjustments)} of {resource}.");
    }

    private static List<CapacityAdjustment> FitToCostCap(PlanContext c, PlanDraft d, string? index, List<CapacityAdjustment> adjustments)
    {
        double cap = c.TableSettings.Capacity.MaxMonthlyCostUsd;
        long[] from = adjustments.ConvertAll(a => a.From).ToArray();
        long[] to = adjustments.ConvertAll(a => a.To).ToArray();
        long[] fitted = CostCapFitter.Fit(from, to, values =>
        {
            var candidate = new List<CapacityAdjustment>(adjustments.Count);
            for (int i = 0; i < values.Length; i++)
            {
                candidate.Add(adjustments[i] with { To = values[i] });
            }

            return TableCostEstimator.With(c.Table, c.Policy.Pricing, candidate, null);
        }, cap);

        var result = new List<CapacityAdjustment>();
        for (int i = 0; i < adjustments.Count; i++)
        {
            if (fitted[i] < adjustments[i].To)
            {
                d.Note(GuardrailKind.CostCap, index, PlanText.Format(
                    $"on-demand {PlanText.Name(adjustments[i].Dimension)} maximum limited to {Math.Max(fitted[i], adjustments[i].From):N0} by the monthly cost cap of ${cap:N2} (worst case at the maxima)."));
            }

            if (fitted[i] > adjustments[i].From)
            {
                result.Add(adjustments[i] with { To = fitted[i] });
            }
        }

        return result;
    }

    private static IEnumerable<CapacityDimension> Dimensions(ThrottledOperations operations)
    {
        if (operations is ThrottledOperations.Read or ThrottledOperations.ReadAndWrite)
        {
            yield return CapacityDimension.Read;
        }

        if (operations is ThrottledOperations.Write or ThrottledOperations.ReadAndWrite)
        {
            yield return CapacityDimension.Write;
        }
    }
}
