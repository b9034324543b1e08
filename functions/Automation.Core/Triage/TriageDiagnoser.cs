using System.Globalization;
using Automation.Core.Alarms;
using Automation.Core.Facts;

namespace Automation.Core.Triage;

/// <summary>
/// Answers "is it DynamoDB, or another layer?" from DynamoDB's own metrics over a recent window against a baseline
/// that ends where the recent window starts. Any SystemErrors or throttles in the recent window, conditional-check
/// failures, server-side latency or replication latency clearly above the baseline are DynamoDB-side evidence; when
/// there is none and server-side latency data exists, DynamoDB is healthy and the delay is elsewhere; with no recent
/// data at all the triage is inconclusive.
/// </summary>
public static class TriageDiagnoser
{
    public static TriageDiagnosis Diagnose(TriageFacts facts, TriageThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var t = thresholds ?? TriageThresholds.Default;
        var findings = new List<TriageFinding>();
        var advice = new List<TriageRecommendation>();
        bool healthData = false;

        foreach (var s in facts.Series)
        {
            var recent = Window(s, facts.RecentStart, facts.RecentEnd);
            var baseline = Window(s, facts.BaselineStart, facts.RecentStart);
            switch (s.Metric)
            {
                case TriageMetric.SystemErrors:
                    CountAnyAbove0(s, recent, baseline, findings);
                    break;
                case TriageMetric.ThrottledRequests or TriageMetric.ReadThrottleEvents or TriageMetric.WriteThrottleEvents:
                    CountAnyAbove0(s, recent, baseline, findings);
                    break;
                case TriageMetric.ConditionalCheckFailedRequests:
                    ConditionalChecks(s, recent, baseline, facts, t, findings);
                    break;
                case TriageMetric.SuccessfulRequestLatency:
                    healthData |= recent.Count > 0;
                    Latency(s, recent, baseline, t.LatencyRatio, t.MinLatencyIncreaseMs, t.LatencyCeilingMs, "server-side latency", findings);
                    break;
                case TriageMetric.ReplicationLatency:
                    healthData |= recent.Count > 0;
                    Latency(s, recent, baseline, t.ReplicationRatio, 0, t.ReplicationCeilingMs, "replication latency", findings);
                    break;
            }
        }

        foreach (var report in facts.HotKeys)
        {
            HotKey(report, t, findings);
        }

        var evidence = findings.Where(f => f.DynamoDbSide).ToList();
        if (evidence.Count > 0)
        {
            foreach (var f in evidence)
            {
                Add(advice, AdviceFor(f));
            }

            foreach (var f in findings.Where(f => !f.DynamoDbSide && f.Metric is null))
            {
                Add(advice, AdviceFor(f));
            }

            var ordered = evidence.Concat(findings.Where(f => !f.DynamoDbSide)).ToList();
            return new TriageDiagnosis(
                TriageVerdict.DynamoDbSide,
                $"DynamoDB-side problem on '{facts.TableName}': {string.Join(" ", evidence.Select(f => f.Text))}",
                ordered,
                advice);
        }

        if (!healthData)
        {
            Add(advice, TriageAdvice.CheckMetricsAvailability);
            return new TriageDiagnosis(
                TriageVerdict.Inconclusive,
                $"No server-side latency or replication data for '{facts.TableName}' in the recent window and no errors or throttles: nothing to decide from.",
                findings,
                advice);
        }

        Add(advice, TriageAdvice.LookAtClientNetworkAndOtherServices);
        var numbers = findings.Where(f => f.Metric is TriageMetric.SuccessfulRequestLatency or TriageMetric.ReplicationLatency).Select(f => f.Text);
        return new TriageDiagnosis(
            TriageVerdict.NotDynamoDb,
            $"DynamoDB is healthy; look elsewhere. No SystemErrors or throttles on '{facts.TableName}', and {string.Join(" ", numbers)}",
            findings,
            advice);
    }

    private static List<double> Window(TriageSeries s, DateTimeOffset start, DateTimeOffset end) =>
        [.. s.Datapoints.Where(p => p.Timestamp >= start && p.Timestamp < end && double.IsFinite(p.Value)).Select(p => p.Value)];

    private static void CountAnyAbove0(TriageSeries s, List<double> recent, List<double> baseline, List<TriageFinding> findings)
    {
        double r = recent.Sum();
        double? b = baseline.Count > 0 ? baseline.Sum() : null;
        var where = s.Operation is not null ? $" ({s.Operation})" : s.IndexName is not null ? $" (index {s.IndexName})" : string.Empty;
        findings.Add(new TriageFinding(
            s.Metric,
            s.Operation,
            r,
            b,
            r > 0,
            $"{s.Metric}{where}: {N(r)} in the recent window (baseline {N(b ?? 0)})."));
    }

