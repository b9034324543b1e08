using Automation.Core.Alarms;
using Automation.Core.Facts;
using Automation.Core.Triage;

namespace Automation.Core.Tests.Triage;

/// <summary>A 60-minute baseline then a 15-minute recent window, one datapoint per minute.</summary>
internal static class TriageSamples
{
    public static readonly DateTimeOffset BaselineStart = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset RecentStart = BaselineStart.AddMinutes(60);
    public static readonly DateTimeOffset RecentEnd = RecentStart.AddMinutes(15);

    public static TriageFacts TriageFactsOf(IEnumerable<TriageSeries> series, IEnumerable<ContributorInsightsReport>? hotKeys = null) =>
        new("Orders", AlarmKind.Latency, "GetItem", BaselineStart, RecentStart, RecentEnd, [.. series], [.. hotKeys ?? []]);

    /// <summary>Per-minute values: <paramref name="baseline"/> for each baseline minute, <paramref name="recent"/> for each recent minute (null: none).</summary>
    public static TriageSeries Series(TriageMetric metric, double? baseline, double? recent, MetricStatistic statistic = MetricStatistic.Sum, string? operation = null, string? region = null)
    {
        var points = new List<MetricDatapoint>();
        if (baseline is { } b)
        {
            points.AddRange(Enumerable.Range(0, 60).Select(i => new MetricDatapoint(BaselineStart.AddMinutes(i), b)));
        }

        if (recent is { } r)
        {
            points.AddRange(Enumerable.Range(0, 15).Select(i => new MetricDatapoint(RecentStart.AddMinutes(i), r)));
        }

        return new TriageSeries(metric, statistic, operation, region, points);
    }

    public static TriageSeries Latency(double? baseline, double? recent, string operation = "GetItem", MetricStatistic statistic = MetricStatistic.Average) =>
        Series(TriageMetric.SuccessfulRequestLatency, baseline, recent, statistic, operation);
}
