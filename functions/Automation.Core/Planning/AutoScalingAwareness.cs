using Automation.Core.Facts;
using Automation.Core.Guardrails;

namespace Automation.Core.Planning;

/// <summary>
/// Application Auto Scaling and the suite must not both set a table's provisioned capacity: Auto Scaling would undo
/// the suite's change at its next evaluation (or the suite would undo Auto Scaling's), and the two would fight. Rule:
/// the suite never changes the provisioned throughput of a table or GSI that has a scalable target, and never switches
/// a table with targets to on-demand. UpdateTable sets read and write capacity of a resource together, so a target on
/// either dimension keeps the suite off both. Instead the plan is advice only (<see cref="RemediationKind.NoAction"/>,
/// closed <see cref="NoActionOutcome.Refused"/> with an <see cref="GuardrailKind.AutoScaling"/> note): raise the
/// scalable target's MaxCapacity (RegisterScalableTarget) to what the planner would have provisioned. The suite does
/// not raise it itself: that changes the user's own Auto Scaling configuration, which is theirs to review.
/// </summary>
public static class AutoScalingAwareness
{
    /// <summary>The targets of <paramref name="targets"/> on the table (<paramref name="indexName"/> null) or that GSI.</summary>
    public static IReadOnlyList<ScalableTarget> TargetsOn(IReadOnlyList<ScalableTarget> targets, string tableName, string? indexName)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return [.. targets.Where(t => t.IsOn(tableName, indexName))];
    }

    /// <summary>
    /// The first scalable target whose resource <paramref name="update"/> would change the provisioned capacity (or the
    /// capacity mode) of, or null when there is none: the property every plan and every re-check holds.
    /// </summary>
    public static ScalableTarget? Conflict(TableUpdate? update, IReadOnlyList<ScalableTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (update is null || targets.Count == 0)
        {
            return null;
        }

        IReadOnlyList<ScalableTarget> onTable = TargetsOn(targets, update.TableName, null);
        if (update.BillingMode is not null)
        {
            // A mode switch changes every dimension of the table and its GSIs.
            return targets.FirstOrDefault(t => t.ResourceId.StartsWith(ScalableTarget.ResourceIdOf(update.TableName, null), StringComparison.Ordinal));
        }

        if (update.ProvisionedThroughput is not null && onTable.Count > 0)
        {
            return onTable[0];
        }

        foreach (IndexUpdate index in update.IndexUpdates)
        {
            if (index.ProvisionedThroughput is not null && TargetsOn(targets, update.TableName, index.IndexName) is [var first, ..])
            {
                return first;
            }
        }

        return null;
    }

    /// <summary>
    /// The advice-only plan for a resource Auto Scaling manages: per throttled dimension, how far its MaxCapacity must
    /// go (the target the planner would have set: demand × headroom, at least current × minimum increase, within the
    /// ceiling), or that the dimension is not registered while the other one is.
    /// </summary>
    internal static void Plan(PlanContext c, PlanDraft d, string? index, IReadOnlyList<ScalableTarget> scaled, IEnumerable<CapacityDimension> throttled)
    {
        string resource = PlanText.Resource(c.Table.TableName, index);
        ProvisionedThroughputFacts? current = c.Table.ThroughputOf(index);
        CapacityGuardrails capacity = c.SettingsOf(index).Capacity;
        var names = new List<string>();
        foreach (CapacityDimension dimension in throttled)
        {
            bool read = dimension == CapacityDimension.Read;
            string unit = PlanText.Unit(dimension, AdjustmentKind.ProvisionedCapacity);
            long from = current is null ? 0 : read ? current.ReadCapacityUnits : current.WriteCapacityUnits;
            long ceiling = read ? capacity.MaxReadCapacityUnits : capacity.MaxWriteCapacityUnits;
            double demand = DemandEstimator.ProvisionedPeak(c.Metrics, index, dimension);
            long wanted = Math.Min(Units.RaiseTarget(from, demand, capacity.Headroom, capacity.MinimumIncreaseFactor), ceiling);
            string dimensionName = ScalableTarget.DimensionOf(index, read);
            ScalableTarget? target = scaled.FirstOrDefault(t => string.Equals(t.ScalableDimension, dimensionName, StringComparison.Ordinal));
            names.Add(PlanText.Name(dimension));
            if (target is null)
            {
                d.Advice.Add(PlanText.Format(
                    $"Auto Scaling manages other capacity of {resource} and UpdateTable sets read and write capacity together, so the suite leaves it alone: register {dimensionName} with Application Auto Scaling (MaxCapacity at least {wanted:N0} {unit}) or raise it by hand."));
            }
            else if (wanted > target.MaxCapacity)
            {
                d.Advice.Add(PlanText.Format(
                    $"Raise the MaxCapacity of scalable target {target.ResourceId} {target.ScalableDimension} from {target.MaxCapacity:N0} to {wanted:N0} {unit} (Application Auto Scaling RegisterScalableTarget): peak demand {demand:N0} {unit} × headroom."));
            }
            else
            {
                d.Advice.Add(PlanText.Format(
                    $"Scalable target {target.ResourceId} {target.ScalableDimension} already allows up to {target.MaxCapacity:N0} {unit} (the planner would provision {wanted:N0}): check its scaling policy's target utilisation and cooldowns, which decide how fast it follows a burst."));
            }
        }

        d.Note(GuardrailKind.AutoScaling, index, PlanText.Format(
            $"Application Auto Scaling manages the provisioned capacity of {resource} ({string.Join(", ", scaled.Select(t => t.ScalableDimension))}): the suite does not change it, or the two would fight."));
        d.Summary = PlanText.Format(
            $"No capacity change for {resource}: Application Auto Scaling manages its capacity, and a change by the suite would be undone by it; raise the scalable target's MaxCapacity for {string.Join(" and ", names)} instead (see advice).");
    }
}
