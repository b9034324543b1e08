using System.Globalization;
using Automation.Core.Alarms;

namespace Automation.Core.Triggers;

/// <summary>The alarm-event half of <see cref="TriggerNormalizer"/>.</summary>
internal static class AlarmEventNormalizer
{
    private const string TableDimension = "TableName";
    private const string IndexDimension = "GlobalSecondaryIndexName";
    private const string OperationDimension = "Operation";
    private const string ReceivingRegionDimension = "ReceivingRegion";
    private const string UserErrorsMetric = "UserErrors";

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
        if (TryReadMarker(alarmName, configuration.Description, options, out var marker))
        {
            return FromMarker(marker, metrics, alarmName, alarmArn, stateTimestamp, state, e, options);
        }

        if (!IsSingleMetric(metrics))
        {
            return NormalizedTrigger.Decline(
                NotActionableReason.MetricMathAlarm,
                $"Alarm '{alarmName}' is a metric-math alarm without this suite's marker; the table cannot be read off it without guessing.");
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

        if (metricName == UserErrorsMetric)
        {
            return DeclineUserErrors(alarmName);
        }

        var dimensions = metric.Dimensions ?? new Dictionary<string, string>();
        if (!dimensions.TryGetValue(TableDimension, out var tableName))
        {
            return NormalizedTrigger.Decline(
                NotActionableReason.NoTableDimension,
                $"Alarm '{alarmName}' watches {metricName} without a TableName dimension (an account-level metric).");
        }

        string runbook;
        if (ThrottlingMetrics.Names.Contains(metricName))
        {
            runbook = AlarmRunbooks.ThrottlingResponse;
        }
        else if (TriageMetrics.Names.Contains(metricName))
        {
            runbook = AlarmRunbooks.AlarmTriage;
        }
        else
        {
            return NormalizedTrigger.Decline(
                NotActionableReason.NotAThrottlingMetric,
                $"Alarm '{alarmName}' watches {metricName} on '{tableName}', which neither the throttling response nor the triage answers.");
        }

        const string dimensionsField = "detail.configuration.metrics[0].metricStat.metric.dimensions";
        ValidName(tableName, $"{dimensionsField}.{TableDimension}");
        dimensions.TryGetValue(IndexDimension, out var indexName);
        if (indexName is not null)
        {
            ValidName(indexName, $"{dimensionsField}.{IndexDimension}");
        }

        var trigger = Build(e, options, alarmName, alarmArn, stateTimestamp, state, tableName, indexName, metricName) with
        {
            Runbook = runbook,
            Kind = KindOf(metricName),
            Operation = dimensions.GetValueOrDefault(OperationDimension),
            ReceivingRegion = dimensions.GetValueOrDefault(ReceivingRegionDimension),
        };
        return NormalizedTrigger.Accept(trigger, AcceptedSummary(trigger));
    }

    /// <summary>
    /// The suite's own alarm: the prefix is configured, the name starts with it, and the description carries a valid
    /// marker with valid DynamoDB names. Anything else (including a malformed marker) is treated as not the suite's.
    /// </summary>
    private static bool TryReadMarker(string alarmName, string? description, TriggerOptions options, out AlarmMarker marker)
    {
        marker = null!;
        if (string.IsNullOrEmpty(options.AlarmNamePrefix)
            || !alarmName.StartsWith(options.AlarmNamePrefix, StringComparison.Ordinal)
            || !AlarmMarker.TryParse(description, out var parsed)
            || parsed is null
            || !DynamoDbNames.IsValid(parsed.TableName)
            || (parsed.IndexName is not null && !DynamoDbNames.IsValid(parsed.IndexName)))
        {
            return false;
        }

        marker = parsed;
        return true;
    }

    private static NormalizedTrigger FromMarker(
        AlarmMarker marker,
        IReadOnlyList<AlarmMetric> metrics,
        string alarmName,
        string alarmArn,
        DateTimeOffset stateTimestamp,
        AlarmState state,
        AlarmStateChangeEvent e,
        TriggerOptions options)
    {
        if (marker.Kind == AlarmKind.UserErrors)
        {
            return DeclineUserErrors(alarmName);
        }

        if (marker.Runbook is not (AlarmRunbooks.ThrottlingResponse or AlarmRunbooks.AlarmTriage))
        {
            return NormalizedTrigger.Decline(
                NotActionableReason.UnknownRunbook,
                $"Alarm '{alarmName}' names runbook '{marker.Runbook}' in its marker; this suite answers only '{AlarmRunbooks.ThrottlingResponse}' and '{AlarmRunbooks.AlarmTriage}'.");
        }

        var metricName = IsSingleMetric(metrics) && metrics[0].MetricStat!.Metric?.Name is { Length: > 0 } name
            ? name
            : AlarmKinds.MetricName(marker.Kind);
        var trigger = Build(e, options, alarmName, alarmArn, stateTimestamp, state, marker.TableName, marker.IndexName, metricName) with
        {
            Runbook = marker.Runbook,
            Kind = marker.Kind,
            Operation = marker.Operation,
            ReceivingRegion = marker.Region,
        };
        return NormalizedTrigger.Accept(trigger, AcceptedSummary(trigger));
    }

    private static IncidentTrigger Build(
        AlarmStateChangeEvent e,
        TriggerOptions options,
        string alarmName,
        string alarmArn,
        DateTimeOffset stateTimestamp,
        AlarmState state,
        string tableName,
        string? indexName,
        string metricName) =>
        new(
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

    private static string AcceptedSummary(IncidentTrigger trigger)
    {
        var target = trigger.IndexName is null ? $"table '{trigger.TableName}'" : $"index '{trigger.IndexName}' of table '{trigger.TableName}'";
        return $"Alarm '{trigger.AlarmName}' on {trigger.MetricName} of {target} entered ALARM; runbook {trigger.Runbook}.";
    }

    private static NormalizedTrigger DeclineUserErrors(string alarmName) =>
        NormalizedTrigger.Decline(
            NotActionableReason.AccountLevelUserErrors,
            $"Alarm '{alarmName}' watches UserErrors, which AWS publishes per account and region without a table; look at the callers' requests (HTTP 400s), not at a table.");

    private static bool IsSingleMetric(IReadOnlyList<AlarmMetric> metrics) =>
        metrics.Count == 1 && metrics[0].Expression is null && metrics[0].MetricStat is not null;

    /// <summary>The alarm kind a single metric is (utilisation kinds are metric math, so a consumed-capacity metric is none).</summary>
    private static AlarmKind? KindOf(string metricName)
    {
        foreach (var kind in AlarmKinds.All)
        {
            if (kind is not (AlarmKind.ReadCapacityUtilisation or AlarmKind.WriteCapacityUtilisation)
                && AlarmKinds.MetricName(kind) == metricName)
            {
                return kind;
            }
        }

        return null;
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
