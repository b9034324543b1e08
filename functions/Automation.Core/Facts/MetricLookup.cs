namespace Automation.Core.Facts;

/// <summary>
/// Finds the series of a metric for the table or a GSI in one dictionary lookup. When the handler sent
/// the same metric twice (e.g. two pages), the series are concatenated.
/// </summary>
public sealed class MetricLookup
{
    private readonly Dictionary<(string Resource, DynamoDbMetric Metric), List<MetricSeries>> _series = [];

    public MetricLookup(IReadOnlyList<MetricSeries> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        foreach (MetricSeries series in metrics)
        {
            var key = (series.IndexName ?? string.Empty, series.Metric);
            if (!_series.TryGetValue(key, out List<MetricSeries>? list))
            {
                list = [];
                _series[key] = list;
            }

            list.Add(series);
        }
    }

    /// <summary>Whether the metric was fetched at all for the resource (even if it has no datapoints).</summary>
    public bool Has(string? indexName, DynamoDbMetric metric) => _series.ContainsKey((indexName ?? string.Empty, metric));

    /// <summary>Window total of a Sum series (0 when absent).</summary>
    public double Total(string? indexName, DynamoDbMetric metric)
    {
        double total = 0;
        foreach (MetricSeries series in Get(indexName, metric))
        {
            total += series.Total();
        }

        return total;
    }

    /// <summary>Busiest period as a per-second rate (0 when absent).</summary>
    public double PeakPerSecond(string? indexName, DynamoDbMetric metric)
    {
        double peak = 0;
        foreach (MetricSeries series in Get(indexName, metric))
        {
            peak = Math.Max(peak, series.PeakPerSecond());
        }

        return peak;
    }

    /// <summary>
    /// The busiest period of the per-period sum of several Sum series, per second: e.g. consumed + throttled
    /// events of the same period, which estimates demand while throttled.
    /// </summary>
    public double PeakCombinedPerSecond(string? indexName, params ReadOnlySpan<DynamoDbMetric> metrics)
    {
        var perPeriod = new Dictionary<DateTimeOffset, double>();
        foreach (DynamoDbMetric metric in metrics)
        {
            foreach (MetricSeries series in Get(indexName, metric))
            {
                foreach (MetricDatapoint point in series.Datapoints)
                {
                    perPeriod[point.Timestamp] = perPeriod.GetValueOrDefault(point.Timestamp) + (point.Value / series.PeriodSeconds);
                }
            }
        }

        double peak = 0;
        foreach (double value in perPeriod.Values)
        {
            peak = Math.Max(peak, value);
        }

        return peak;
    }

    /// <summary>Whether any series at all has a datapoint.</summary>
    public bool HasAnyDatapoint()
    {
        foreach (List<MetricSeries> list in _series.Values)
        {
            foreach (MetricSeries series in list)
            {
                if (series.Datapoints.Count > 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static readonly List<MetricSeries> Empty = [];

    private List<MetricSeries> Get(string? indexName, DynamoDbMetric metric) =>
        _series.TryGetValue((indexName ?? string.Empty, metric), out List<MetricSeries>? list) ? list : Empty;
}
