using Automation.Core.Facts;
using Automation.Core.Guardrails;

namespace Automation.Core.Planning;

/// <summary>
/// Plans a provisioned → on-demand switch. Every resource (table and each GSI) gets on-demand maxima of
/// max(peak demand × headroom, its current provisioned units), within its on-demand ceilings, so the
/// worst-case bill stays bounded and is checked against the cost cap. Refuses (returns false, with a note)
/// when the rolling-24 h quota is used up, when the ceilings would not meet the diagnosed target, or
/// when the worst case exceeds the cap.
/// </summary>
internal static class OnDemandSwitchPlanner
{
    public static bool TryPlan(PlanContext c, PlanDraft d, IReadOnlyList<(CapacityDimension Dimension, long Wanted)> diagnosedTargets)
    {
        OnDemandGuardrails rules = c.TableSettings.OnDemand;
        if (!ModeSwitchAllowance.CanSwitch(c.Facts.OnDemandSwitches, c.Now, rules))
        {
            int used = ModeSwitchAllowance.SwitchesInLast24Hours(c.Facts.OnDemandSwitches, c.Now);
            d.Note(GuardrailKind.ModeSwitch, null, PlanText.Format(
                $"switch to on-demand ruled out: {used} switches in the last 24 h reach the limit of {Math.Min(rules.MaxSwitchesPer24Hours, OnDemandGuardrails.DynamoDbSwitchLimitPer24Hours)}."));
            return false;
        }

        var adjustments = new List<CapacityAdjustment>();
        if (!AddMaxima(c, d, null, c.Table.ProvisionedThroughput, c.Table.OnDemandThroughput, diagnosedTargets, adjustments))
        {
            return false;
        }

        foreach (IndexFacts index in c.Table.GlobalSecondaryIndexes)
        {
            if (!AddMaxima(c, d, index.IndexName, index.ProvisionedThroughput, index.OnDemandThroughput, diagnosedTargets, adjustments))
            {
                return false;
            }
        }

        double cap = c.TableSettings.Capacity.MaxMonthlyCostUsd;
        double worstCase = TableCostEstimator.With(c.Table, c.Policy.Pricing, adjustments, CapacityMode.PayPerRequest);
        if (worstCase > cap)
        {
            d.Note(GuardrailKind.CostCap, null, PlanText.Format(
                $"switch to on-demand ruled out: its worst case at the planned maxima, ${worstCase:N2} a month, exceeds the cost cap of ${cap:N2}."));
            return false;
        }

        d.Action = RemediationKind.SwitchToOnDemand;
        d.TableUpdate = TableUpdateBuilder.Build(c.Table, adjustments, CapacityMode.PayPerRequest, c.Policy.Pricing);
        CapacityAdjustment? tableRead = TableUpdateBuilder.Find(adjustments, null, CapacityDimension.Read, AdjustmentKind.OnDemandMaximum);
        CapacityAdjustment? tableWrite = TableUpdateBuilder.Find(adjustments, null, CapacityDimension.Write, AdjustmentKind.OnDemandMaximum);
        d.Summary = PlanText.Format(
            $"Switch table '{c.Table.TableName}' to on-demand with maxima of {tableRead!.To:N0} RRU/s and {tableWrite!.To:N0} WRU/s (worst case ${worstCase:N2} a month), since provisioned capacity cannot absorb the demand within guardrails.");
        d.Advice.Add("On-demand still throttles traffic above twice the previous peak within 30 minutes; switching back to provisioned is allowed at any time.");
        return true;
    }

    private static bool AddMaxima(
        PlanContext c,
        PlanDraft d,
        string? indexName,
        ProvisionedThroughputFacts provisioned,
        OnDemandThroughput? currentMaxima,
        IReadOnlyList<(CapacityDimension Dimension, long Wanted)> diagnosedTargets,
        List<CapacityAdjustment> adjustments)
    {
        GuardrailSettings settings = c.SettingsOf(indexName);
        bool diagnosed = string.Equals(indexName, c.Diagnosis.IndexName, StringComparison.Ordinal);
        foreach (CapacityDimension dimension in (CapacityDimension[])[CapacityDimension.Read, CapacityDimension.Write])
        {
            bool read = dimension == CapacityDimension.Read;
            long ceiling = read ? settings.OnDemand.MaxReadRequestUnits : settings.OnDemand.MaxWriteRequestUnits;
            double demand = DemandEstimator.ProvisionedPeak(c.Metrics, indexName, dimension);
            long wanted = Math.Max(Units.Ceiling(demand * settings.Capacity.Headroom), read ? provisioned.ReadCapacityUnits : provisioned.WriteCapacityUnits);
            if (diagnosed)
            {
                foreach ((CapacityDimension target, long targetWanted) in diagnosedTargets)
                {
                    if (target == dimension)
                    {
                        wanted = Math.Max(wanted, targetWanted);
                        if (ceiling < targetWanted)
                        {
                            d.Note(GuardrailKind.ModeSwitch, indexName, PlanText.Format(
                                $"switch to on-demand ruled out: the on-demand {PlanText.Name(dimension)} ceiling of {ceiling:N0} is below the target of {targetWanted:N0}, so it would not meet demand either."));
                            return false;
                        }
                    }
                }
            }

            long from = (read ? currentMaxima?.MaxReadRequestUnits : currentMaxima?.MaxWriteRequestUnits) ?? OnDemandThroughput.NoMaximum;
            long to = Math.Clamp(wanted, 1, ceiling);
            adjustments.Add(new CapacityAdjustment(indexName, dimension, AdjustmentKind.OnDemandMaximum, from, to, demand,
                PlanText.Format($"on-demand {PlanText.Name(dimension)} maximum after the switch: peak demand {demand:N0}/s × headroom or current provisioned units, within the ceiling of {ceiling:N0}.")));
        }

        return true;
    }
}
