namespace Automation.Functions.Contracts.ThrottlingResponse;

// CloudWatch GetMetricData's MetricDataQuery, exactly (PascalCase), so the state machine passes
// BuildMetricQueries' `metricDataQueries` straight to arn:aws:states:::aws-sdk:cloudwatch:getMetricData.

/// <summary><c>{"Id", "MetricStat": {...}, "ReturnData": true}</c>.</summary>
public sealed record MetricDataQuery(
    [property: JsonPropertyName("Id")] string Id,
    [property: JsonPropertyName("MetricStat")] MetricStat MetricStat,
    [property: JsonPropertyName("ReturnData")] bool ReturnData);

/// <summary><c>{"Metric": {...}, "Period": 60, "Stat": "Sum"}</c>.</summary>
public sealed record MetricStat(
    [property: JsonPropertyName("Metric")] CloudWatchMetric Metric,
    [property: JsonPropertyName("Period")] int Period,
    [property: JsonPropertyName("Stat")] string Stat);

/// <summary><c>{"Namespace": "AWS/DynamoDB", "MetricName", "Dimensions": [...]}</c>.</summary>
public sealed record CloudWatchMetric(
    [property: JsonPropertyName("Namespace")] string Namespace,
    [property: JsonPropertyName("MetricName")] string MetricName,
    [property: JsonPropertyName("Dimensions")] IReadOnlyList<MetricDimension> Dimensions);

/// <summary><c>{"Name": "TableName", "Value": "Orders"}</c>.</summary>
public sealed record MetricDimension(
    [property: JsonPropertyName("Name")] string Name,
    [property: JsonPropertyName("Value")] string Value);
