using System.Globalization;

using Automation.Core.Alarms;
using Automation.Core.Errors;

namespace Automation.Core.Tuning;

/// <summary>One change (or dry-run proposal, or revert) of a suite alarm's threshold, on the record.</summary>
/// <param name="ChangeId">Unique id; the store's write is conditional on it.</param>
/// <param name="AlarmName">The alarm.</param>
/// <param name="Segment">Its segment.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="OldThreshold">The threshold before.</param>
/// <param name="NewThreshold">The threshold after.</param>
/// <param name="OldEvaluationPeriods">Evaluation periods before.</param>
/// <param name="NewEvaluationPeriods">Evaluation periods after.</param>
/// <param name="Reason">One sentence with the numbers (the tuner's, or the revert's).</param>
/// <param name="IncidentIds">The incidents the change learned from.</param>
/// <param name="Baseline">The baseline stats it saw.</param>
/// <param name="DryRun">True: proposed and recorded, the alarm was not changed.</param>
/// <param name="DecidedAt">When it was decided.</param>
/// <param name="RevertOf">The change this one reverts, or null.</param>
public sealed record ThresholdChange(
    string ChangeId,
    string AlarmName,
    string Segment,
    AlarmKind Kind,
    double OldThreshold,
    double NewThreshold,
    int OldEvaluationPeriods,
    int NewEvaluationPeriods,
    string Reason,
    IReadOnlyList<string> IncidentIds,
    BaselineStats Baseline,
    bool DryRun,
    DateTimeOffset DecidedAt,
    string? RevertOf)
{
    /// <summary>Who or what started the run that made the change (schedule, incident id, console user), or null.</summary>
    public string? StartedBy { get; init; }
}

/// <summary>The threshold-change records (an Automation.Aws adapter will back it). Writes are conditional on the id.</summary>
public interface IThresholdChangeStore
{
    /// <summary>Writes the change unless one with its id exists (a retried step); false when it was already there.</summary>
    Task<bool> AppendAsync(ThresholdChange change, CancellationToken cancellationToken);

    /// <summary>The alarm's latest change by <see cref="ThresholdChange.DecidedAt"/>, or null.</summary>
    Task<ThresholdChange?> LatestAsync(string alarmName, CancellationToken cancellationToken);

    /// <summary>The change with that id, or null.</summary>
    Task<ThresholdChange?> GetAsync(string changeId, CancellationToken cancellationToken);

    /// <summary>The alarm's changes, oldest first.</summary>
    Task<IReadOnlyList<ThresholdChange>> ListAsync(string alarmName, CancellationToken cancellationToken);
}

/// <summary>Pure constructors of change records.</summary>
public static class ThresholdChanges
{
    /// <summary>The record of a tuner decision that moves the threshold (null for Keep).</summary>
    public static ThresholdChange? From(TuningDecision decision, string changeId, string alarmName, string segment, AlarmKind kind, double oldThreshold, int oldEvaluationPeriods, bool dryRun, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Action == TuningAction.Keep
            ? null
            : new(changeId, alarmName, segment, kind, oldThreshold, decision.Threshold, oldEvaluationPeriods, decision.EvaluationPeriods, decision.Reason, decision.IncidentIds, decision.Baseline, dryRun, now, null);
    }

    /// <summary>
    /// The record that puts <paramref name="change"/>'s old threshold and evaluation periods back: old and new swapped,
    /// same alarm, incidents and baseline, <see cref="ThresholdChange.RevertOf"/> naming the change.
    /// </summary>
    public static ThresholdChange Revert(ThresholdChange change, DateTimeOffset now, string id)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (string.IsNullOrWhiteSpace(id))
        {
            throw InputError.Field("changeId", "is empty");
        }

        if (string.Equals(id, change.ChangeId, StringComparison.Ordinal))
        {
            throw InputError.Field("changeId", $"is {id}, the id of the change being reverted");
        }

        return change with
        {
            ChangeId = id,
            OldThreshold = change.NewThreshold,
            NewThreshold = change.OldThreshold,
            OldEvaluationPeriods = change.NewEvaluationPeriods,
            NewEvaluationPeriods = change.OldEvaluationPeriods,
            Reason = string.Create(
                CultureInfo.InvariantCulture,
                $"Reverts {change.ChangeId}: threshold {change.NewThreshold} back to {change.OldThreshold}, evaluation periods {change.NewEvaluationPeriods} back to {change.OldEvaluationPeriods}."),
            DecidedAt = now,
            RevertOf = change.ChangeId,
        };
    }
}
