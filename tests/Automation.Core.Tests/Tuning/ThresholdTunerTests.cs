using Automation.Core.Alarms;
using Automation.Core.Errors;
using Automation.Core.Facts;
using Automation.Core.Tuning;

using static Automation.Core.Tests.Tuning.TuningSamples;

namespace Automation.Core.Tests.Tuning;

public class ThresholdTunerTests
{
    internal static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    internal static TuningOutcome O(TuningOutcomeKind kind, int hoursAgo, string? id = null) =>
        new(id ?? $"inc-{kind}-{hoursAgo}", kind, Now.AddHours(-hoursAgo), "x");

    internal static MetricSeries Baseline(params double[] values) =>
        new(DynamoDbMetric.WriteThrottleEvents, null, MetricStatistic.Sum, 60, [.. values.Select((v, i) => new MetricDatapoint(Now.AddDays(-1).AddMinutes(i), v))]);

    internal static TuningInput Input(
        double current,
        IReadOnlyList<TuningOutcome> outcomes,
        AlarmKindSettings? kind = null,
        TuningSettings? tuning = null,
        DateTimeOffset? lastChange = null,
        MetricSeries? baseline = null,
        IReadOnlyList<TimeWindow>? windows = null) =>
        new(current, 2, kind ?? Kind(), tuning ?? TuningSamples.Tuning(), outcomes, lastChange, baseline ?? Baseline(), windows ?? [], Now);

    private static readonly TuningOutcome[] ThreeFalse = [O(TuningOutcomeKind.FalseAlarm, 3), O(TuningOutcomeKind.FalseAlarm, 2), O(TuningOutcomeKind.FalseAlarm, 1)];
    private static readonly TuningOutcome[] ThreeLate = [O(TuningOutcomeKind.Late, 3), O(TuningOutcomeKind.Late, 2), O(TuningOutcomeKind.Late, 1)];

    [Fact]
    public void NConsistentFalseAlarmsRaiseByOneStep()
    {
        TuningDecision d = ThresholdTuner.Decide(Input(10, ThreeFalse));
        Assert.Equal(TuningAction.Raise, d.Action);
        Assert.Equal(12, d.Threshold, 9); // max(1, 10 × 20%) = 2
        Assert.Equal(2, d.EvaluationPeriods);
        Assert.Equal(ThreeFalse.Select(o => o.IncidentId), d.IncidentIds);
        Assert.Contains("Raised 10 to 12", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NConsistentLateOutcomesLowerByOneStep()
    {
        TuningDecision d = ThresholdTuner.Decide(Input(10, ThreeLate));
        Assert.Equal(TuningAction.Lower, d.Action);
        Assert.Equal(8, d.Threshold, 9);
    }

    [Fact]
    public void NMinusOneOutcomesKeep()
    {
        TuningDecision d = ThresholdTuner.Decide(Input(10, ThreeFalse[1..]));
        Assert.Equal(TuningAction.Keep, d.Action);
        Assert.Contains("2 outcome(s)", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AMitigatedOrMixedOutcomeAmongTheLatestNKeeps()
    {
        Assert.Equal(TuningAction.Keep, ThresholdTuner.Decide(Input(10, [.. ThreeFalse[..2], O(TuningOutcomeKind.Mitigated, 0)])).Action);
        Assert.Equal(TuningAction.Keep, ThresholdTuner.Decide(Input(10, [.. ThreeFalse[..2], O(TuningOutcomeKind.Late, 0)])).Action);
    }

    [Fact]
    public void OnlyTheLatestNCount()
    {
        // An old mitigated incident before three false alarms does not block.
        Assert.Equal(TuningAction.Raise, ThresholdTuner.Decide(Input(10, [O(TuningOutcomeKind.Mitigated, 5), .. ThreeFalse])).Action);
    }

    [Fact]
    public void NeutralOutcomesAreIgnored()
    {
        Assert.Equal(TuningAction.Raise, ThresholdTuner.Decide(Input(10, [.. ThreeFalse, O(TuningOutcomeKind.Neutral, 0)])).Action);
    }

    [Fact]
    public void OutcomesAtOrBeforeTheLastChangeDoNotCount()
    {
        Assert.Equal(TuningAction.Keep, ThresholdTuner.Decide(Input(10, ThreeFalse, lastChange: ThreeFalse[0].At)).Action);
        Assert.Equal(TuningAction.Raise, ThresholdTuner.Decide(Input(10, ThreeFalse, lastChange: ThreeFalse[0].At.AddTicks(-1))).Action);
    }

    [Fact]
    public void TheMinimumStepMovesASmallThreshold()
    {
        Assert.Equal(1, ThresholdTuner.Decide(Input(0, ThreeFalse, kind: Kind(floor: 0))).Threshold, 9);
    }

    [Fact]
    public void TheCeilingAndFloorClip()
    {
        Assert.Equal(11, ThresholdTuner.Decide(Input(10, ThreeFalse, kind: Kind(ceiling: 11))).Threshold, 9);
        Assert.Equal(TuningAction.Keep, ThresholdTuner.Decide(Input(10, ThreeFalse, kind: Kind(ceiling: 10))).Action);
        Assert.Equal(9.5, ThresholdTuner.Decide(Input(10, ThreeLate, kind: Kind(floor: 9.5))).Threshold, 9);
        Assert.Equal(TuningAction.Keep, ThresholdTuner.Decide(Input(10, ThreeLate, kind: Kind(floor: 10))).Action);
    }

    [Fact]
    public void ALowerStopsAtTheBaselineP95()
    {
        double[] values = [.. Enumerable.Repeat(1.0, 94), .. Enumerable.Repeat(9.0, 6)]; // p95 = 9
        TuningDecision d = ThresholdTuner.Decide(Input(10, ThreeLate, baseline: Baseline(values)));
        Assert.Equal(TuningAction.Lower, d.Action);
        Assert.Equal(9, d.Threshold, 9);
        Assert.Equal(9, d.Baseline.P95, 9);
        Assert.Equal(TuningAction.Keep, ThresholdTuner.Decide(Input(9, ThreeLate, baseline: Baseline(values))).Action);
    }

    [Fact]
    public void BaselineStatsExcludeIncidentWindows()
    {
        MetricSeries series = Baseline(1, 2, 3, 100, 100);
        var window = new TimeWindow(series.Datapoints[3].Timestamp, series.Datapoints[4].Timestamp);
        TuningDecision d = ThresholdTuner.Decide(Input(10, [], baseline: series, windows: [window]));
        Assert.Equal(new BaselineStats(3, 2, 2, 3, 3), d.Baseline);
    }

    [Fact]
    public void PinnedOrDisabledKeep()
    {
        Assert.Equal(TuningAction.Keep, ThresholdTuner.Decide(Input(10, ThreeFalse, kind: Kind(pinned: true))).Action);
        Assert.Equal(TuningAction.Keep, ThresholdTuner.Decide(Input(10, ThreeLate, tuning: TuningSamples.Tuning(enabled: false))).Action);
    }

    [Fact]
    public void BadSettingsNameTheField()
    {
        Assert.Equal("floor", Assert.Throws<AutomationException>(() => ThresholdTuner.Decide(Input(10, ThreeFalse, kind: Kind(floor: 5, ceiling: 4)))).Field);
        Assert.Equal("consistentOutcomes", Assert.Throws<AutomationException>(() => ThresholdTuner.Decide(Input(10, ThreeFalse, tuning: TuningSamples.Tuning(n: 0)))).Field);
    }
}
