using Automation.Core.Guardrails;

namespace Automation.Core.Planning;

/// <summary>
/// Which changes need a human: capacity or maximum changes above the factor or unit limits of their
/// segment, any on-demand maximum change or mode switch when configured, and any shard change when configured.
/// </summary>
internal static class ApprovalRules
{
    public static List<string> Evaluate(PlanContext c, TableUpdate? update, IReadOnlyList<ShardingChange> sharding)
    {
        var reasons = new List<string>();
        if (update is not null)
        {
            if (update.BillingMode is not null && c.TableSettings.Approval.ModeSwitch)
            {
                reasons.Add("switching the capacity mode requires approval (approval.modeSwitch).");
            }

            foreach (CapacityAdjustment a in update.Adjustments)
            {
                ApprovalGuardrails rules = c.SettingsOf(a.IndexName).Approval;
                string what = PlanText.Format($"{PlanText.Resource(c.Table.TableName, a.IndexName)} {PlanText.Name(a.Dimension)}");
                if (a.Kind == AdjustmentKind.OnDemandMaximum)
                {
                    if (update.BillingMode is null && rules.OnDemandMaximumChanges)
                    {
                        reasons.Add(PlanText.Format($"{what}: on-demand maximum changes require approval (approval.onDemandMaximumChanges)."));
                    }

                    if (a.From == Facts.OnDemandThroughput.NoMaximum)
                    {
                        continue;
                    }
                }

                if (a.From > 0 && a.To > a.From * rules.MaxIncreaseFactor)
                {
                    reasons.Add(PlanText.Format($"{what}: {a.From:N0} → {a.To:N0} is more than ×{rules.MaxIncreaseFactor} (approval.maxIncreaseFactor)."));
                }
                else if (a.From <= 0 && a.Kind == AdjustmentKind.ProvisionedCapacity)
                {
                    reasons.Add(PlanText.Format($"{what}: raising from {a.From:N0} has no factor to compare; approval required."));
                }

                if (a.To - a.From > rules.MaxIncreaseUnits)
                {
                    reasons.Add(PlanText.Format($"{what}: +{a.To - a.From:N0} units is more than {rules.MaxIncreaseUnits:N0} (approval.maxIncreaseUnits)."));
                }
            }
        }

        foreach (ShardingChange change in sharding)
        {
            if (c.Policy.For(c.Table.TableName, change.IndexName, change.PartitionKey).Approval.ShardChanges)
            {
                reasons.Add(PlanText.Format($"sharding key '{change.PartitionKey}' into {change.ShardCount} shards requires approval (approval.shardChanges)."));
            }
        }

        return reasons;
    }
}
