using Automation.Core.Incidents;
using Automation.Core.Tuning;

using static Automation.Core.Tests.Tuning.TuningSamples;

namespace Automation.Core.Tests.Tuning;

public class OutcomeClassifierTests
{
    private static readonly double[] NoBreach = [0, 0, 0, 0, 0];

    [Fact]
    public void NoActionNeededWithNotThrottlingIsAFalseAlarm()
    {
        TuningOutcome outcome = OutcomeClassifier.Classify(Closed(IncidentStatus.NoActionNeeded, "NotThrottling"), Series(Fired.AddMinutes(-5), NoBreach), 10, 10);
        Assert.Equal(TuningOutcomeKind.FalseAlarm, outcome.Kind);
        Assert.Equal(Fired, outcome.At);
        Assert.Contains("NotThrottling", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TriagedAsNotDynamoDbIsAFalseAlarmByDefault()
    {
        TuningOutcome outcome = OutcomeClassifier.Classify(Closed(IncidentStatus.Triaged, OutcomeClassifier.NotDynamoDbDiagnosis), Series(Fired.AddMinutes(-5), NoBreach), 10, 10);
        Assert.Equal(TuningOutcomeKind.FalseAlarm, outcome.Kind);
        Assert.NotEqual(TuningOutcomeKind.FalseAlarm, OutcomeClassifier.Classify(Closed(IncidentStatus.Triaged, "DynamoDbSide"), Series(Fired.AddMinutes(-5), NoBreach), 10, 10).Kind);
    }

    [Fact]
    public void NoActionNeededWithAnotherDiagnosisIsNotAFalseAlarm()
    {
        // Throttling that had already stopped: no action needed, but the alarm was right.
        TuningOutcome outcome = OutcomeClassifier.Classify(Closed(IncidentStatus.NoActionNeeded, "HotPartitionKey"), null, 10, 10);
        Assert.Equal(TuningOutcomeKind.Neutral, outcome.Kind);
    }

    [Fact]
    public void TheFalseAlarmSignalsAreData()
    {
        var signals = new[] { new FalseAlarmSignal(IncidentStatus.NoActionNeeded, "DynamoDbHealthy") };
        Assert.Equal(TuningOutcomeKind.FalseAlarm, OutcomeClassifier.Classify(Closed(IncidentStatus.NoActionNeeded, "DynamoDbHealthy"), null, 10, 10, signals).Kind);
        Assert.Equal(TuningOutcomeKind.Neutral, OutcomeClassifier.Classify(Closed(IncidentStatus.NoActionNeeded, "NotThrottling"), null, 10, 10, signals).Kind);
        Assert.Equal(TuningOutcomeKind.Neutral, OutcomeClassifier.Classify(Closed(IncidentStatus.NoActionNeeded, "DynamoDbHealthy"), null, 10, 10).Kind);
    }

    [Fact]
    public void MitigatedInTimeIsMitigated()
    {
        // Breaching for the last 3 minutes only: 3 < 10.
        TuningOutcome outcome = OutcomeClassifier.Classify(Closed(IncidentStatus.Mitigated, "HotPartitionKey"), Series(Fired.AddMinutes(-5), 0, 0, 50, 50, 50), 10, 10);
        Assert.Equal(TuningOutcomeKind.Mitigated, outcome.Kind);
    }

    [Theory]
    [InlineData(9, TuningOutcomeKind.Mitigated)]
    [InlineData(10, TuningOutcomeKind.Late)]
    [InlineData(11, TuningOutcomeKind.Late)]
    public void LateAtExactlyLateImpactMinutes(int breachingMinutes, TuningOutcomeKind expected)
    {
        double[] values = [.. Enumerable.Repeat(0.0, 5), .. Enumerable.Repeat(11.0, breachingMinutes)];
        TuningOutcome outcome = OutcomeClassifier.Classify(
            Closed(IncidentStatus.Mitigated, "HotPartitionKey"), Series(Fired.AddMinutes(-values.Length), values), 10, 10);
        Assert.Equal(expected, outcome.Kind);
    }

    [Fact]
    public void ValueEqualToTheThresholdDoesNotBreach()
    {
        double[] values = [.. Enumerable.Repeat(10.0, 20)];
        Assert.Equal(TuningOutcomeKind.Mitigated, OutcomeClassifier.Classify(Closed(IncidentStatus.Mitigated, "X"), Series(Fired.AddMinutes(-20), values), 10, 10).Kind);
    }

    [Fact]
    public void AGapEndsTheBreachingRun()
    {
        // 10 breaching minutes, then a missing (zero) minute, then 3 breaching ones before the alarm: 3 minutes.
        var series = Series(Fired.AddMinutes(-14), [.. Enumerable.Repeat(50.0, 10)]);
        series = series with { Datapoints = [.. series.Datapoints, .. Series(Fired.AddMinutes(-3), 50, 50, 50).Datapoints] };
        Assert.Equal(3, OutcomeClassifier.BreachMinutesBefore(series, 10, Fired), 6);
        Assert.Equal(TuningOutcomeKind.Mitigated, OutcomeClassifier.Classify(Closed(IncidentStatus.Mitigated, "X"), series, 10, 10).Kind);
    }

    [Fact]
    public void DatapointsAfterTheAlarmDoNotCount()
    {
        double[] values = [.. Enumerable.Repeat(50.0, 30)];
        Assert.Equal(TuningOutcomeKind.Mitigated, OutcomeClassifier.Classify(Closed(IncidentStatus.Mitigated, "X"), Series(Fired.AddMinutes(-2), values), 10, 10).Kind);
    }

    [Fact]
    public void ALateAlarmOnAnUnmitigatedIncidentIsStillLate()
    {
        double[] values = [.. Enumerable.Repeat(50.0, 15)];
        Assert.Equal(TuningOutcomeKind.Late, OutcomeClassifier.Classify(Closed(IncidentStatus.NotMitigated, "X"), Series(Fired.AddMinutes(-15), values), 10, 10).Kind);
    }

    [Theory]
    [InlineData(IncidentStatus.Failed)]
    [InlineData(IncidentStatus.Refused)]
    [InlineData(IncidentStatus.DryRunRecorded)]
    [InlineData(IncidentStatus.NotMitigated)]
    public void OtherClosedStatusesAreNeutral(IncidentStatus status) =>
        Assert.Equal(TuningOutcomeKind.Neutral, OutcomeClassifier.Classify(Closed(status, "X"), Series(Fired.AddMinutes(-5), NoBreach), 10, 10).Kind);

    [Fact]
    public void OpenOrManualIncidentsAreNeutral()
    {
        Assert.Equal(TuningOutcomeKind.Neutral, OutcomeClassifier.Classify(Closed(IncidentStatus.Open, "NotThrottling"), null, 10, 10).Kind);
        Assert.Equal(TuningOutcomeKind.Neutral, OutcomeClassifier.Classify(Closed(IncidentStatus.NoActionNeeded, "NotThrottling", alarmName: null), null, 10, 10).Kind);
    }
}
