using Automation.Core.Facts;
using Automation.Core.Triage;
using static Automation.Core.Tests.Triage.TriageSamples;

namespace Automation.Core.Tests.Triage;

public class TriageDiagnoserTests
{
    private static TriageDiagnosis Diagnose(params TriageSeries[] series) => TriageDiagnoser.Diagnose(TriageFactsOf(series));

    [Fact]
    public void Normal_server_side_latency_and_no_errors_means_look_elsewhere_with_the_numbers()
    {
        var d = Diagnose(Latency(4, 4.5), Latency(9, 12, statistic: MetricStatistic.Maximum), Series(TriageMetric.SystemErrors, null, null));

        Assert.Equal(TriageVerdict.NotDynamoDb, d.Verdict);
        Assert.StartsWith("DynamoDB is healthy; look elsewhere", d.Summary, StringComparison.Ordinal);
        Assert.Contains("4.5 ms", d.Summary, StringComparison.Ordinal);
        Assert.Contains("baseline 4 ms", d.Summary, StringComparison.Ordinal);
        Assert.Equal([TriageAdvice.LookAtClientNetworkAndOtherServices], d.Advice.Select(a => a.Advice));
        Assert.Contains("connection reuse", d.Advice[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_system_error_is_dynamodb_side_with_retry_advice()
    {
        var d = Diagnose(Latency(4, 4), Series(TriageMetric.SystemErrors, 0, 0) with
        {
            Datapoints = [new MetricDatapoint(RecentStart.AddMinutes(3), 1)],
        });

        Assert.Equal(TriageVerdict.DynamoDbSide, d.Verdict);
        Assert.Contains(d.Advice, a => a.Advice == TriageAdvice.RetryWithBackoffAndJitter && a.Text.Contains("jitter", StringComparison.Ordinal));
        Assert.Contains("SystemErrors: 1 in the recent window", d.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void System_errors_only_in_the_baseline_do_not_count_the_baseline_excludes_the_recent_window()
    {
        var errorsBefore = Series(TriageMetric.SystemErrors, 3, null);
        var atRecentStart = Series(TriageMetric.SystemErrors, null, null) with { Datapoints = [new MetricDatapoint(RecentStart, 2)] };
        var atRecentEnd = Series(TriageMetric.SystemErrors, null, null) with { Datapoints = [new MetricDatapoint(RecentEnd, 2)] };

        Assert.Equal(TriageVerdict.NotDynamoDb, Diagnose(Latency(4, 4), errorsBefore).Verdict);
        Assert.Equal(TriageVerdict.DynamoDbSide, Diagnose(Latency(4, 4), atRecentStart).Verdict);
        Assert.Equal(TriageVerdict.NotDynamoDb, Diagnose(Latency(4, 4), atRecentEnd).Verdict);
    }

    [Fact]
    public void Throttle_events_of_a_gsi_name_the_index_and_the_table_s_do_not()
    {
        var table = Series(TriageMetric.WriteThrottleEvents, 0, 0);
        var index = Series(TriageMetric.WriteThrottleEvents, 0, 5) with { IndexName = "ByStatus" };

        var d = Diagnose(Latency(4, 4), table, index);

        Assert.Contains(d.Findings, f => f.Text.StartsWith("WriteThrottleEvents (index ByStatus): ", StringComparison.Ordinal) && f.DynamoDbSide);
        Assert.Contains(d.Findings, f => f.Text.StartsWith("WriteThrottleEvents: 0 in the recent window", StringComparison.Ordinal) && !f.DynamoDbSide);
    }

    [Theory]
    [InlineData(TriageMetric.ThrottledRequests)]
    [InlineData(TriageMetric.ReadThrottleEvents)]
    [InlineData(TriageMetric.WriteThrottleEvents)]
    public void Throttles_send_to_the_throttling_runbook(TriageMetric metric)
    {
        var d = Diagnose(Latency(4, 4), Series(metric, 0, 2));

        Assert.Equal(TriageVerdict.DynamoDbSide, d.Verdict);
        Assert.Contains(d.Advice, a => a.Advice == TriageAdvice.RunThrottlingResponse && a.Text.Contains("throttling-response", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1.0, 2.5, true)] // 37.5 in the window, 2.5/min against 1/min
    [InlineData(1.0, 2.0, false)] // exactly 2x: not above
    [InlineData(0.0, 0.6, false)] // 9 in the window: below the minimum of 10
    [InlineData(0.0, 0.7, true)] // 10.5: above the minimum with no baseline
    public void Conditional_check_failures_above_twice_the_baseline_rate_are_contention(double baseline, double recent, bool expectedSide)
    {
        var d = Diagnose(Latency(4, 4), Series(TriageMetric.ConditionalCheckFailedRequests, baseline, recent));

        Assert.Equal(expectedSide ? TriageVerdict.DynamoDbSide : TriageVerdict.NotDynamoDb, d.Verdict);
        Assert.Equal(expectedSide, d.Advice.Any(a => a.Advice == TriageAdvice.ReduceHotItemContention));
    }

    [Theory]
    [InlineData(4.0, 8.0, false)] // 2x is not above 2x
    [InlineData(4.0, 8.5, false)] // above 2x but only 4.5 ms more
    [InlineData(4.0, 9.0, true)] // above 2x and 5 ms more
    [InlineData(40.0, 200.0, true)]
    public void Server_side_latency_is_elevated_only_clearly_above_the_baseline(double baseline, double recent, bool elevated)
    {
        var d = Diagnose(Latency(baseline, recent));

        Assert.Equal(elevated ? TriageVerdict.DynamoDbSide : TriageVerdict.NotDynamoDb, d.Verdict);
        Assert.Equal(elevated, d.Advice.Any(a => a.Advice == TriageAdvice.InspectRequestShape));
    }

    [Fact]
    public void Without_a_baseline_latency_is_judged_against_the_ceiling()
    {
        Assert.Equal(TriageVerdict.NotDynamoDb, Diagnose(Latency(null, 99)).Verdict);
        Assert.Equal(TriageVerdict.DynamoDbSide, Diagnose(Latency(null, 101)).Verdict);
    }

    [Fact]
    public void Latency_is_judged_per_operation()
    {
        var d = Diagnose(Latency(4, 4, "GetItem"), Latency(10, 60, "Query"));

        Assert.Equal(TriageVerdict.DynamoDbSide, d.Verdict);
        var evidence = Assert.Single(d.Findings, f => f.DynamoDbSide);
        Assert.Equal("Query", evidence.Operation);
        Assert.Equal(60, evidence.Recent);
        Assert.Equal(10, evidence.Baseline);
    }

    [Fact]
    public void Replication_latency_points_at_the_replica_region()
    {
        var d = Diagnose(Series(TriageMetric.ReplicationLatency, 800, 9000, MetricStatistic.Average, region: "us-east-1"));

        Assert.Equal(TriageVerdict.DynamoDbSide, d.Verdict);
        Assert.Contains(d.Advice, a => a.Advice == TriageAdvice.CheckReplicaRegion);
        Assert.Contains("us-east-1", d.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hot_key_adds_sharding_advice_to_dynamodb_side_evidence_but_alone_is_not_evidence()
    {
        var report = new ContributorInsightsReport(ContributorInsightsRule.PartitionKeyThrottled, null, RecentStart, RecentEnd, 100, [new KeyContribution("customer#42", null, 80), new KeyContribution("customer#7", null, 5)]);

        var alone = TriageDiagnoser.Diagnose(TriageFactsOf([Latency(4, 4)], [report]));
        var withThrottles = TriageDiagnoser.Diagnose(TriageFactsOf([Latency(4, 4), Series(TriageMetric.ThrottledRequests, 0, 3)], [report]));

        Assert.Equal(TriageVerdict.NotDynamoDb, alone.Verdict);
        Assert.Equal(TriageVerdict.DynamoDbSide, withThrottles.Verdict);
        Assert.Contains(withThrottles.Advice, a => a.Advice == TriageAdvice.ShardOrCacheHotKey);
        Assert.Contains(withThrottles.Findings, f => f.Text.Contains("customer#42", StringComparison.Ordinal) && f.Text.Contains("80%", StringComparison.Ordinal));
    }

    [Fact]
    public void No_data_is_inconclusive()
    {
        Assert.Equal(TriageVerdict.Inconclusive, Diagnose().Verdict);
        var d = Diagnose(Latency(4, null), Series(TriageMetric.SystemErrors, null, null));
        Assert.Equal(TriageVerdict.Inconclusive, d.Verdict);
        Assert.Equal([TriageAdvice.CheckMetricsAvailability], d.Advice.Select(a => a.Advice));
    }
}
