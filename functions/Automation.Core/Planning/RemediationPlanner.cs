using Automation.Core.Diagnosis;
using Automation.Core.Errors;
using Automation.Core.Facts;
using Automation.Core.Guardrails;

namespace Automation.Core.Planning;

/// <summary>
/// Turns a diagnosis into a plan within guardrails. Pure: the clock is an input.
/// <list type="bullet">
/// <item>ProvisionedCapacityExhausted, GsiWriteBackPressure: raise capacity (or switch to on-demand), see <see cref="CapacityPlanner"/>.</item>
/// <item>HotKey: no table-level change; shard the keys of write-hot partitions, advise a cache for read-hot ones (no change at all), see <see cref="HotKeyPlanner"/>.</item>
/// <item>OnDemandMaximumReached: raise the maximum if allowed, see <see cref="OnDemandMaximumPlanner"/>.</item>
/// <item>AccountLimitReached: no action, advice (quota increase).</item>
/// <item>NotThrottling: no action, flagged as a false alarm for the feedback loop.</item>
/// <item>InsufficientData: no action, advice.</item>
/// </list>
/// A plan never lowers capacity. It is marked RequiresApproval per <c>approval</c> rules and DryRun when asked
/// or configured.
/// </summary>
public static class RemediationPlanner
{
    /// <summary>Plans at <paramref name="clock"/>'s current time.</summary>
    public static RemediationPlan Plan(ThrottleDiagnosis diagnosis, ThrottlingFacts facts, GuardrailPolicy policy, TimeProvider clock, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Plan(diagnosis, facts, policy, clock.GetUtcNow(), dryRun);
    }

    /// <summary>Plans; throws <see cref="AutomationException"/> (InvalidInput) when the inputs do not belong together.</summary>
    public static RemediationPlan Plan(ThrottleDiagnosis diagnosis, ThrottlingFacts facts, GuardrailPolicy policy, DateTimeOffset now, bool dryRun)
    {
        if (diagnosis is null)
        {
            throw new AutomationException(ErrorTypes.InvalidInput, "A diagnosis is required.") { Field = "diagnosis" };
        }

        if (policy is null)
        {
            throw new AutomationException(ErrorTypes.InvalidInput, "A guardrail policy is required.") { Field = "policy" };
        }

        ThrottlingFactsValidator.Validate(facts);
        if (!string.Equals(diagnosis.TableName, facts.Table.TableName, StringComparison.Ordinal))
        {
            throw new AutomationException(ErrorTypes.InvalidInput,
                $"The diagnosis is for table '{diagnosis.TableName}' but the facts describe '{facts.Table.TableName}'.")
            { Field = "diagnosis.tableName" };
        }

        var context = new PlanContext(diagnosis, facts, policy, now, new MetricLookup(facts.Metrics));
        var draft = new PlanDraft();
        switch (diagnosis.Kind)
        {
            case DiagnosisKind.ProvisionedCapacityExhausted:
            case DiagnosisKind.GsiWriteBackPressure:
                CapacityPlanner.Plan(context, draft);
                break;
            case DiagnosisKind.HotKey:
                HotKeyPlanner.Plan(context, draft);
                break;
            case DiagnosisKind.OnDemandMaximumReached:
                OnDemandMaximumPlanner.Plan(context, draft);
                break;
            case DiagnosisKind.AccountLimitReached:
                draft.Summary = PlanText.Format($"No change: table '{facts.Table.TableName}' is throttled by an account-level quota, which no table setting can lift.");
                draft.Advice.Add("Request a higher DynamoDB throughput quota through Service Quotas, and check which other tables in the account draw on it.");
                break;
            case DiagnosisKind.NotThrottling:
                draft.FalseAlarm = true;
                draft.Summary = PlanText.Format($"No change: table '{facts.Table.TableName}' did not throttle in the window; recorded as a false alarm for threshold tuning.");
                break;
            default:
                draft.Summary = PlanText.Format($"No change: the cause of throttling on table '{facts.Table.TableName}' is unknown, and acting on a guess could make it worse.");
                draft.Advice.Add("Fetch the per-reason throttle metrics (…KeyRange…, …Provisioned…, …MaxOnDemand…, …AccountLimit…ThrottleEvents) for the table and its indexes, or look at the alarm by hand.");
                break;
        }

        return Finish(context, draft, dryRun);
    }

    private static RemediationPlan Finish(PlanContext c, PlanDraft d, bool dryRunRequested)
    {
        string? index = c.Diagnosis.IndexName;
        GuardrailSegment? segment = c.Policy.SegmentFor(c.Table.TableName, index);
        bool configuredDryRun = c.SettingsOf(index).DryRun;
        if (configuredDryRun)
        {
            d.Note(GuardrailKind.DryRun, index, "the segment is configured for dry-run: the plan is recorded, never applied.");
        }

        // A key-prefix segment can be a dry run of its own: a sharding change of one of its keys makes the whole plan one
        // (shard bounds and approval are read from the key's segment too).
        foreach (ShardingChange change in d.Sharding)
        {
            if (!configuredDryRun && c.Policy.For(c.Table.TableName, change.IndexName, change.PartitionKey).DryRun)
            {
                configuredDryRun = true;
                string segmentName = c.Policy.SegmentFor(c.Table.TableName, change.IndexName, change.PartitionKey)?.Name ?? "(defaults)";
                d.Note(GuardrailKind.DryRun, change.IndexName,
                    PlanText.Format($"segment '{segmentName}' of key '{change.PartitionKey}' is configured for dry-run: the plan is recorded, never applied."));
            }
        }

        List<string> approval = ApprovalRules.Evaluate(c, d.TableUpdate, d.Sharding);
        return new RemediationPlan(
            PlanIdentity.Of(c.Table.TableName, d.Action, d.TableUpdate, d.Sharding),
            c.Table.TableName,
            c.Diagnosis.Kind,
            index,
            d.Action,
            d.TableUpdate,
            d.Sharding,
            approval.Count > 0,
            approval,
            dryRunRequested || configuredDryRun,
            d.FalseAlarm,
            d.Summary,
            d.Advice,
            d.Notes,
            segment?.Name,
            c.Policy.Version,
            c.Now);
    }
}
