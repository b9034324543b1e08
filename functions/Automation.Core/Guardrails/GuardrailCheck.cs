using System.Globalization;

using Automation.Core.Diagnosis;
using Automation.Core.Errors;
using Automation.Core.Facts;
using Automation.Core.Planning;

namespace Automation.Core.Guardrails;

/// <summary>
/// The last guardrail before apply: given a plan and the table's facts fetched just now, confirm the plan is
/// still within guardrails (status, ceilings, cost cap, decrease budget, switch quota, shard bounds) and say
/// exactly what to send, or refuse with a typed reason. Idempotent: a plan whose targets the fresh facts
/// already show yields <see cref="GuardrailVerdict.AlreadyApplied"/>, and a target someone already exceeded is
/// never lowered back.
/// </summary>
public static class GuardrailCheck
{
    public static GuardrailCheckResult Recheck(RemediationPlan plan, ThrottlingFacts freshFacts, GuardrailPolicy policy, DateTimeOffset now)
    {
        if (plan is null)
        {
            throw new AutomationException(ErrorTypes.InvalidInput, "A plan is required.") { Field = "plan" };
        }

        if (policy is null)
        {
            throw new AutomationException(ErrorTypes.InvalidInput, "A guardrail policy is required.") { Field = "policy" };
        }

        ThrottlingFactsValidator.Validate(freshFacts);
        if (!string.Equals(plan.TableName, freshFacts.Table.TableName, StringComparison.Ordinal))
        {
            throw new AutomationException(ErrorTypes.InvalidInput,
                $"The plan is for table '{plan.TableName}' but the fresh facts describe '{freshFacts.Table.TableName}'.")
            { Field = "plan.tableName" };
        }

        var check = new Check(plan, freshFacts, policy, now);
        return check.Run();
    }

    /// <summary>Re-check at <paramref name="clock"/>'s current time.</summary>
    public static GuardrailCheckResult Recheck(RemediationPlan plan, ThrottlingFacts freshFacts, GuardrailPolicy policy, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Recheck(plan, freshFacts, policy, clock.GetUtcNow());
    }

    private sealed class Check(RemediationPlan plan, ThrottlingFacts fresh, GuardrailPolicy policy, DateTimeOffset now)
    {
        private TableFacts Table => fresh.Table;

        public GuardrailCheckResult Run()
        {
            if (plan.Action is RemediationKind.NoAction or RemediationKind.AdviseCaching)
            {
                return Result(GuardrailVerdict.NothingToApply, null, null, "The plan has no action to apply.", null, []);
            }

            if (plan.DryRun)
            {
                return Result(GuardrailVerdict.DryRun, null, null, "The plan is a dry run: recorded, never applied.", null, []);
            }

            int maxAge = policy.For(plan.TableName, plan.IndexName).PlanMaxAgeMinutes;
            if (now - plan.PlannedAt > TimeSpan.FromMinutes(maxAge))
            {
                return Refuse(GuardrailRefusalReason.PlanExpired, null,
                    Text($"The plan was made at {plan.PlannedAt:u}, more than {maxAge} minutes ago; re-plan from fresh facts."));
            }

            foreach (ShardingChange change in plan.Sharding)
            {
                ShardingGuardrails bounds = policy.For(plan.TableName, change.IndexName, change.PartitionKey).Sharding;
                if (change.ShardCount < bounds.MinShards || change.ShardCount > bounds.MaxShards)
                {
                    return Refuse(GuardrailRefusalReason.ShardCountOutOfBounds, change.IndexName,
                        Text($"{change.ShardCount} shards for key '{change.PartitionKey}' is outside the bounds [{bounds.MinShards}, {bounds.MaxShards}]."));
                }
            }

            if (plan.TableUpdate is null)
            {
                return Result(GuardrailVerdict.Proceed, null, null, "The sharding changes are within guardrails.", null, plan.Sharding);
            }

            GuardrailCheckResult? refusal = CheckStatus(plan.TableUpdate);
            if (refusal is not null)
            {
                return refusal;
            }

            if (AutoScalingAwareness.Conflict(plan.TableUpdate, fresh.ScalableTargets) is { } target)
            {
                // Registered since planning (or missed): the suite and Auto Scaling would fight over it.
                return Refuse(GuardrailRefusalReason.AutoScalingManaged, IndexOf(target),
                    Text($"Application Auto Scaling now manages {target.ScalableDimension} of {target.ResourceId}: the suite does not change its capacity; raise the scalable target's MaxCapacity instead."));
            }

            return plan.TableUpdate.BillingMode == CapacityMode.PayPerRequest
                ? CheckSwitch(plan.TableUpdate)
                : CheckAdjustments(plan.TableUpdate);
        }

        private static string? IndexOf(ScalableTarget target)
        {
            int at = target.ResourceId.IndexOf("/index/", StringComparison.Ordinal);
            return at < 0 ? null : target.ResourceId[(at + "/index/".Length)..];
        }

