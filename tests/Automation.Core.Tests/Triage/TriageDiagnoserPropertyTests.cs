using Automation.Core.Facts;
using Automation.Core.Tests.Properties;
using Automation.Core.Triage;
using FsCheck;
using FsCheck.Fluent;
using static Automation.Core.Tests.Triage.TriageSamples;

namespace Automation.Core.Tests.Triage;

public class TriageDiagnoserPropertyTests
{
    private static readonly string[] Operations = ["GetItem", "PutItem", "Query", "UpdateItem"];

    /// <summary>Latency per operation at or below its baseline; zero or absent errors and throttles; conditional checks at or below baseline.</summary>
    private static readonly Gen<List<TriageSeries>> Healthy =
        from n in Gen.Choose(1, Operations.Length)
        from latencies in Gen.ListOf(
            from baseTenths in Gen.Choose(1, 2000)
            from percent in Gen.Choose(0, 100)
            from max in Gen.Elements(MetricStatistic.Average, MetricStatistic.Maximum)
            select (Base: baseTenths / 10.0, Recent: baseTenths / 10.0 * percent / 100.0, max), n)
        from zeroCounts in Gen.SubListOf(new[] { TriageMetric.SystemErrors, TriageMetric.ThrottledRequests, TriageMetric.ReadThrottleEvents, TriageMetric.WriteThrottleEvents })
        from checks in Gen.Choose(0, 50)
        from checkPercent in Gen.Choose(0, 100)
        from replication in Gen.Choose(0, 5000)
        select (List<TriageSeries>)
        [
            .. latencies.Select((l, i) => Latency(l.Base, l.Recent, Operations[i], l.max)),
            .. zeroCounts.Select(m => Series(m, null, 0)),
            Series(TriageMetric.ConditionalCheckFailedRequests, checks, checks * checkPercent / 100.0),
            Series(TriageMetric.ReplicationLatency, replication, replication * checkPercent / 100.0, MetricStatistic.Average, region: "us-east-1"),
        ];

    [Fact]
    public void Healthy_metrics_never_yield_dynamodb_side() =>
        PropertyCases.ForAll(Healthy.ToArbitrary(), series =>
        {
            var d = TriageDiagnoser.Diagnose(TriageFactsOf(series));
            Assert.NotEqual(TriageVerdict.DynamoDbSide, d.Verdict);
            Assert.Equal(TriageVerdict.NotDynamoDb, d.Verdict);
            Assert.Contains(d.Advice, a => a.Advice == TriageAdvice.LookAtClientNetworkAndOtherServices);
        });

    [Fact]
    public void Any_non_zero_system_errors_always_yield_dynamodb_side_with_retry_advice() =>
        PropertyCases.ForAll(
            (from series in Healthy
             from minute in Gen.Choose(0, 14)
             from count in Gen.Choose(1, 10_000)
             select (series, minute, count)).ToArbitrary(),
            c =>
            {
                var errors = new TriageSeries(TriageMetric.SystemErrors, MetricStatistic.Sum, "GetItem", null, [new MetricDatapoint(RecentStart.AddMinutes(c.minute), c.count)]);
                var d = TriageDiagnoser.Diagnose(TriageFactsOf([.. c.series, errors]));
                Assert.Equal(TriageVerdict.DynamoDbSide, d.Verdict);
                Assert.Contains(d.Advice, a => a.Advice == TriageAdvice.RetryWithBackoffAndJitter);
            });

    [Fact]
    public void No_recent_data_is_always_inconclusive() =>
        PropertyCases.ForAll(
            Gen.SubListOf(Enum.GetValues<TriageMetric>())
                .SelectMany(metrics => Gen.ListOf(Gen.Choose(0, 1000), metrics.Count).Select(baselines => (metrics, baselines)))
                .ToArbitrary(),
            c =>
            {
                // Baseline-only data (or none): nothing in the recent window.
                var series = c.metrics.Select((m, i) => Series(m, c.baselines[i] == 0 ? null : c.baselines[i], null));
                Assert.Equal(TriageVerdict.Inconclusive, TriageDiagnoser.Diagnose(TriageFactsOf(series)).Verdict);
            });
}
