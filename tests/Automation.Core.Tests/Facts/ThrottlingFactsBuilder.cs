using Automation.Core.Facts;

namespace Automation.Core.Tests.Facts;

/// <summary>
/// Builds realistic <see cref="ThrottlingFacts"/>: a one-hour window of one-minute periods (10:00–11:00 UTC),
/// every throttle metric fetched for the table and each GSI (empty datapoints, as CloudWatch returns for no
/// events), plus whatever series and top keys a test adds.
/// </summary>
internal sealed class ThrottlingFactsBuilder
{
    public static readonly DateTimeOffset WindowStart = new(2025, 3, 10, 10, 0, 0, TimeSpan.Zero);
    public const int Minutes = 60;
    public const int Period = 60;

    private static readonly DynamoDbMetric[] ThrottleMetrics =
    [
        DynamoDbMetric.ThrottledRequests,
        DynamoDbMetric.ReadProvisionedThroughputThrottleEvents, DynamoDbMetric.WriteProvisionedThroughputThrottleEvents,
        DynamoDbMetric.ReadKeyRangeThroughputThrottleEvents, DynamoDbMetric.WriteKeyRangeThroughputThrottleEvents,
        DynamoDbMetric.ReadMaxOnDemandThroughputThrottleEvents, DynamoDbMetric.WriteMaxOnDemandThroughputThrottleEvents,
        DynamoDbMetric.ReadAccountLimitThrottleEvents, DynamoDbMetric.WriteAccountLimitThrottleEvents,
    ];

    private readonly string _table;
    private readonly List<IndexFacts> _indexes = [];
    private readonly Dictionary<(string, DynamoDbMetric), MetricSeries> _series = [];
    private readonly List<ContributorInsightsReport> _reports = [];
    private readonly List<DateTimeOffset> _switches = [];
    private CapacityMode _mode = CapacityMode.Provisioned;
    private ProvisionedThroughputFacts _throughput = new(1000, 1000, 0, null, null);
    private OnDemandThroughput? _onDemand;
    private ResourceStatus _status = ResourceStatus.Active;
    private bool _reasonMetrics = true;

    public ThrottlingFactsBuilder(string table = "Orders") => _table = table;

    public static DateTimeOffset WindowEnd => WindowStart.AddMinutes(Minutes);

    public ThrottlingFactsBuilder Provisioned(long read, long write, int decreasesToday = 0, DateTimeOffset? lastDecrease = null)
    {
        _mode = CapacityMode.Provisioned;
        _throughput = new ProvisionedThroughputFacts(read, write, decreasesToday, lastDecrease, null);
        return this;
    }

    public ThrottlingFactsBuilder OnDemand(long maxRead = OnDemandThroughput.NoMaximum, long maxWrite = OnDemandThroughput.NoMaximum)
    {
        _mode = CapacityMode.PayPerRequest;
        _throughput = ProvisionedThroughputFacts.None;
        _onDemand = maxRead == OnDemandThroughput.NoMaximum && maxWrite == OnDemandThroughput.NoMaximum ? null : new OnDemandThroughput(maxRead, maxWrite);
        return this;
    }

    public ThrottlingFactsBuilder Status(ResourceStatus status)
    {
        _status = status;
        return this;
    }

    public ThrottlingFactsBuilder Index(string name, long read, long write, ResourceStatus status = ResourceStatus.Active, OnDemandThroughput? maxima = null, int decreasesToday = 0, DateTimeOffset? lastDecrease = null)
    {
        _indexes.Add(new IndexFacts(name, status, new ProvisionedThroughputFacts(read, write, decreasesToday, lastDecrease, null), maxima));
        return this;
    }

    /// <summary>Omit the per-reason throttle metrics (older dashboards fetch only legacy ones).</summary>
    public ThrottlingFactsBuilder WithoutReasonMetrics()
    {
        _reasonMetrics = false;
        return this;
    }

    /// <summary>A Sum series at a steady per-second rate for the whole window (e.g. consumed capacity).</summary>
    public ThrottlingFactsBuilder Rate(DynamoDbMetric metric, double perSecond, string? index = null) =>
        PerMinute(metric, perSecond * Period, index);

    /// <summary>A Sum series with the same value every minute (e.g. throttle events per minute).</summary>
    public ThrottlingFactsBuilder PerMinute(DynamoDbMetric metric, double perMinute, string? index = null)
    {
        var points = new List<MetricDatapoint>(Minutes);
        for (int i = 0; i < Minutes; i++)
        {
            points.Add(new MetricDatapoint(WindowStart.AddMinutes(i), perMinute));
        }

        return Series(metric, points, index);
    }

    public ThrottlingFactsBuilder Series(DynamoDbMetric metric, IReadOnlyList<MetricDatapoint> points, string? index = null, MetricStatistic statistic = MetricStatistic.Sum)
    {
        _series[(index ?? string.Empty, metric)] = new MetricSeries(metric, index, statistic, Period, points);
        return this;
    }

    /// <summary>A Contributor Insights report over the window with the given key values.</summary>
    public ThrottlingFactsBuilder TopKeys(ContributorInsightsRule rule, double aggregate, string? index, params (string Key, double Value)[] keys)
    {
        var contributors = keys.Select(k => new KeyContribution(k.Key, null, k.Value)).ToList();
        _reports.Add(new ContributorInsightsReport(rule, index, WindowStart, WindowEnd, aggregate, contributors));
        return this;
    }

    public ThrottlingFactsBuilder SwitchedToOnDemandAt(params DateTimeOffset[] times)
    {
        _switches.AddRange(times);
        return this;
    }

    public ThrottlingFacts Build()
    {
        var all = new List<MetricSeries>();
        var resources = new List<string?> { null };
        resources.AddRange(_indexes.Select(i => (string?)i.IndexName));
        foreach (string? resource in resources)
        {
            foreach (DynamoDbMetric metric in ThrottleMetrics)
            {
                bool reason = metric != DynamoDbMetric.ThrottledRequests;
                if ((_reasonMetrics || !reason) && !_series.ContainsKey((resource ?? string.Empty, metric)))
                {
                    all.Add(new MetricSeries(metric, resource, MetricStatistic.Sum, Period, []));
                }
            }
        }

        all.AddRange(_series.Values);
        var table = new TableFacts(_table, _status, _mode, _throughput, _onDemand, _indexes.ToList());
        return new ThrottlingFacts(table, WindowStart, WindowEnd, all, _reports.ToList(), _switches.ToList());
    }
}