        private GuardrailCheckResult? CheckStatus(TableUpdate update)
        {
            if (Table.Status != ResourceStatus.Active)
            {
                return Refuse(GuardrailRefusalReason.TableNotActive, null, Text($"Table '{Table.TableName}' is {Table.Status}, not Active; retry when the current update finishes."));
            }

            foreach (CapacityAdjustment a in update.Adjustments)
            {
                if (a.IndexName is null)
                {
                    continue;
                }

                IndexFacts? index = Table.FindIndex(a.IndexName);
                if (index is null)
                {
                    return Refuse(GuardrailRefusalReason.IndexMissing, a.IndexName, Text($"Index '{a.IndexName}' no longer exists on table '{Table.TableName}'."));
                }

                if (index.Status != ResourceStatus.Active)
                {
                    return Refuse(GuardrailRefusalReason.IndexNotActive, a.IndexName, Text($"Index '{a.IndexName}' is {index.Status}, not Active; retry when it is."));
                }
            }

            return null;
        }

        private GuardrailCheckResult CheckSwitch(TableUpdate update)
        {
            if (Table.CapacityMode == CapacityMode.PayPerRequest)
            {
                return Result(GuardrailVerdict.AlreadyApplied, null, null, Text($"Table '{Table.TableName}' is already on-demand."), null, plan.Sharding);
            }

            OnDemandGuardrails rules = policy.For(Table.TableName).OnDemand;
            if (rules.SwitchFromProvisioned == OnDemandSwitchPolicy.Never)
            {
                return Refuse(GuardrailRefusalReason.ModeSwitchNotAllowed, null, "The guardrails no longer allow a switch to on-demand (onDemand.switchFromProvisioned: never).");
            }

            if (!ModeSwitchAllowance.CanSwitch(fresh.OnDemandSwitches, now, rules))
            {
                int used = ModeSwitchAllowance.SwitchesInLast24Hours(fresh.OnDemandSwitches, now);
                return Refuse(GuardrailRefusalReason.ModeSwitchLimitReached, null, Text($"{used} provisioned → on-demand switches in the last 24 hours reach the limit."));
            }

            foreach (IndexFacts index in Table.GlobalSecondaryIndexes)
            {
                if (!update.Adjustments.Any(a => string.Equals(a.IndexName, index.IndexName, StringComparison.Ordinal) && a.Kind == AdjustmentKind.OnDemandMaximum))
                {
                    return Refuse(GuardrailRefusalReason.IndexAdded, index.IndexName,
                        Text($"Index '{index.IndexName}' was added to table '{Table.TableName}' since planning: the switch to on-demand would leave it without a maximum; re-plan from fresh facts."));
                }
            }

            var effective = new List<CapacityAdjustment>(update.Adjustments.Count);
            foreach (CapacityAdjustment a in update.Adjustments)
            {
                GuardrailCheckResult? above = CheckCeiling(a);
                if (above is not null)
                {
                    return above;
                }

                effective.Add(a with { From = CurrentValue(a) });
            }

            return Finish(effective, CapacityMode.PayPerRequest);
        }

        private GuardrailCheckResult CheckAdjustments(TableUpdate update)
        {
            var effective = new List<CapacityAdjustment>();
            foreach (CapacityAdjustment a in update.Adjustments)
            {
                CapacityMode needed = a.Kind == AdjustmentKind.ProvisionedCapacity ? CapacityMode.Provisioned : CapacityMode.PayPerRequest;
                if (Table.CapacityMode != needed)
                {
                    return Refuse(GuardrailRefusalReason.CapacityModeChanged, a.IndexName,
                        Text($"Table '{Table.TableName}' is now {Table.CapacityMode}, so a {a.Kind} change no longer applies; re-plan."));
                }

                long current = CurrentValue(a);
                bool increaseIntended = a.To >= a.From;
                bool unlimited = a.Kind == AdjustmentKind.OnDemandMaximum && current == OnDemandThroughput.NoMaximum;
                if (current == a.To || (increaseIntended && (unlimited || current > a.To)))
                {
                    continue; // Already there, or someone went further: never pull it back.
                }

                effective.Add(a with { From = current });
            }

            if (effective.Count == 0)
            {
                return Result(GuardrailVerdict.AlreadyApplied, null, null, "The fresh facts already show every target of the plan; nothing to apply.", null, plan.Sharding);
            }

            bool throttling = IsThrottling();
            foreach (CapacityAdjustment a in effective)
            {
                GuardrailCheckResult? above = CheckCeiling(a);
                if (above is not null)
                {
                    return above;
                }

                if (a.To < a.From && throttling)
                {
                    return Refuse(GuardrailRefusalReason.DecreaseWhileThrottling, a.IndexName,
                        Text($"Lowering {a.Dimension} of {Resource(a.IndexName)} from {a.From:N0} to {a.To:N0} while it throttles is never allowed."));
                }
            }

            GuardrailCheckResult? budget = CheckDecreaseBudget(effective);
            return budget ?? Finish(effective, null);
        }

