using Automation.Core.Errors;

namespace Automation.Core.Facts;

/// <summary>
/// Rejects facts the diagnosis cannot reason about, naming the field at fault (JSON path, camelCase).
/// The handler's mapping is the usual culprit, so the messages say what was expected.
/// </summary>
public static class ThrottlingFactsValidator
{
    /// <summary>Throws <see cref="AutomationException"/> (<see cref="ErrorTypes.InvalidInput"/>) on the first problem.</summary>
    public static void Validate(ThrottlingFacts facts)
    {
        Require(facts is not null, "facts", "facts are required");
        Require(facts!.Table is not null, "table", "the table description is required");
        ValidateTable(facts.Table!);
        Require(facts.WindowEnd > facts.WindowStart, "windowEnd", "the window must end after it starts");
        Require(facts.Metrics is not null, "metrics", "metric series are required (an empty list is allowed)");
        Require(facts.ContributorInsights is not null, "contributorInsights", "use an empty list when Contributor Insights is off");
        Require(facts.OnDemandSwitches is not null, "onDemandSwitches", "use an empty list when there is no switch history");

        for (int i = 0; i < facts.Metrics!.Count; i++)
        {
            ValidateSeries(facts.Metrics[i], facts.Table!, $"metrics[{i}]");
        }

        for (int i = 0; i < facts.ContributorInsights!.Count; i++)
        {
            ValidateReport(facts.ContributorInsights[i], facts.Table!, $"contributorInsights[{i}]");
        }
    }

    private static void ValidateTable(TableFacts table)
    {
        Require(!string.IsNullOrWhiteSpace(table.TableName), "table.tableName", "the table name is required");
        ValidateThroughput(table.ProvisionedThroughput, "table.provisionedThroughput");
        Require(table.GlobalSecondaryIndexes is not null, "table.globalSecondaryIndexes", "use an empty list when the table has no GSI");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < table.GlobalSecondaryIndexes!.Count; i++)
        {
            IndexFacts index = table.GlobalSecondaryIndexes[i];
            string path = $"table.globalSecondaryIndexes[{i}]";
            Require(index is not null, path, "null index");
            Require(!string.IsNullOrWhiteSpace(index!.IndexName), $"{path}.indexName", "the index name is required");
            Require(names.Add(index.IndexName), $"{path}.indexName", $"duplicate index name '{index.IndexName}'");
            ValidateThroughput(index.ProvisionedThroughput, $"{path}.provisionedThroughput");
        }
    }

    private static void ValidateThroughput(ProvisionedThroughputFacts? throughput, string path)
    {
        Require(throughput is not null, path, "required (use zeros for on-demand)");
        Require(throughput!.ReadCapacityUnits >= 0, $"{path}.readCapacityUnits", "must be >= 0");
        Require(throughput.WriteCapacityUnits >= 0, $"{path}.writeCapacityUnits", "must be >= 0");
        Require(throughput.NumberOfDecreasesToday >= 0, $"{path}.numberOfDecreasesToday", "must be >= 0");
    }

    private static void ValidateSeries(MetricSeries series, TableFacts table, string path)
    {
        Require(series is not null, path, "null series");
        Require(series!.PeriodSeconds > 0, $"{path}.periodSeconds", "must be > 0 seconds");
        Require(series.Datapoints is not null, $"{path}.datapoints", "use an empty list when CloudWatch returned no values");
        Require(series.IndexName is null || table.FindIndex(series.IndexName) is not null,
            $"{path}.indexName", $"'{series.IndexName}' is not a GSI of table '{table.TableName}'");
        bool isGauge = series.Metric is DynamoDbMetric.ProvisionedReadCapacityUnits or DynamoDbMetric.ProvisionedWriteCapacityUnits;
        Require(isGauge || series.Statistic == MetricStatistic.Sum, $"{path}.statistic",
            $"{series.Metric} must be fetched with statistic Sum (got {series.Statistic}); rates are Sum / period");
        for (int i = 0; i < series.Datapoints!.Count; i++)
        {
            double value = series.Datapoints[i].Value;
            Require(double.IsFinite(value) && value >= 0, $"{path}.datapoints[{i}].value", $"must be a finite number >= 0 (got {value})");
        }
    }

    private static void ValidateReport(ContributorInsightsReport report, TableFacts table, string path)
    {
        Require(report is not null, path, "null report");
        Require(report!.EndTime > report.StartTime, $"{path}.endTime", "the report window must end after it starts");
        Require(report.IndexName is null || table.FindIndex(report.IndexName) is not null,
            $"{path}.indexName", $"'{report.IndexName}' is not a GSI of table '{table.TableName}'");
        Require(double.IsFinite(report.AggregateValue) && report.AggregateValue >= 0, $"{path}.aggregateValue", "must be a finite number >= 0");
        Require(report.Contributors is not null, $"{path}.contributors", "use an empty list when there are no contributors");
        for (int i = 0; i < report.Contributors!.Count; i++)
        {
            KeyContribution key = report.Contributors[i];
            Require(key is not null && key.PartitionKey is not null, $"{path}.contributors[{i}].partitionKey", "required");
            Require(double.IsFinite(key!.Value) && key.Value >= 0, $"{path}.contributors[{i}].value", "must be a finite number >= 0");
        }
    }

    private static void Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            throw new AutomationException(ErrorTypes.InvalidInput, $"Invalid throttling facts at '{field}': {message}.") { Field = field };
        }
    }
}