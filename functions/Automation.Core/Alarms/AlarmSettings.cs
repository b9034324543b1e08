namespace Automation.Core.Alarms;

/// <summary>
/// A segment's alarm section, resolved: built-in defaults ← <c>defaults.yaml</c> <c>alarms</c> ← table segment ←
/// index segment (key-prefix segments have no alarms: DynamoDB publishes no metric per key prefix).
/// </summary>
/// <param name="Enabled">False: reconcile keeps no alarms for the segment (and deletes the suite's old ones).</param>
/// <param name="PeriodSeconds">The period of every alarm of the segment (60 by default; DynamoDB publishes per minute).</param>
/// <param name="Kinds">Per alarm kind: on or off, threshold, evaluation periods, tuning bounds and pin.</param>
/// <param name="LatencyOperations">The hot operations that get a latency alarm (and whose ThrottledRequests and SystemErrors are summed).</param>
/// <param name="Tuning">How the tuner may move this segment's thresholds.</param>
public sealed record AlarmSettings(
    bool Enabled,
    int PeriodSeconds,
    IReadOnlyDictionary<AlarmKind, AlarmKindSettings> Kinds,
    IReadOnlyList<string> LatencyOperations,
    TuningSettings Tuning)
{
    /// <summary>The settings of one kind (every kind has an entry once resolved).</summary>
    public AlarmKindSettings For(AlarmKind kind) => Kinds[kind];
}

/// <summary>One alarm kind's settings within a segment.</summary>
/// <param name="Enabled">Whether reconcile keeps this kind of alarm.</param>
/// <param name="Threshold">The alarm threshold, in the metric's unit (count per period, percent, milliseconds).</param>
/// <param name="EvaluationPeriods">Periods evaluated.</param>
/// <param name="DatapointsToAlarm">Breaching periods among them that fire the alarm (≤ EvaluationPeriods).</param>
/// <param name="Pinned">True: the tuner never changes this kind's threshold or evaluation periods.</param>
/// <param name="Floor">The lowest threshold the tuner may set.</param>
/// <param name="Ceiling">The highest threshold the tuner may set.</param>
public sealed record AlarmKindSettings(
    bool Enabled,
    double Threshold,
    int EvaluationPeriods,
    int DatapointsToAlarm,
    bool Pinned,
    double Floor,
    double Ceiling);

/// <summary>How the tuner may move a segment's thresholds.</summary>
/// <param name="Enabled">False: the tuner proposes nothing for the segment.</param>
/// <param name="MaxStepPercent">The largest change per tuning, as a percentage of the current threshold.</param>
/// <param name="MinimumStep">The smallest change in the metric's unit (so a threshold of 0 can move at all).</param>
/// <param name="ConsistentOutcomes">Hysteresis: the latest this many outcomes since the last change must all point the same way.</param>
/// <param name="WindowDays">Incidents and the metric baseline are read over this many days.</param>
/// <param name="LateImpactMinutes">An incident counts as "alarm too late" when its evidence shows impact this many minutes before the alarm fired.</param>
/// <param name="DryRun">True: tuning proposes and records, never changes an alarm.</param>
public sealed record TuningSettings(
    bool Enabled,
    double MaxStepPercent,
    double MinimumStep,
    int ConsistentOutcomes,
    int WindowDays,
    int LateImpactMinutes,
    bool DryRun);