        private GuardrailCheckResult? CheckCeiling(CapacityAdjustment a)
        {
            GuardrailSettings settings = policy.For(Table.TableName, a.IndexName);
            long ceiling = (a.Kind, a.Dimension) switch
            {
                (AdjustmentKind.ProvisionedCapacity, CapacityDimension.Read) => settings.Capacity.MaxReadCapacityUnits,
                (AdjustmentKind.ProvisionedCapacity, CapacityDimension.Write) => settings.Capacity.MaxWriteCapacityUnits,
                (_, CapacityDimension.Read) => settings.OnDemand.MaxReadRequestUnits,
                _ => settings.OnDemand.MaxWriteRequestUnits,
            };
            return a.To > ceiling && a.To > a.From
                ? Refuse(GuardrailRefusalReason.AboveCeiling, a.IndexName,
                    Text($"{a.Dimension} target {a.To:N0} of {Resource(a.IndexName)} is above the ceiling of {ceiling:N0}."))
                : null;
        }

        /// <summary>
        /// Table and each GSI have their own quota; one UpdateTable lowering several of them is refused whole
        /// if any is out of decreases, so the whole plan is refused here too.
        /// </summary>
        private GuardrailCheckResult? CheckDecreaseBudget(List<CapacityAdjustment> effective)
        {
            var checkedResources = new HashSet<string>(StringComparer.Ordinal);
            foreach (CapacityAdjustment a in effective)
            {
                if (!a.IsDecrease || !checkedResources.Add(a.IndexName ?? string.Empty))
                {
                    continue;
                }

                DecreaseBudget budget = DecreaseBudgetCalculator.For(Table.ThroughputOf(a.IndexName)!, now);
                if (budget.Available < 1)
                {
                    return Refuse(GuardrailRefusalReason.DecreaseBudgetExhausted, a.IndexName,
                        Text($"{Resource(a.IndexName)} has no decrease left ({budget.Explanation}); next possible at {budget.NextDecreaseAt:u}. The whole update is refused."));
                }
            }

            return null;
        }

        private GuardrailCheckResult Finish(List<CapacityAdjustment> effective, CapacityMode? billingMode)
        {
            TableUpdate update = TableUpdateBuilder.Build(Table, effective, billingMode, policy.Pricing);
            double cap = policy.For(Table.TableName).Capacity.MaxMonthlyCostUsd;
            bool raisesCost = update.EstimatedMonthlyCostUsd > update.CurrentMonthlyCostUsd;
            if (raisesCost && update.EstimatedMonthlyCostUsd > cap)
            {
                return Refuse(GuardrailRefusalReason.AboveCostCap, null,
                    Text($"The change would bring the estimated monthly cost to ${update.EstimatedMonthlyCostUsd:N2}, above the cap of ${cap:N2}."));
            }

            return Result(GuardrailVerdict.Proceed, null, null, "The plan is within guardrails on the fresh facts.", update, plan.Sharding);
        }

        private long CurrentValue(CapacityAdjustment a)
        {
            if (a.Kind == AdjustmentKind.ProvisionedCapacity)
            {
                ProvisionedThroughputFacts t = Table.ThroughputOf(a.IndexName)!;
                return a.Dimension == CapacityDimension.Read ? t.ReadCapacityUnits : t.WriteCapacityUnits;
            }

            OnDemandThroughput? max = Table.OnDemandThroughputOf(a.IndexName);
            return (a.Dimension == CapacityDimension.Read ? max?.MaxReadRequestUnits : max?.MaxWriteRequestUnits) ?? OnDemandThroughput.NoMaximum;
        }

        private bool IsThrottling()
        {
            foreach (ResourceThrottleSignals s in ThrottleSignalReader.Read(fresh, new MetricLookup(fresh.Metrics)))
            {
                if (s.AnyThrottling > 0)
                {
                    return true;
                }
            }

            return false;
        }

        private string Resource(string? indexName) => indexName is null ? $"table '{Table.TableName}'" : $"index '{indexName}'";

        private GuardrailCheckResult Refuse(GuardrailRefusalReason reason, string? indexName, string message) =>
            Result(GuardrailVerdict.Refused, reason, indexName, message, null, []);

        private GuardrailCheckResult Result(
            GuardrailVerdict verdict,
            GuardrailRefusalReason? reason,
            string? indexName,
            string message,
            TableUpdate? update,
            IReadOnlyList<ShardingChange> sharding) =>
            new(verdict, reason, indexName, message, update, sharding, plan.PlanId, now);

        private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
