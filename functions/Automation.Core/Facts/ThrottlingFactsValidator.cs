using Automation.Core.Errors;

namespace Automation.Core.Facts;

/// <summary>
/// Rejects facts the diagnosis cannot reason about, naming the field at fault (JSON path, camelCase).
/// The handler's mapping is the usual culprit, so the messages say what was expected.
/// Paths and messages are built only on failure: the checks run on every datapoint of every series.
/// </summary>
public static class ThrottlingFactsValidator
{
    /// <summary>Throws <see cref="AutomationException"/> (<see cref="ErrorTypes.InvalidInput"/>) on the first problem.</summary>
    public static void Validate(ThrottlingFacts facts)
    {
        if (facts is null)
        {
            throw Invalid("facts", "facts are required");
        }

        if (facts.Table is null)
        {
            throw Invalid("table", "the table description is required");
        }

        ValidateTable(facts.Table);
        if (facts.WindowEnd <= facts.WindowStart)
        {
            throw Invalid("windowEnd", "the window must end after it starts");
        }

        if (facts.Metrics is null)
        {
            throw Invalid("metrics", "metric series are required (an empty list is allowed)");
        }

        if (facts.ContributorInsights is null)
        {
            throw Invalid("contributorInsights", "use an empty list when Contributor Insights is off");
        }

        if (facts.OnDemandSwitches is null)
        {
            throw Invalid("onDemandSwitches", "use an empty list when there is no switch history");
        }

        for (int i = 0; i < facts.Metrics.Count; i++)
        {
            ValidateSeries(facts.Metrics[i], facts.Table, i);
        }

        for (int i = 0; i < facts.ContributorInsights.Count; i++)
        {
            ValidateReport(facts.ContributorInsights[i], facts.Table, i);
        }
    }

    private static void ValidateTable(TableFacts table)
    {
        if (string.IsNullOrWhiteSpace(table.TableName))
        {
            throw Invalid("table.tableName", "the table name is required");
        }

        ValidateThroughput(table.ProvisionedThroughput, "table.provisionedThroughput");
        if (table.GlobalSecondaryIndexes is null)
        {
            throw Invalid("table.globalSecondaryIndexes", "use an empty list when the table has no GSI");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < table.GlobalSecondaryIndexes.Count; i++)
        {
            IndexFacts index = table.GlobalSecondaryIndexes[i];
            string path = $"table.globalSecondaryIndexes[{i}]";
            if (index is null)
            {
                throw Invalid(path, "null index");
            }

            if (string.IsNullOrWhiteSpace(index.IndexName))
            {
                throw Invalid($"{path}.indexName", "the index name is required");
            }

            if (!names.Add(index.IndexName))
            {
                throw Invalid($"{path}.indexName", $"duplicate index name '{index.IndexName}'");
            }

            ValidateThroughput(index.ProvisionedThroughput, $"{path}.provisionedThroughput");
        }
    }

    private static void ValidateThroughput(ProvisionedThroughputFacts? throughput, string path)
    {
        if (throughput is null)
        {
            throw Invalid(path, "required (use zeros for on-demand)");
        }

        if (throughput.ReadCapacityUnits < 0)
        {
            throw Invalid($"{path}.readCapacityUnits", "must be >= 0");
        }

        if (throughput.WriteCapacityUnits < 0)
        {
            throw Invalid($"{path}.writeCapacityUnits", "must be >= 0");
        }

        if (throughput.NumberOfDecreasesToday < 0)
        {
            throw Invalid($"{path}.numberOfDecreasesToday", "must be >= 0");
        }
    }

    private static void ValidateSeries(MetricSeries series, TableFacts table, int position)
    {
        if (series is null)
        {
            throw Invalid($"metrics[{position}]", "null series");
        }

        if (series.PeriodSeconds <= 0)
        {
            throw Invalid($"metrics[{position}].periodSeconds", "must be > 0 seconds");
        }

        if (series.Datapoints is null)
        {
            throw Invalid($"metrics[{position}].datapoints", "use an empty list when CloudWatch returned no values");
        }

        if (series.IndexName is not null && table.FindIndex(series.IndexName) is null)
        {
            throw Invalid($"metrics[{position}].indexName", $"'{series.IndexName}' is not a GSI of table '{table.TableName}'");
        }

        bool isGauge = series.Metric is DynamoDbMetric.ProvisionedReadCapacityUnits or DynamoDbMetric.ProvisionedWriteCapacityUnits;
        if (!isGauge && series.Statistic != MetricStatistic.Sum)
        {
            throw Invalid($"metrics[{position}].statistic",
                $"{series.Metric} must be fetched with statistic Sum (got {series.Statistic}); rates are Sum / period");
        }

        for (int i = 0; i < series.Datapoints.Count; i++)
        {
            double value = series.Datapoints[i].Value;
            if (!double.IsFinite(value) || value < 0)
            {
                throw Invalid($"metrics[{position}].datapoints[{i}].value", $"must be a finite number >= 0 (got {value})");
            }
        }
    }

    private static void ValidateReport(ContributorInsightsReport report, TableFacts table, int position)
    {
        string Path(string field) => $"contributorInsights[{position}].{field}";
        if (report is null)
        {
            throw Invalid($"contributorInsights[{position}]", "null report");
        }

        if (report.EndTime <= report.StartTime)
        {
            throw Invalid(Path("endTime"), "the report window must end after it starts");
        }

        if (report.IndexName is not null && table.FindIndex(report.IndexName) is null)
        {
            throw Invalid(Path("indexName"), $"'{report.IndexName}' is not a GSI of table '{table.TableName}'");
        }

        if (!double.IsFinite(report.AggregateValue) || report.AggregateValue < 0)
        {
            throw Invalid(Path("aggregateValue"), "must be a finite number >= 0");
        }

        if (report.Contributors is null)
        {
            throw Invalid(Path("contributors"), "use an empty list when there are no contributors");
        }

        for (int i = 0; i < report.Contributors.Count; i++)
        {
            KeyContribution key = report.Contributors[i];
            if (key?.PartitionKey is null)
            {
                throw Invalid(Path($"contributors[{i}].partitionKey"), "required");
            }

            if (!double.IsFinite(key.Value) || key.Value < 0)
            {
                throw Invalid(Path($"contributors[{i}].value"), "must be a finite number >= 0");
            }
        }
    }

    private static AutomationException Invalid(string field, string message) =>
        new(ErrorTypes.InvalidInput, $"Invalid throttling facts at '{field}': {message}.") { Field = field };
}
