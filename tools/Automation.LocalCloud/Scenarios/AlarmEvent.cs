using System.Globalization;
using System.Text.Json.Nodes;
using Automation.LocalCloud.Aws;

namespace Automation.LocalCloud.Scenarios;

/// <summary>
/// The EventBridge event CloudWatch sends when a metric alarm changes state ("CloudWatch Alarm State
/// Change"), built from the alarm as DescribeAlarms reports it before and after the change.
/// </summary>
public static class AlarmEvent
{
    public static JsonObject Build(JsonObject alarm, JsonObject? previous, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var name = alarm["AlarmName"]!.GetValue<string>();
        var detail = new JsonObject
        {
            ["alarmName"] = name,
            ["state"] = State(alarm),
            ["previousState"] = previous is null
                ? new JsonObject { ["value"] = "INSUFFICIENT_DATA", ["reason"] = "Unchecked: Initial alarm creation", ["timestamp"] = Timestamp(time) }
                : State(previous),
            ["configuration"] = Configuration(alarm),
        };
        return new JsonObject
        {
            ["version"] = "0",
            ["id"] = Guid.NewGuid().ToString(),
            ["detail-type"] = "CloudWatch Alarm State Change",
            ["source"] = "aws.cloudwatch",
            ["account"] = LocalAccount.AccountId,
            ["time"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["region"] = LocalAccount.Region,
            ["resources"] = new JsonArray(alarm["AlarmArn"]?.DeepClone() ?? LocalAccount.Arn("cloudwatch", $"alarm:{name}")),
            ["detail"] = detail,
        };
    }

    private static JsonObject State(JsonObject alarm)
    {
        var state = new JsonObject
        {
            ["value"] = alarm["StateValue"]?.DeepClone(),
            ["reason"] = alarm["StateReason"]?.DeepClone() ?? string.Empty,
            ["timestamp"] = Timestamp(Time(alarm["StateUpdatedTimestamp"])),
        };
        if (alarm["StateReasonData"] is { } reasonData)
        {
            state["reasonData"] = reasonData.DeepClone();
        }

        return state;
    }

    /// <summary>A single-metric alarm's metric as one <c>metricStat</c>; a metric-math alarm's
    /// <c>Metrics</c> list as given (each with id, expression or metricStat, returnData).</summary>
    private static JsonObject Configuration(JsonObject alarm)
    {
        var configuration = new JsonObject();
        if (alarm["AlarmDescription"] is { } description)
        {
            configuration["description"] = description.DeepClone();
        }

        var metrics = new JsonArray();
        if (alarm["MetricName"] is not null)
        {
            var dimensions = new JsonObject();
            foreach (var dimension in (alarm["Dimensions"] as JsonArray ?? []).OfType<JsonObject>())
            {
                dimensions[dimension["Name"]!.GetValue<string>()] = dimension["Value"]!.DeepClone();
            }

            metrics.Add(new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString(),
                ["metricStat"] = new JsonObject
                {
                    ["metric"] = new JsonObject
                    {
                        ["dimensions"] = dimensions,
                        ["name"] = alarm["MetricName"]!.DeepClone(),
                        ["namespace"] = alarm["Namespace"]?.DeepClone(),
                    },
                    ["period"] = alarm["Period"]?.DeepClone(),
                    ["stat"] = (alarm["Statistic"] ?? alarm["ExtendedStatistic"])?.DeepClone(),
                },
                ["returnData"] = true,
            });
        }

        foreach (var query in (alarm["Metrics"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var metric = new JsonObject { ["id"] = query["Id"]?.DeepClone() };
            if (query["Expression"] is { } expression)
            {
                metric["expression"] = expression.DeepClone();
                metric["label"] = query["Label"]?.DeepClone();
            }

            if (query["MetricStat"] is JsonObject stat)
            {
                var dimensions = new JsonObject();
                foreach (var dimension in (stat["Metric"]?["Dimensions"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    dimensions[dimension["Name"]!.GetValue<string>()] = dimension["Value"]!.DeepClone();
                }

                metric["metricStat"] = new JsonObject
                {
                    ["metric"] = new JsonObject
                    {
                        ["dimensions"] = dimensions,
                        ["name"] = stat["Metric"]?["MetricName"]?.DeepClone(),
                        ["namespace"] = stat["Metric"]?["Namespace"]?.DeepClone(),
                    },
                    ["period"] = stat["Period"]?.DeepClone(),
                    ["stat"] = stat["Stat"]?.DeepClone(),
                };
            }

            metric["returnData"] = query["ReturnData"]?.DeepClone() ?? true;
            metrics.Add(metric);
        }

        configuration["metrics"] = metrics;
        return configuration;
    }

    private static DateTimeOffset Time(JsonNode? value) =>
        value switch
        {
            JsonValue v when v.TryGetValue<double>(out var seconds) => DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)),
            JsonValue v when DateTimeOffset.TryParse(v.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
            _ => DateTimeOffset.UtcNow,
        };

    /// <summary>CloudWatch's own format in alarm events, e.g. 2019-10-02T17:04:40.985+0000.</summary>
    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);
}
