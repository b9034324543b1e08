using System.Text.Json;

namespace Automation.Core.Triggers;

/// <summary>
/// NormalizeTrigger: the first step of every throttling run. Accepts the two documented inputs —
/// a raw EventBridge "CloudWatch Alarm State Change" event, or a manual request — and returns one
/// <see cref="NormalizedTrigger"/>. Malformed input fails with <c>InvalidTrigger</c> naming the
/// field; well-formed events this suite must not act on are declined with a reason.
/// </summary>
public static class TriggerNormalizer
{
    private const string AlarmEventSource = "aws.cloudwatch";
    private const string AlarmEventDetailType = "CloudWatch Alarm State Change";

    public static NormalizedTrigger Normalize(string json, TriggerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var document = Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw InvalidTrigger.Field("$", $"must be a JSON object, not {root.ValueKind}");
        }

        if (root.TryGetProperty("source", out _) || root.TryGetProperty("detail-type", out _))
        {
            // Bound by hand, not by CoreJsonContext: see AlarmEventReader (first-invocation cost).
            return AlarmEventNormalizer.Normalize(AlarmEventReader.Read(root), options);
        }

        if (root.TryGetProperty("tableName", out _))
        {
            return ManualRequestNormalizer.Normalize(Deserialize(root, CoreJsonContext.Default.ManualTriggerRequest));
        }

        throw InvalidTrigger.Field(
            "$",
            "is neither a CloudWatch alarm event (no 'source'/'detail-type') nor a manual request (no 'tableName')");
    }

    public static bool IsAlarmEvent(AlarmStateChangeEvent e) =>
        e.Source == AlarmEventSource && e.DetailType == AlarmEventDetailType;

    internal static string ExpectedSource => AlarmEventSource;

    internal static string ExpectedDetailType => AlarmEventDetailType;

    private static JsonDocument Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw InvalidTrigger.Field("$", "is empty");
        }

        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw InvalidTrigger.Field("$", $"is not valid JSON ({e.Message})");
        }
    }

    private static T Deserialize<T>(JsonElement root, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return root.Deserialize(type) ?? throw InvalidTrigger.Field("$", "is null");
        }
        catch (JsonException e)
        {
            // e.Path is the JSON path of the offending value, e.g. $.detail.state.timestamp.
            throw InvalidTrigger.Field(e.Path ?? "$", $"has the wrong type or is not allowed ({FirstSentence(e.Message)})");
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
