using Automation.Core.Facts;
using Automation.Functions.Contracts.ThrottlingResponse;

namespace Automation.Functions.Mapping;

/// <summary>
/// GetMetricData's raw <c>MetricDataResults</c> + the queries that asked for them → <see cref="MetricSeries"/>.
/// <list type="bullet">
/// <item>Each result is matched to its query by <c>Id</c>; an id that was not asked for is an input error.</item>
/// <item>A query without a result stays absent (the diagnosis then knows the metric was not fetched); a result with
/// no datapoint is kept as an empty series (fetched: zero events).</item>
/// <item>Zero-valued datapoints are dropped: every figure the core derives from Sum series (totals, peaks,
/// per-period sums) is unchanged by them, and it keeps the facts small in the state.</item>
/// <item>StatusCode <c>Complete</c> or <c>PartialData</c> are read (the planner's datapoint budget means no further
/// page exists); <c>InternalError</c>/<c>Forbidden</c> results are left out, as if not fetched.</item>
/// </list>
/// </summary>
public static class MetricDataMapper
{
    public static IReadOnlyList<MetricSeries> Map(BuildMetricQueriesOutput? queries, IReadOnlyList<RawMetricDataResult>? results, string queriesField = "queries", string resultsField = "metricDataResults")
    {
        if (queries is null)
        {
            throw InputError.Field(queriesField, "is required (BuildMetricQueries' output)");
        }

        if (queries.Series is null || queries.PeriodSeconds <= 0)
        {
            throw InputError.Field(queriesField + ".series", "is required with periodSeconds > 0 (BuildMetricQueries' output)");
        }

        if (results is null)
        {
            throw InputError.Field(resultsField, "is required (GetMetricData's MetricDataResults; an empty list is allowed)");
        }

        var byId = new Dictionary<string, MetricQuery>(StringComparer.Ordinal);
        foreach (MetricQuery query in queries.Series)
        {
            byId[query.Id] = query;
        }

        var series = new List<MetricSeries>(results.Count);
        for (int i = 0; i < results.Count; i++)
        {
            string path = $"{resultsField}[{i}]";
            RawMetricDataResult result = results[i] ?? throw InputError.Field(path, "is null");
            if (result.Id is null || !byId.TryGetValue(result.Id, out MetricQuery? query))
            {
                throw InputError.Field(path + ".Id", $"'{result.Id}' is not one of the queries' ids (m0..m{queries.Series.Count - 1})");
            }

            if (result.StatusCode is "InternalError" or "Forbidden")
            {
                continue;
            }

            IReadOnlyList<System.Text.Json.JsonElement> timestamps = result.Timestamps ?? [];
            IReadOnlyList<double> values = result.Values ?? [];
            if (timestamps.Count != values.Count)
            {
                throw InputError.Field(path + ".Values", $"has {values.Count} values for {timestamps.Count} timestamps");
            }

            var points = new List<MetricDatapoint>();
            for (int j = 0; j < values.Count; j++)
            {
                double value = values[j];
                if (!double.IsFinite(value) || value < 0)
                {
                    throw InputError.Field($"{path}.Values[{j}]", $"must be a finite number >= 0, got {value}");
                }

                DateTimeOffset at = RawTimestamp.Read(timestamps[j], $"{path}.Timestamps[{j}]");
                if (value > 0)
                {
                    points.Add(new MetricDatapoint(at, value));
                }
            }

            points.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
            series.Add(new MetricSeries(query.Metric, query.IndexName, query.Statistic, queries.PeriodSeconds, points));
        }

        return series;
    }
}
