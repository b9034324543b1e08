using Automation.Core.Facts;
using Automation.Core.Guardrails;

using FsCheck;
using FsCheck.Fluent;

namespace Automation.Core.Tests.Facts;

/// <summary>
/// FsCheck generators of throttling scenarios: random tables (provisioned or on-demand, 0–3 GSIs, decrease
/// bookkeeping), metric series with any mix of throttle reasons, top keys, switch history, clock instants
/// across the UTC day, and guardrail policies with random ceilings, caps and bounds.
/// </summary>
internal static class ThrottlingGenerators
{
    public static readonly DateTimeOffset Epoch = new(2025, 3, 10, 0, 0, 0, TimeSpan.Zero);

    private static readonly DynamoDbMetric[] Throttles =
    [
        DynamoDbMetric.ThrottledRequests, DynamoDbMetric.ReadThrottleEvents, DynamoDbMetric.WriteThrottleEvents,
        DynamoDbMetric.ReadProvisionedThroughputThrottleEvents, DynamoDbMetric.WriteProvisionedThroughputThrottleEvents,
        DynamoDbMetric.ReadKeyRangeThroughputThrottleEvents, DynamoDbMetric.WriteKeyRangeThroughputThrottleEvents,
        DynamoDbMetric.ReadMaxOnDemandThroughputThrottleEvents, DynamoDbMetric.WriteMaxOnDemandThroughputThrottleEvents,
        DynamoDbMetric.ReadAccountLimitThrottleEvents, DynamoDbMetric.WriteAccountLimitThrottleEvents,
    ];

    private static readonly string[] Keys = ["customer#1", "customer#42", "tenant#acme#7", "tenant#globex#1", "OPEN", "order-0001"];

    /// <summary>An instant in a two-day span, minute resolution, so midnight and the first UTC hour come up often.</summary>
    public static Gen<DateTimeOffset> Instant { get; } = Gen.Choose(0, 2 * 24 * 60).Select(m => Epoch.AddMinutes(m));

    public static Gen<ProvisionedThroughputFacts> Throughput(bool provisioned, DateTimeOffset now) =>
        from read in Gen.Choose(1, 20_000)
        from write in Gen.Choose(1, 20_000)
        from decreases in Gen.Choose(0, 30)
        from lastAgo in Gen.Choose(-1, 36 * 60)
        select provisioned
            ? new ProvisionedThroughputFacts(read, write, lastAgo < 0 ? 0 : decreases, lastAgo < 0 ? null : now.AddMinutes(-lastAgo), null)
            : ProvisionedThroughputFacts.None;

    public static Gen<OnDemandThroughput?> Maxima(bool onDemand) =>
        from has in Gen.Elements(true, false)
        from read in Gen.Choose(1, 8_000)
        from write in Gen.Choose(1, 8_000)
        select onDemand && has ? new OnDemandThroughput(read, write) : (OnDemandThroughput?)null;

    /// <summary>A Sum series that is empty (no events: CloudWatch returns no datapoints) with the given odds.</summary>
    private static Gen<MetricSeries> Series(DynamoDbMetric metric, string? index, DateTimeOffset start, int max, int emptyOdds) =>
        from zero in Gen.Frequency((emptyOdds, Gen.Constant(true)), (4, Gen.Constant(false)))
        from values in Gen.ListOf(Gen.Choose(0, max), 10)
        select new MetricSeries(metric, index, MetricStatistic.Sum, 60,
            zero ? [] : values.Select((v, i) => new MetricDatapoint(start.AddMinutes(i), v)).ToList());

    /// <summary>
    /// Odds that a throttle metric has no events: reasons that cannot happen in the table's mode almost never
    /// fire (kept possible, since facts can straddle a mode switch), account limits are rare.
    /// </summary>
    private static int EmptyOdds(DynamoDbMetric metric, bool provisioned) => metric switch
    {
        DynamoDbMetric.ReadAccountLimitThrottleEvents or DynamoDbMetric.WriteAccountLimitThrottleEvents => 200,
        DynamoDbMetric.ReadMaxOnDemandThroughputThrottleEvents or DynamoDbMetric.WriteMaxOnDemandThroughputThrottleEvents => provisioned ? 400 : 12,
        DynamoDbMetric.ReadProvisionedThroughputThrottleEvents or DynamoDbMetric.WriteProvisionedThroughputThrottleEvents => provisioned ? 12 : 400,
        _ => 20,
    };

    private static Gen<List<MetricSeries>> ResourceSeries(string? index, DateTimeOffset start, bool provisioned) =>
        from consumedRead in Series(DynamoDbMetric.ConsumedReadCapacityUnits, index, start, 1_200_000, 1)
        from consumedWrite in Series(DynamoDbMetric.ConsumedWriteCapacityUnits, index, start, 1_200_000, 1)
        from throttles in Gen.CollectToList(Throttles, m => Series(m, index, start, 5_000, EmptyOdds(m, provisioned)))
        select throttles.Append(consumedRead).Append(consumedWrite).ToList();

