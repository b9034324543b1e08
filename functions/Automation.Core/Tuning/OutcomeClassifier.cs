using System.Globalization;

using Automation.Core.Diagnosis;
using Automation.Core.Facts;
using Automation.Core.Incidents;

namespace Automation.Core.Tuning;

/// <summary>
/// One way an incident shows a false alarm: its final status and, when not null, its diagnosis kind
/// (<see cref="DiagnosisRecord.Kind"/>, compared ordinally). The set is data so that a new triage verdict
/// (e.g. "DynamoDB is healthy") is one more entry, not a code change.
/// </summary>
/// <param name="Status">The incident's final status.</param>
/// <param name="DiagnosisKind">The diagnosis kind it must carry, or null for any (or no) diagnosis.</param>
public sealed record FalseAlarmSignal(IncidentStatus Status, string? DiagnosisKind)
{
    public bool Matches(Incident incident) =>
        incident.Status == Status
        && (DiagnosisKind is null || string.Equals(incident.Diagnosis?.Kind, DiagnosisKind, StringComparison.Ordinal));
}

/// <summary>
/// Classifies a closed incident for the tuner, first match wins:
/// <list type="number">
/// <item>not final, or no alarm behind it (manual run) → <see cref="TuningOutcomeKind.Neutral"/>;</item>
/// <item>a false-alarm signal matches → <see cref="TuningOutcomeKind.FalseAlarm"/>;</item>
/// <item>the alarm's metric breached the threshold (value &gt; threshold) in every period of a run that started at
/// least <c>lateImpactMinutes</c> before the alarm's state change and lasted up to it → <see cref="TuningOutcomeKind.Late"/>
/// (whatever the status: a late alarm that was then mitigated still fired late);</item>
/// <item>status Mitigated → <see cref="TuningOutcomeKind.Mitigated"/>;</item>
/// <item>otherwise → <see cref="TuningOutcomeKind.Neutral"/>.</item>
/// </list>
/// A missing datapoint means zero (CloudWatch omits periods without events), so a gap ends a breaching run.
/// </summary>
public static class OutcomeClassifier
{
    /// <summary>The triage verdict "DynamoDB is healthy; look elsewhere" (alarm-triage closes such incidents Triaged).</summary>
    public const string NotDynamoDbDiagnosis = "NotDynamoDb";

    /// <summary>
    /// Today's false-alarm signals: the throttling runbook found no throttling and closed with nothing to do; triage
    /// found DynamoDB healthy.
    /// </summary>
    public static IReadOnlyList<FalseAlarmSignal> DefaultFalseAlarmSignals { get; } =
    [
        new FalseAlarmSignal(IncidentStatus.NoActionNeeded, nameof(DiagnosisKind.NotThrottling)),
        new FalseAlarmSignal(IncidentStatus.Triaged, NotDynamoDbDiagnosis),
    ];

    /// <summary>Classifies <paramref name="incident"/> against its alarm's metric and the threshold it fired at.</summary>
    /// <param name="incident">The incident (closed ones carry a signal; others are Neutral).</param>
    /// <param name="alarmMetric">The alarm's metric around the alarm time, or null when not read (then never Late).</param>
    /// <param name="threshold">The alarm's threshold when it fired.</param>
    /// <param name="lateImpactMinutes">How long a breach before the alarm makes it late (<see cref="Alarms.TuningSettings.LateImpactMinutes"/>).</param>
    /// <param name="falseAlarmSignals">The signals of a false alarm; null for <see cref="DefaultFalseAlarmSignals"/>.</param>
    public static TuningOutcome Classify(
        Incident incident,
        MetricSeries? alarmMetric,
        double threshold,
        int lateImpactMinutes,
        IReadOnlyCollection<FalseAlarmSignal>? falseAlarmSignals = null)
    {
        ArgumentNullException.ThrowIfNull(incident);
        DateTimeOffset at = incident.MitigationClockStart;
        if (!incident.IsFinal)
        {
            return new(incident.IncidentId, TuningOutcomeKind.Neutral, at, $"Incident {incident.IncidentId} is {incident.Status}, not closed.");
        }

        if (incident.Trigger.AlarmName is null || incident.Trigger.StateTimestamp is not { } fired)
        {
            return new(incident.IncidentId, TuningOutcomeKind.Neutral, at, $"Incident {incident.IncidentId} was not opened by an alarm.");
        }

        foreach (FalseAlarmSignal signal in falseAlarmSignals ?? DefaultFalseAlarmSignals)
        {
            if (signal.Matches(incident))
            {
                return new(
                    incident.IncidentId,
                    TuningOutcomeKind.FalseAlarm,
                    at,
                    $"Incident {incident.IncidentId} closed {incident.Status} with diagnosis {incident.Diagnosis?.Kind ?? "none"}: a false alarm of {incident.Trigger.AlarmName}.");
            }
        }

        double breachMinutes = alarmMetric is null ? 0 : BreachMinutesBefore(alarmMetric, threshold, fired);
        if (lateImpactMinutes >= 0 && breachMinutes > 0 && breachMinutes >= lateImpactMinutes)
        {
            return new(
                incident.IncidentId,
                TuningOutcomeKind.Late,
                at,
                string.Create(CultureInfo.InvariantCulture, $"{incident.Trigger.AlarmName} fired {breachMinutes:0.#} minutes after its metric first breached {threshold:0.###} (late at {lateImpactMinutes} minutes)."));
        }

        if (incident.Status == IncidentStatus.Mitigated)
        {
            return new(
                incident.IncidentId,
                TuningOutcomeKind.Mitigated,
                at,
                string.Create(CultureInfo.InvariantCulture, $"Incident {incident.IncidentId} was mitigated; the metric breached {threshold:0.###} for {breachMinutes:0.#} minutes before the alarm (late at {lateImpactMinutes})."));
        }

        return new(incident.IncidentId, TuningOutcomeKind.Neutral, at, $"Incident {incident.IncidentId} closed {incident.Status}: no signal for the threshold.");
    }

    /// <summary>
    /// Minutes from the start of the breaching run that reaches the alarm time to the alarm time: the latest period
    /// that starts before <paramref name="fired"/> (and at most two periods before it) must breach, then each earlier contiguous period that breaches
    /// extends the run. 0 when the period before the alarm does not breach.
    /// </summary>
    public static double BreachMinutesBefore(MetricSeries series, double threshold, DateTimeOffset fired)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.PeriodSeconds <= 0)
        {
            return 0;
        }

        var period = TimeSpan.FromSeconds(series.PeriodSeconds);
        var byStart = new Dictionary<DateTimeOffset, double>();
        foreach (MetricDatapoint point in series.Datapoints)
        {
            if (point.Timestamp < fired)
            {
                byStart[point.Timestamp] = byStart.TryGetValue(point.Timestamp, out double seen) ? Math.Max(seen, point.Value) : point.Value;
            }
        }

        if (byStart.Count == 0)
        {
            return 0;
        }

        DateTimeOffset latest = byStart.Keys.Max();
        if (byStart[latest] <= threshold)
        {
            return 0;
        }

        DateTimeOffset start = latest;
        while (byStart.TryGetValue(start - period, out double value) && value > threshold)
        {
            start -= period;
        }

        // The breach must reach the alarm: a period of slack for CloudWatch's evaluation delay, no more.
        if (latest + (2 * period) < fired)
        {
            return 0;
        }

        return (fired - start).TotalMinutes;
    }
}
