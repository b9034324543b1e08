using Automation.Core.Alarms;
using Automation.Core.Facts;
using Automation.Core.Tests.Properties;
using Automation.Core.Tuning;

using FsCheck;
using FsCheck.Fluent;

using static Automation.Core.Tests.Tuning.ThresholdTunerTests;

namespace Automation.Core.Tests.Tuning;

/// <summary>
/// Properties of the tuner over random settings, outcomes and baselines: bounded moves inside [floor, ceiling], pins
/// hold, a change converges (re-tuning keeps until N new outcomes), alternating outcomes never move it, and incident
/// windows never reach the baseline stats.
/// </summary>
public class ThresholdTunerPropertyTests
{
    private static readonly Gen<TuningOutcomeKind> Kinds = Gen.Frequency(
        (3, Gen.Constant(TuningOutcomeKind.FalseAlarm)), (3, Gen.Constant(TuningOutcomeKind.Late)),
        (1, Gen.Constant(TuningOutcomeKind.Mitigated)), (1, Gen.Constant(TuningOutcomeKind.Neutral)));

    private static Gen<TuningOutcome[]> Outcomes(Gen<TuningOutcomeKind> kinds) =>
        from n in Gen.Choose(0, 8)
        from list in Gen.ListOf(Gen.Zip(kinds, Gen.Choose(1, 300)), n)
        select list.Select((p, i) => new TuningOutcome($"inc-{i}", p.Item1, Now.AddHours(-p.Item2), "x")).ToArray();

    private static readonly Gen<MetricSeries> Baselines =
        from n in Gen.Choose(0, 40)
        from values in Gen.ListOf(Gen.Choose(0, 300), n)
        select Baseline([.. values.Select(v => (double)v)]);

    private static readonly Gen<TuningInput> Inputs =
        from current in Gen.Choose(0, 300)
        from floor in Gen.Choose(0, 100)
        from width in Gen.Choose(0, 200)
        from stepPercent in Gen.Choose(0, 60)
        from minimumStep in Gen.Choose(0, 5)
        from n in Gen.Choose(1, 4)
        from pinned in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
        from enabled in Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)))
        from outcomes in Outcomes(Kinds)
        from baseline in Baselines
        select new TuningInput(
            current, 2, new AlarmKindSettings(true, current, 2, 1, pinned, floor, floor + width),
            new TuningSettings(enabled, stepPercent, minimumStep, n, 14, 10, false), outcomes, null, baseline, [], Now);

    private static double Step(TuningInput input) => Math.Max(input.Tuning.MinimumStep, Math.Abs(input.CurrentThreshold) * input.Tuning.MaxStepPercent / 100.0);

    [Fact]
    public void MovesStayWithinFloorCeilingAndOneStep() =>
        PropertyCases.ForAll(Inputs.ToArbitrary(), input =>
        {
            TuningDecision d = ThresholdTuner.Decide(input);
            Assert.Equal(input.CurrentEvaluationPeriods, d.EvaluationPeriods);
            if (d.Action == TuningAction.Keep)
            {
                Assert.Equal(input.CurrentThreshold, d.Threshold);
                return;
            }

            Assert.InRange(d.Threshold, input.Configured.Floor, input.Configured.Ceiling);
            Assert.True(Math.Abs(d.Threshold - input.CurrentThreshold) <= Step(input) + 1e-9, d.Reason);
            Assert.Equal(d.Action == TuningAction.Raise, d.Threshold > input.CurrentThreshold);
            if (d.Action == TuningAction.Lower)
            {
                Assert.True(d.Threshold >= d.Baseline.P95, d.Reason);
            }
        });

    [Fact]
    public void NeverChangesAPinnedKindOrDisabledTuning() =>
        PropertyCases.ForAll(Inputs.ToArbitrary(), input =>
        {
            Assert.Equal(TuningAction.Keep, ThresholdTuner.Decide(input with { Configured = input.Configured with { Pinned = true } }).Action);
            Assert.Equal(TuningAction.Keep, ThresholdTuner.Decide(input with { Tuning = input.Tuning with { Enabled = false } }).Action);
        });

    [Fact]
    public void ConvergesAfterAChangeUntilNNewOutcomes() =>
        PropertyCases.ForAll(Inputs.Select(i => i with { Configured = i.Configured with { Pinned = false }, Tuning = i.Tuning with { Enabled = true } }).ToArbitrary(), input =>
        {
            TuningDecision first = ThresholdTuner.Decide(input);
            if (first.Action == TuningAction.Keep)
            {
                return;
            }

            TuningInput after = input with { CurrentThreshold = first.Threshold, LastChangeAt = input.Now };
            Assert.Equal(TuningAction.Keep, ThresholdTuner.Decide(after).Action);

            // The same kind of outcome keeps coming: fewer than N new ones keep, N new ones may move again.
            TuningOutcomeKind kind = first.Action == TuningAction.Raise ? TuningOutcomeKind.FalseAlarm : TuningOutcomeKind.Late;
            var outcomes = input.Outcomes.ToList();
            for (int k = 1; k < input.Tuning.ConsistentOutcomes; k++)
            {
                outcomes.Add(new TuningOutcome($"new-{k}", kind, input.Now.AddHours(k), "x"));
                Assert.Equal(TuningAction.Keep, ThresholdTuner.Decide(after with { Outcomes = outcomes, Now = input.Now.AddHours(k) }).Action);
            }
        });

    [Fact]
    public void NeverOscillatesOnAlternatingOutcomes() =>
        PropertyCases.ForAll((from i in Inputs from c in Gen.Choose(0, 12) from p in Gen.Elements(0, 1) select (i, c, p)).ToArbitrary(), t =>
        {
            (TuningInput input, int count, int phase) = t;
            TuningOutcome[] alternating = [.. Enumerable.Range(0, count).Select(i => new TuningOutcome(
                $"alt-{i}", (i + phase) % 2 == 0 ? TuningOutcomeKind.FalseAlarm : TuningOutcomeKind.Late, input.Now.AddHours(i - count), "x"))];
            TuningInput alternatingInput = input with { Outcomes = alternating, Tuning = input.Tuning with { ConsistentOutcomes = Math.Max(2, input.Tuning.ConsistentOutcomes) } };
            Assert.Equal(TuningAction.Keep, ThresholdTuner.Decide(alternatingInput).Action);
        });

    [Fact]
    public void IncidentWindowsNeverAffectTheBaselineStats() =>
        PropertyCases.ForAll((from i in Inputs from l in Gen.Choose(0, 2000) from s in Gen.ListOf(Gen.Choose(0, 100_000), 5) select (i, l, s)).ToArbitrary(), t =>
        {
            (TuningInput input, int length, IList<int> spikes) = t;
            // A window in the hour before the baseline starts; spikes inside it (any value) change nothing.
            DateTimeOffset start = Now.AddDays(-1).AddMinutes(-90);
            var window = new TimeWindow(start, start.AddMinutes(length % 60));
            MetricDatapoint[] inWindow = [.. spikes.Select((v, i) => new MetricDatapoint(start.AddMinutes(i % ((length % 60) + 1)), v))];
            TuningInput clean = input with { IncidentWindows = [window] };
            TuningInput spiked = clean with { Baseline = input.Baseline with { Datapoints = [.. input.Baseline.Datapoints, .. inWindow] } };
            TuningDecision a = ThresholdTuner.Decide(clean);
            TuningDecision b = ThresholdTuner.Decide(spiked);
            Assert.Equal(a.Baseline, b.Baseline);
            Assert.Equal((a.Action, a.Threshold), (b.Action, b.Threshold));
        });
}
