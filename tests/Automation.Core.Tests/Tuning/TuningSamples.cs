using Automation.Core.Alarms;
using Automation.Core.Facts;
using Automation.Core.Incidents;
using Automation.Core.Triggers;

namespace Automation.Core.Tests.Tuning;

internal static class TuningSamples
{
    public static readonly DateTimeOffset Fired = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    public static Incident Closed(
        IncidentStatus status,
        string? diagnosisKind,
        string id = "inc-1",
        DateTimeOffset? fired = null,
        string? alarmName = "ddb-auto/orders/orders/WriteThrottleEvents") =>
        new Incident(
            id,
            new IncidentTrigger(TriggerSource.Alarm, "orders", null, "WriteThrottleEvents", alarmName, null, "eu-west-1", "123456789012", alarmName is null ? null : fired ?? Fired, "alarm", null, "key-" + id, false),
            status,
            new ExecutionLink("arn:aws:states:eu-west-1:123456789012:execution:sm:" + id, "eu-west-1", "https://console"),
            (fired ?? Fired).AddMinutes(1),
            (fired ?? Fired).AddMinutes(9),
            3)
        {
            ClosedAt = (fired ?? Fired).AddMinutes(9),
            Diagnosis = diagnosisKind is null ? null : new DiagnosisRecord(diagnosisKind, "x", null),
        };

    /// <summary>A one-minute series: <paramref name="values"/>[i] at <paramref name="start"/> + i minutes.</summary>
    public static MetricSeries Series(DateTimeOffset start, params double[] values) =>
        new(DynamoDbMetric.WriteThrottleEvents, null, MetricStatistic.Sum, 60, [.. values.Select((v, i) => new MetricDatapoint(start.AddMinutes(i), v))]);

    public static TuningSettings Tuning(int n = 3, double maxStepPercent = 20, double minimumStep = 1, bool enabled = true) =>
        new(enabled, maxStepPercent, minimumStep, n, 14, 10, false);

    public static AlarmKindSettings Kind(double threshold = 10, double floor = 1, double ceiling = 100, bool pinned = false) =>
        new(true, threshold, 1, 1, pinned, floor, ceiling);
}
