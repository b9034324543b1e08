using System.Globalization;

namespace Automation.Core.Triggers;

/// <summary>The alarm-event half of <see cref="TriggerNormalizer"/>.</summary>
internal static class AlarmEventNormalizer
{
    private const string TableDimension = "TableName";
    private const string IndexDimension = "GlobalSecondaryIndexName";

    public static NormalizedTrigger Normalize(AlarmStateChangeEvent e, TriggerOptions options)
    {
        if (e.Source != TriggerNormalizer.ExpectedSource)
        {
            throw InvalidTrigger.Field("source", $"must be '{TriggerNormalizer.ExpectedSource}' but was '{e.Source}'");
        }

        if (e.DetailType != TriggerNormalizer.ExpectedDetailType)
        {
            throw InvalidTrigger.Field("detail-type", $"must be '{TriggerNormalizer.ExpectedDetailType}' but was '{e.DetailType}'");
        }

        var detail = e.Detail ?? throw InvalidTrigger.Field("detail", "is missing");
        var alarmName = Required(detail.AlarmName, "detail.alarmName");
        var state = detail.State ?? throw InvalidTrigger.Field("detail.state", "is missing");
        var stateValue = Required(state.Value, "detail.state.value");
        var stateTimestamp = ParseTimestamp(Required(state.Timestamp, "detail.state.timestamp"), "detail.state.timestamp");
        var alarmArn = e.Resources is [var first, ..] && !string.IsNullOrWhiteSpace(first)
            ? first
            : throw InvalidTrigger.Field("resources", "must hold the alarm ARN");

        if (stateValue != "ALARM")
        {
            var from = detail.PreviousState?.Value ?? "unknown";
            return NormalizedTrigger.Decline(
                NotActionableReason.AlarmNotInAlarmState,
                $"Alarm '{alarmName}' went from {from} to {stateValue}; only transitions into ALARM start a response.");
        }

        var configuration = detail.Configuration ?? throw InvalidTrigger.Field("detail.configuration", "is missing");
        if (!string.IsNullOrEmpty(configuration.AlarmRule))
        {
            return NormalizedTrigger.Decline(
                NotActionableReason.CompositeAlarm,
                $"Alarm '{alarmName}' is a composite alarm; alarm its DynamoDB child alarms with this suite's prefix instead.");
        }

        var metrics = configuration.Metrics is { Count: > 0 } m
            ? m
            : throw InvalidTrigger.Field("detail.configuration.metrics", "must list the alarm's metric");
        if (metrics.Count > 1 || metrics[0].Expression is not null || metrics[0].MetricStat is null)
        {
            return NormalizedTrigger.Decline(
                NotActionableReason.MetricMathAlarm,
                $"Alarm '{alarmName}' is a metric-math alarm; the table cannot be read off it without guessing.");
        }

        var metric = metrics[0].MetricStat!.Metric ?? throw InvalidTrigger.Field("detail.configuration.metrics[0].metricStat.metric", "is missing");
        var metricNamespace = Required(metric.Namespace, "detail.configuration.metrics[0].metricStat.metric.namespace");
        var metricName = Required(metric.Name, "detail.configuration.metrics[0].metricStat.metric.name");
        if (metricNamespace != ThrottlingMetrics.Namespace)
        {
            return NormalizedTrigger.Decline(
                NotActionableReason.NotDynamoDbMetric,
                $"Alarm '{alarmName}' watches {metricNamespace}/{metricName}, not a DynamoDB metric.");
        }

        var dimensions = metric.Dimensions ?? new Dictionary<string, string>();
        if (!dimensions.TryGetValue(TableDimension, out var tableName))
        {
            return NormalizedTrigger.Decline(
                NotActionableReason.NoTableDimension,
                $"Alarm '{alarmName}' watches {metricName} without a TableName dimension (an account-level metric).");
        }

        if (!ThrottlingMetrics.Names.Contains(metricName))
        {
            return NormalizedTrigger.Decline(
                NotActionableReason.NotAThrottlingMetric,
                $"Alarm '{alarmName}' watches {metricName} on '{tableName}', which says nothing about throttling or capacity.");
        }

        const string dimensionsField = "detail.configuration.metrics[0].metricStat.metric.dimensions";
        ValidName(tableName, $"{dimensionsField}.{TableDimension}");
        dimensions.TryGetValue(IndexDimension, out var indexName);
        if (indexName is not null)
        {
            ValidName(indexName, $"{dimensionsField}.{IndexDimension}");
        }

        var trigger = new IncidentTrigger(
            Source: TriggerSource.Alarm,
            TableName: tableName,
            IndexName: indexName,
            MetricName: metricName,
            AlarmName: alarmName,
            AlarmArn: alarmArn,
            Region: e.Region,
            AccountId: e.Account,
            StateTimestamp: stateTimestamp,
            Reason: state.Reason ?? $"Alarm '{alarmName}' entered ALARM.",
            RequestedBy: null,
            IdempotencyKey: IdempotencyKeys.ForAlarm(alarmArn, stateTimestamp),
            DryRun: options.AlarmTriggeredDryRun);
        var target = indexName is null ? $"table '{tableName}'" : $"index '{indexName}' of table '{tableName}'";
        return NormalizedTrigger.Accept(trigger, $"Alarm '{alarmName}' on {metricName} of {target} entered ALARM.");
    }

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw InvalidTrigger.Field(field, "is missing or empty") : value;

    private static void ValidName(string name, string field)
    {
        if (!DynamoDbNames.IsValid(name))
        {
            throw InvalidTrigger.Field(field, $"is not a valid DynamoDB name ('{name}': 3-255 of a-z A-Z 0-9 _ - .)");
        }
    }

    private static DateTimeOffset ParseTimestamp(string value, string field) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.ToUniversalTime()
            : throw InvalidTrigger.Field(field, $"is not an ISO 8601 timestamp ('{value}')");
}
