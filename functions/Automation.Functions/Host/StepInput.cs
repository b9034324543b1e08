using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Automation.Functions.Host;

/// <summary>
/// The host's input handling for every step: parsing a payload into its contract record (with
/// <see cref="Contracts.StepJsonContext"/>) and the field checks the contracts' <c>Validate()</c> methods share.
/// Every failure is <c>InvalidInput</c> naming its field, so the state machine's error says what to fix.
/// </summary>
public static class StepInput
{
    /// <inheritdoc cref="IncidentLimits.MaxStepNameLength"/>
    public const int MaxStepNameLength = IncidentLimits.MaxStepNameLength;

    /// <inheritdoc cref="IncidentLimits.MaxSummaryLength"/>
    public const int MaxSummaryLength = IncidentLimits.MaxSummaryLength;

    /// <inheritdoc cref="IncidentLimits.MaxTaskTokenLength"/>
    public const int MaxTaskTokenLength = IncidentLimits.MaxTaskTokenLength;

    /// <summary>Parses a step's input; malformed JSON, wrong types and unknown fields fail with <c>InvalidInput</c>.</summary>
    public static T Parse<T>(string json, JsonTypeInfo<T> type)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(type);
        if (string.IsNullOrWhiteSpace(json))
        {
            throw InputError.Field("$", "is empty");
        }

        return Parse(System.Text.Encoding.UTF8.GetBytes(json), type);
    }

    /// <summary>
    /// The same over UTF-8 JSON as the Runtime API delivers it (RFC 8259 §8.1: JSON between systems is UTF-8; a leading
    /// byte order mark is ignored, as the text path's decoder ignored it).
    /// </summary>
    public static T Parse<T>(ReadOnlySpan<byte> utf8Json, JsonTypeInfo<T> type)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(type);
        utf8Json = WithoutByteOrderMark(utf8Json);
        if (utf8Json.Trim(JsonWhitespace).IsEmpty)
        {
            throw InputError.Field("$", "is empty");
        }

        try
        {
            return JsonSerializer.Deserialize(utf8Json, type) ?? throw InputError.Field("$", "is null");
        }
        catch (JsonException e) when (MissingRequired(e.Message) is { } missing)
        {
            string field = e.Path is null or "$" ? missing : $"{e.Path}.{missing}";
            throw InputError.Field(field, "is required");
        }
        catch (JsonException e)
        {
            // e.Path is the JSON path of the offending value, e.g. $.verification.verifiedAt.
            throw InputError.Field(e.Path ?? "$", $"has the wrong type, is not allowed, or is not valid JSON ({FirstSentence(e.Message)})");
        }
    }

    /// <summary>UTF-8 JSON without a leading byte order mark, which RFC 8259 §8.1 lets a parser ignore.</summary>
    public static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> utf8Json) =>
        utf8Json.StartsWith(Utf8ByteOrderMark) ? utf8Json[Utf8ByteOrderMark.Length..] : utf8Json;

    public static string IncidentId(string? value, string field = "incidentId") =>
        IncidentIds.IsWellFormed(value)
            ? value!
            : throw InputError.Field(field, $"must be an incident id like 'inc-' followed by {IncidentIds.HexLength} lowercase hex characters (OpenIncident's output), got '{value}'");

    public static string Text(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw InputError.Field(field, "is required");
        }

        return value.Length <= maxLength ? value.Trim() : throw InputError.Field(field, $"is longer than {maxLength} characters");
    }

    public static string? OptionalText(string? value, string field, int maxLength) =>
        value is null ? null : Text(value, field, maxLength);

    public static T Required<T>(T? value, string field)
        where T : struct =>
        value ?? throw InputError.Field(field, "is required");

    public static T Required<T>(T? value, string field)
        where T : class =>
        value ?? throw InputError.Field(field, "is required");

    /// <summary>Checks an <see cref="IncidentTrigger"/> passed on from NormalizeTrigger's output.</summary>
    public static IncidentTrigger Trigger(IncidentTrigger? trigger, string field = "trigger")
    {
        if (trigger is null)
        {
            throw InputError.Field(field, "is required (NormalizeTrigger's output 'trigger')");
        }

        if (!DynamoDbNames.IsValid(trigger.TableName))
        {
            throw InputError.Field(field + ".tableName", $"must be a DynamoDB table name, got '{trigger.TableName}'");
        }

        if (trigger.IndexName is not null && !DynamoDbNames.IsValid(trigger.IndexName))
        {
            throw InputError.Field(field + ".indexName", $"must be null or a DynamoDB index name, got '{trigger.IndexName}'");
        }

        if (string.IsNullOrWhiteSpace(trigger.IdempotencyKey))
        {
            throw InputError.Field(field + ".idempotencyKey", "is required: it is what makes a duplicate delivery find the same incident");
        }

        if (trigger.Reason is null)
        {
            throw InputError.Field(field + ".reason", "is required");
        }

        if (trigger.Source == TriggerSource.Alarm && trigger.StateTimestamp is null)
        {
            throw InputError.Field(field + ".stateTimestamp", "is required for alarm triggers: it starts the time-to-mitigate clock");
        }

        return trigger;
    }

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    // RFC 8259 §2: the only insignificant whitespace in JSON text.
    private static ReadOnlySpan<byte> JsonWhitespace => " \t\r\n"u8;

    // System.Text.Json's message for RespectRequiredConstructorParameters: "... was missing required properties including: 'now'."
    private static string? MissingRequired(string message)
    {
        const string marker = "missing required properties including: '";
        int start = message.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += marker.Length;
        int end = message.IndexOf('\'', start);
        return end > start ? message[start..end] : null;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