    private static void ConditionalChecks(TriageSeries s, List<double> recent, List<double> baseline, TriageFacts facts, TriageThresholds t, List<TriageFinding> findings)
    {
        double r = recent.Sum();
        double recentMinutes = Math.Max(1, (facts.RecentEnd - facts.RecentStart).TotalMinutes);
        double baselineMinutes = Math.Max(1, (facts.RecentStart - facts.BaselineStart).TotalMinutes);
        double rRate = r / recentMinutes;
        double bRate = baseline.Sum() / baselineMinutes;
        bool elevated = r >= t.MinConditionalCheckFailures && rRate > t.ConditionalCheckRatio * bRate;
        findings.Add(new TriageFinding(
            s.Metric,
            s.Operation,
            r,
            baseline.Sum(),
            elevated,
            $"ConditionalCheckFailedRequests: {N(r)} in the recent window ({N(rRate)}/min against a baseline of {N(bRate)}/min)."));
    }

    private static void Latency(TriageSeries s, List<double> recent, List<double> baseline, double ratio, double minIncrease, double ceiling, string what, List<TriageFinding> findings)
    {
        if (recent.Count == 0)
        {
            return;
        }

        bool max = s.Statistic == MetricStatistic.Maximum;
        double r = max ? recent.Max() : recent.Average();
        double? b = baseline.Count == 0 ? null : max ? baseline.Max() : baseline.Average();
        bool elevated = b is { } bv ? r > ratio * bv && r - bv >= minIncrease : r > ceiling;
        var stat = max ? "maximum" : "average";
        var scope = s.Operation ?? s.ReceivingRegion;
        var of = scope is null ? string.Empty : $" of {scope}";
        var against = b is { } bb ? $"baseline {N(bb)} ms" : $"no baseline; ceiling {N(ceiling)} ms";
        findings.Add(new TriageFinding(
            s.Metric,
            scope,
            r,
            b,
            elevated,
            $"{stat} {what}{of} is {N(r)} ms ({against}){(elevated ? ", elevated" : ", normal")}."));
    }

    private static void HotKey(ContributorInsightsReport report, TriageThresholds t, List<TriageFinding> findings)
    {
        if (report.AggregateValue <= 0 || report.Contributors.Count == 0)
        {
            return;
        }

        var top = report.Contributors.MaxBy(c => c.Value)!;
        double share = top.Value / report.AggregateValue;
        if (share < t.HotKeyShare)
        {
            return;
        }

        var key = top.SortKey is null ? top.PartitionKey : $"{top.PartitionKey}/{top.SortKey}";
        var on = report.IndexName is null ? string.Empty : $" on index '{report.IndexName}'";
        findings.Add(new TriageFinding(
            null,
            report.IndexName,
            top.Value,
            report.AggregateValue,
            false,
            $"Hot key '{key}'{on}: {N(share * 100)}% of {report.Rule} ({N(top.Value)} of {N(report.AggregateValue)})."));
    }

    private static TriageAdvice AdviceFor(TriageFinding f) => f.Metric switch
    {
        TriageMetric.SystemErrors => TriageAdvice.RetryWithBackoffAndJitter,
        TriageMetric.ThrottledRequests or TriageMetric.ReadThrottleEvents or TriageMetric.WriteThrottleEvents => TriageAdvice.RunThrottlingResponse,
        TriageMetric.ConditionalCheckFailedRequests => TriageAdvice.ReduceHotItemContention,
        TriageMetric.ReplicationLatency => TriageAdvice.CheckReplicaRegion,
        TriageMetric.SuccessfulRequestLatency => TriageAdvice.InspectRequestShape,
        _ => TriageAdvice.ShardOrCacheHotKey,
    };

    private static void Add(List<TriageRecommendation> advice, TriageAdvice a)
    {
        if (advice.All(x => x.Advice != a))
        {
            advice.Add(new TriageRecommendation(a, Text(a)));
        }
    }

    /// <summary>The recommendation's sentence.</summary>
    public static string Text(TriageAdvice a) => a switch
    {
        TriageAdvice.RetryWithBackoffAndJitter => "DynamoDB returned HTTP 500s: retry them with exponential backoff and jitter (the AWS SDKs' standard retry mode); persistent SystemErrors go to AWS Support.",
        TriageAdvice.RunThrottlingResponse => $"Requests are throttled: run the {AlarmRunbooks.ThrottlingResponse} runbook.",
        TriageAdvice.ReduceHotItemContention => "Conditional-check failures are up: writers contend on the same hot items; serialise or partition the writers, or read before writing less often.",
        TriageAdvice.ShardOrCacheHotKey => "One key takes most of the traffic: shard it (write sharding with a suffix) or put a cache (DAX or the application's) in front of it.",
        TriageAdvice.CheckReplicaRegion => "Replication to the replica region is slow: check that region's health and the replica's capacity and throttles.",
        TriageAdvice.InspectRequestShape => "Server-side latency is up without errors: look at item sizes, query and scan shapes, transactions and hot partitions.",
        TriageAdvice.LookAtClientNetworkAndOtherServices => "Server-side latency is normal: look at the client, the network, SDK timeouts and retries, connection reuse (keep-alive) and the other services in the request path.",
        _ => "No data: check the table name, operation and window of the metrics, and that the table takes traffic.",
    };

    private static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
