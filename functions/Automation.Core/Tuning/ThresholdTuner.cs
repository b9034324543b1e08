using System.Globalization;

using Automation.Core.Alarms;
using Automation.Core.Errors;
using Automation.Core.Facts;

namespace Automation.Core.Tuning;

/// <summary>Keep, raise or lower.</summary>
public enum TuningAction
{
    Keep,
    Raise,
    Lower,
}

/// <summary>What the tuner is given for one alarm.</summary>
/// <param name="CurrentThreshold">The alarm's threshold now.</param>
/// <param name="CurrentEvaluationPeriods">Its evaluation periods now.</param>
/// <param name="Configured">The kind's configured (base) settings: threshold, evaluation periods, pin, floor, ceiling.</param>
/// <param name="Tuning">The segment's tuning settings.</param>
/// <param name="Outcomes">The classified incidents of the alarm over the window.</param>
/// <param name="LastChangeAt">When the alarm's threshold last changed (applied or reverted), or null.</param>
/// <param name="Baseline">The alarm's metric over the window.</param>
/// <param name="IncidentWindows">The incidents' windows, excluded from the baseline.</param>
/// <param name="Now">The decision time.</param>
public sealed record TuningInput(
    double CurrentThreshold,
    int CurrentEvaluationPeriods,
    AlarmKindSettings Configured,
    TuningSettings Tuning,
    IReadOnlyList<TuningOutcome> Outcomes,
    DateTimeOffset? LastChangeAt,
    MetricSeries Baseline,
    IReadOnlyList<TimeWindow> IncidentWindows,
    DateTimeOffset Now);

/// <summary>What the tuner decided.</summary>
/// <param name="Action">Keep, raise or lower.</param>
/// <param name="Threshold">The threshold to set (the current one on Keep).</param>
/// <param name="EvaluationPeriods">The evaluation periods to set (the tuner keeps them).</param>
/// <param name="Reason">One sentence with the numbers.</param>
/// <param name="IncidentIds">The incidents the decision learned from (the latest N counted outcomes; empty when too few).</param>
/// <param name="Baseline">The baseline stats, incident windows excluded.</param>
public sealed record TuningDecision(
    TuningAction Action,
    double Threshold,
    int EvaluationPeriods,
    string Reason,
    IReadOnlyList<string> IncidentIds,
    BaselineStats Baseline);

/// <summary>
/// The threshold tuner (pure):
/// <list type="bullet">
/// <item>pinned kind, or tuning disabled → Keep;</item>
/// <item>only non-neutral outcomes after the last change (and not after now, within the window) count;</item>
/// <item>the latest N (<see cref="TuningSettings.ConsistentOutcomes"/>) all false alarms → Raise; all late → Lower;
/// fewer than N, any mitigated, or mixed → Keep;</item>
/// <item>step = max(minimumStep, |current| × maxStepPercent / 100), never more; the result stays in [floor, ceiling];
/// a lower never goes below the baseline's p95 (it would fire on normal traffic); a move that these bounds cancel → Keep.</item>
/// </list>
/// Evaluation periods are kept as they are (the threshold is the one knob tuned).
/// </summary>
public static class ThresholdTuner
{
    public static TuningDecision Decide(TuningInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Validate(input);
        TuningSettings tuning = input.Tuning;
        AlarmKindSettings kind = input.Configured;
        double current = input.CurrentThreshold;
        int periods = input.CurrentEvaluationPeriods;
        BaselineStats baseline = BaselineStats.From(input.Baseline, input.IncidentWindows, input.Now.AddDays(-tuning.WindowDays), input.Now);

        TuningDecision Keep(string reason, IReadOnlyList<string>? ids = null) => new(TuningAction.Keep, current, periods, reason, ids ?? [], baseline);

        if (kind.Pinned)
        {
            return Keep(F($"Kept {current}: the kind is pinned, the tuner never changes it."));
        }

        if (!tuning.Enabled)
        {
            return Keep(F($"Kept {current}: tuning is disabled for the segment."));
        }

        DateTimeOffset windowStart = input.Now.AddDays(-tuning.WindowDays);
        var counted = input.Outcomes
            .Where(o => o.Kind != TuningOutcomeKind.Neutral && o.At <= input.Now && o.At >= windowStart
                && (input.LastChangeAt is not { } last || o.At > last))
            .OrderBy(o => o.At).ThenBy(o => o.IncidentId, StringComparer.Ordinal)
            .ToList();
        int n = tuning.ConsistentOutcomes;
        if (counted.Count < n)
        {
            return Keep(F($"Kept {current}: {counted.Count} outcome(s) since the last change, {n} consistent ones needed."));
        }

        List<TuningOutcome> latest = counted[^n..];
        string[] ids = [.. latest.Select(o => o.IncidentId)];
        int falseAlarms = latest.Count(o => o.Kind == TuningOutcomeKind.FalseAlarm);
        int late = latest.Count(o => o.Kind == TuningOutcomeKind.Late);
        int mitigated = latest.Count(o => o.Kind == TuningOutcomeKind.Mitigated);
        if (falseAlarms != n && late != n)
        {
            return Keep(F($"Kept {current}: the latest {n} outcomes are {falseAlarms} false alarm(s), {late} late, {mitigated} mitigated."), ids);
        }

        double step = Math.Max(tuning.MinimumStep, Math.Abs(current) * tuning.MaxStepPercent / 100.0);
        if (falseAlarms == n)
        {
            double raised = Math.Min(current + step, kind.Ceiling);
            return raised > current && raised >= kind.Floor
                ? new(TuningAction.Raise, raised, periods, F($"Raised {current} to {raised} (step {step}, ceiling {kind.Ceiling}): the latest {n} incidents were false alarms."), ids, baseline)
                : Keep(F($"Kept {current}: the latest {n} incidents were false alarms, but the ceiling is {kind.Ceiling}."), ids);
        }

        double lowered = Math.Max(Math.Max(current - step, kind.Floor), baseline.P95);
        return lowered < current && lowered <= kind.Ceiling
            ? new(TuningAction.Lower, lowered, periods, F($"Lowered {current} to {lowered} (step {step}, floor {kind.Floor}, baseline p95 {baseline.P95}): the latest {n} incidents alarmed late."), ids, baseline)
            : Keep(F($"Kept {current}: the latest {n} incidents alarmed late, but the floor is {kind.Floor} and the baseline p95 is {baseline.P95}."), ids);
    }

    private static void Validate(TuningInput input)
    {
        TuningSettings t = input.Tuning;
        AlarmKindSettings k = input.Configured;
        if (!double.IsFinite(input.CurrentThreshold))
        {
            throw InputError.Field("currentThreshold", "must be a finite number");
        }

        if (!(double.IsFinite(k.Floor) && double.IsFinite(k.Ceiling)) || k.Floor > k.Ceiling)
        {
            throw InputError.Field("floor", F($"is {k.Floor}, above the ceiling {k.Ceiling}"));
        }

        if (t.ConsistentOutcomes < 1)
        {
            throw InputError.Field("consistentOutcomes", F($"is {t.ConsistentOutcomes}; must be at least 1"));
        }

        if (!double.IsFinite(t.MaxStepPercent) || t.MaxStepPercent < 0 || !double.IsFinite(t.MinimumStep) || t.MinimumStep < 0)
        {
            throw InputError.Field("maxStepPercent", "and minimumStep must be finite and not negative");
        }

        if (t.WindowDays < 1)
        {
            throw InputError.Field("windowDays", F($"is {t.WindowDays}; must be at least 1"));
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
