using Automation.Core.Alarms;
using Automation.Core.Facts;

namespace Automation.Core.Triage;

/// <summary>The AWS/DynamoDB metrics the triage reads (exact CloudWatch names).</summary>
public enum TriageMetric
{
    /// <summary>Server-side latency of successful requests, per operation (milliseconds; Average and Maximum, never percentiles here).</summary>
    SuccessfulRequestLatency,

    /// <summary>HTTP 500s from DynamoDB (count, Sum).</summary>
    SystemErrors,

    /// <summary>Requests with at least one throttled event (count, Sum).</summary>
    ThrottledRequests,

    /// <summary>Read events over capacity (count, Sum).</summary>
    ReadThrottleEvents,

    /// <summary>Write events over capacity (count, Sum).</summary>
    WriteThrottleEvents,

    /// <summary>Failed condition expressions (count, Sum): contention on items.</summary>
    ConditionalCheckFailedRequests,

    /// <summary>Global-table replication delay to one replica region (milliseconds; Average or Maximum).</summary>
    ReplicationLatency,
}

/// <summary>
/// One metric over the recent window and its baseline (datapoints in any order; CloudWatch omits periods without
/// events, so a missing count datapoint is zero).
/// </summary>
/// <param name="Metric">Which metric.</param>
/// <param name="Statistic">Sum for counts; Average or Maximum for latencies.</param>
/// <param name="Operation">The <c>Operation</c> dimension (latency, errors, throttled requests), else null.</param>
/// <param name="ReceivingRegion">The replica region (replication latency), else null.</param>
/// <param name="Datapoints">Datapoints anywhere in [baseline start, recent end); the windows are split by timestamp.</param>
/// <param name="IndexName">The GSI (read and write throttle events of the alarm's index), else null: the table.</param>
public sealed record TriageSeries(
    TriageMetric Metric,
    MetricStatistic Statistic,
    string? Operation,
    string? ReceivingRegion,
    IReadOnlyList<MetricDatapoint> Datapoints,
    string? IndexName = null);

/// <summary>What the triage decides from.</summary>
/// <param name="TableName">The table.</param>
/// <param name="Kind">The alarm's kind, when known.</param>
/// <param name="Operation">The alarm's operation, when known.</param>
/// <param name="BaselineStart">Start of the baseline window (inclusive).</param>
/// <param name="RecentStart">Start of the recent window (inclusive) = end of the baseline (exclusive): the baseline never includes the recent window.</param>
/// <param name="RecentEnd">End of the recent window (exclusive).</param>
/// <param name="Series">The metric series.</param>
/// <param name="HotKeys">Contributor Insights reports over the recent window, when enabled; else empty.</param>
public sealed record TriageFacts(
    string TableName,
    AlarmKind? Kind,
    string? Operation,
    DateTimeOffset BaselineStart,
    DateTimeOffset RecentStart,
    DateTimeOffset RecentEnd,
    IReadOnlyList<TriageSeries> Series,
    IReadOnlyList<ContributorInsightsReport> HotKeys);

/// <summary>How far from the baseline is "not normal".</summary>
/// <param name="LatencyRatio">Recent latency above this multiple of the baseline is elevated.</param>
/// <param name="MinLatencyIncreaseMs">...and at least this many milliseconds above it (sub-millisecond noise is normal).</param>
/// <param name="LatencyCeilingMs">Without a baseline: average server-side latency above this is elevated.</param>
/// <param name="ConditionalCheckRatio">Recent conditional-check failures per minute above this multiple of the baseline rate.</param>
/// <param name="MinConditionalCheckFailures">...and at least this many in the recent window.</param>
/// <param name="ReplicationRatio">Recent replication latency above this multiple of the baseline.</param>
/// <param name="ReplicationCeilingMs">Without a baseline: replication latency above this is elevated.</param>
/// <param name="HotKeyShare">A key with at least this share of a Contributor Insights report's total is hot.</param>
public sealed record TriageThresholds(
    double LatencyRatio = 2.0,
    double MinLatencyIncreaseMs = 5.0,
    double LatencyCeilingMs = 100.0,
    double ConditionalCheckRatio = 2.0,
    double MinConditionalCheckFailures = 10.0,
    double ReplicationRatio = 2.0,
    double ReplicationCeilingMs = 60_000.0,
    double HotKeyShare = 0.5)
{
    /// <summary>The defaults.</summary>
    public static TriageThresholds Default { get; } = new();
}