    private static Gen<ContributorInsightsReport> Report(DateTimeOffset start) =>
        from rule in Gen.Elements(ContributorInsightsRule.PartitionKeyAccessed, ContributorInsightsRule.PartitionKeyThrottled)
        from keys in Gen.SubListOf(Keys)
        from values in Gen.ListOf(Gen.Choose(0, 20_000_000), Keys.Length)
        from extra in Gen.Choose(0, 5_000_000)
        let contributors = keys.Select((k, i) => new KeyContribution(k, null, values[i])).ToList()
        select new ContributorInsightsReport(rule, null, start, start.AddMinutes(10), contributors.Sum(c => c.Value) + extra, contributors);

    /// <summary>Facts around a random instant (the window ends 0–10 minutes before <c>now</c>), all resources Active.</summary>
    public static Gen<(ThrottlingFacts Facts, DateTimeOffset Now)> FactsAndNow { get; } =
        from now in Instant
        from lag in Gen.Choose(0, 10)
        let start = now.AddMinutes(-10 - lag)
        from provisioned in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        from throughput in Throughput(provisioned, now)
        from maxima in Maxima(!provisioned)
        from indexCount in Gen.Choose(0, 3)
        from indexThroughputs in Gen.ListOf(Throughput(provisioned, now), indexCount)
        from indexMaxima in Gen.ListOf(Maxima(!provisioned), indexCount)
        let indexes = indexThroughputs.Select((t, i) => new IndexFacts($"Gsi{i}", ResourceStatus.Active, t, indexMaxima[i])).ToList()
        from tableSeries in ResourceSeries(null, start, provisioned)
        from indexSeries in Gen.CollectToList(indexes, i => ResourceSeries(i.IndexName, start, provisioned))
        from reports in Gen.ListOf(Report(start), 0).Or(Gen.ListOf(Report(start), 1)).Or(Gen.ListOf(Report(start), 2))
        from switchAges in Gen.ListOf(Gen.Choose(0, 48 * 60), 0).Or(Gen.ListOf(Gen.Choose(0, 48 * 60), 3)).Or(Gen.ListOf(Gen.Choose(0, 30 * 60), 5))
        let table = new TableFacts("Orders", ResourceStatus.Active, provisioned ? CapacityMode.Provisioned : CapacityMode.PayPerRequest, throughput, maxima, indexes)
        let metrics = tableSeries.Concat(indexSeries.SelectMany(s => s)).ToList()
        select (new ThrottlingFacts(table, start, start.AddMinutes(10), metrics, reports.ToList(), switchAges.Select(a => now.AddMinutes(-a)).ToList()), now);

    public static Gen<GuardrailSettings> Settings { get; } =
        from headroom in Gen.Choose(100, 300)
        from minFactor in Gen.Choose(100, 200)
        from maxRead in Gen.Choose(1, 60_000)
        from maxWrite in Gen.Choose(1, 60_000)
        from cap in Gen.Choose(10, 60_000)
        from switchPolicy in Gen.Elements(OnDemandSwitchPolicy.Never, OnDemandSwitchPolicy.WhenCapped, OnDemandSwitchPolicy.Preferred)
        from switches in Gen.Choose(0, 4)
        from raise in Gen.Elements(true, false)
        from odRead in Gen.Choose(1, 20_000)
        from odWrite in Gen.Choose(1, 20_000)
        from minShards in Gen.Choose(1, 4)
        from extraShards in Gen.Choose(0, 60)
        from shardHeadroom in Gen.Choose(100, 300)
        from eventuallyConsistent in Gen.Elements(true, false)
        select new GuardrailSettings(
            new CapacityGuardrails(headroom / 100.0, minFactor / 100.0, maxRead, maxWrite, cap),
            new OnDemandGuardrails(switchPolicy, switches, raise, odRead, odWrite),
            new ShardingGuardrails(minShards, minShards + extraShards, shardHeadroom / 100.0, "#"),
            GuardrailSettings.Default.Approval,
            DryRun: false,
            PlanMaxAgeMinutes: 30,
            new CachingGuardrails(eventuallyConsistent));

    /// <summary>Random defaults, plus (sometimes) a table segment, a GSI segment and a key-prefix segment with their own settings.</summary>
    public static Gen<GuardrailPolicy> Policy { get; } =
        from defaults in Settings
        from table in Settings
        from index in Settings
        from prefix in Settings
        from segments in Gen.SubListOf(new[]
        {
            new GuardrailSegment("orders", "Orders", null, null, table),
            new GuardrailSegment("gsi0", "Orders", "Gsi0", null, index),
            new GuardrailSegment("tenants", "Orders", null, "tenant#", prefix),
        })
        select new GuardrailPolicy(1, defaults, PricingAssumptions.Default, segments.ToList());

    /// <summary>Policies that let the planner switch to on-demand (generous caps and on-demand ceilings).</summary>
    public static Gen<GuardrailPolicy> SwitchFriendlyPolicy { get; } =
        from settings in Settings
        from cap in Gen.Choose(20_000, 500_000)
        from odRead in Gen.Choose(10_000, 100_000)
        from odWrite in Gen.Choose(10_000, 100_000)
        from switchPolicy in Gen.Elements(OnDemandSwitchPolicy.WhenCapped, OnDemandSwitchPolicy.Preferred)
        select new GuardrailPolicy(1, settings with
        {
            Capacity = settings.Capacity with { MaxMonthlyCostUsd = cap },
            OnDemand = settings.OnDemand with { SwitchFromProvisioned = switchPolicy, MaxReadRequestUnits = odRead, MaxWriteRequestUnits = odWrite },
        }, PricingAssumptions.Default, []);
}
