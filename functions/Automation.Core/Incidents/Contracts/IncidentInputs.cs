using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Automation.Core.Triggers;

namespace Automation.Core.Incidents.Contracts;

/// <summary>Parsing and field checks shared by the incident steps' inputs. Every failure names its field.</summary>
public static class IncidentInputs
{
    public const int MaxStepNameLength = 128;
    public const int MaxSummaryLength = 2048;
    public const int MaxTaskTokenLength = 8192;

    /// <summary>Parses a step's input; malformed JSON, wrong types and unknown fields fail with <c>InvalidInput</c>.</summary>
    public static T Parse<T>(string json, JsonTypeInfo<T> type)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(type);
        if (string.IsNullOrWhiteSpace(json))
        {
            throw IncidentInputError.Field("$", "is empty");
        }

        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw IncidentInputError.Field("$", "is null");
        }
        catch (JsonException e)
        {
            // e.Path is the JSON path of the offending value, e.g. $.verification.verifiedAt.
            throw IncidentInputError.Field(e.Path ?? "$", $"has the wrong type, is not allowed, or is not valid JSON ({FirstSentence(e.Message)})");
        }
    }

    public static string IncidentId(string? value, string field = "incidentId") =>
        IncidentIds.IsWellFormed(value)
            ? value!
            : throw IncidentInputError.Field(field, $"must be an incident id like 'inc-' followed by {IncidentIds.HexLength} lowercase hex characters (OpenIncident's output), got '{value}'");

    public static string Text(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw IncidentInputError.Field(field, "is required");
        }

        return value.Length <= maxLength ? value.Trim() : throw IncidentInputError.Field(field, $"is longer than {maxLength} characters");
    }

    public static string? OptionalText(string? value, string field, int maxLength) =>
        value is null ? null : Text(value, field, maxLength);

    public static T Required<T>(T? value, string field)
        where T : struct =>
        value ?? throw IncidentInputError.Field(field, "is required");

    public static T Required<T>(T? value, string field)
        where T : class =>
        value ?? throw IncidentInputError.Field(field, "is required");

    /// <summary>Checks an <see cref="IncidentTrigger"/> passed on from NormalizeTrigger's output.</summary>
    public static IncidentTrigger Trigger(IncidentTrigger? trigger, string field = "trigger")
    {
        if (trigger is null)
        {
            throw IncidentInputError.Field(field, "is required (NormalizeTrigger's output 'trigger')");
        }

        if (!DynamoDbNames.IsValid(trigger.TableName))
        {
            throw IncidentInputError.Field(field + ".tableName", $"must be a DynamoDB table name, got '{trigger.TableName}'");
        }

        if (trigger.IndexName is not null && !DynamoDbNames.IsValid(trigger.IndexName))
        {
            throw IncidentInputError.Field(field + ".indexName", $"must be null or a DynamoDB index name, got '{trigger.IndexName}'");
        }

        if (string.IsNullOrWhiteSpace(trigger.IdempotencyKey))
        {
            throw IncidentInputError.Field(field + ".idempotencyKey", "is required: it is what makes a duplicate delivery find the same incident");
        }

        if (trigger.Reason is null)
        {
            throw IncidentInputError.Field(field + ".reason", "is required");
        }

        if (trigger.Source == TriggerSource.Alarm && trigger.StateTimestamp is null)
        {
            throw IncidentInputError.Field(field + ".stateTimestamp", "is required for alarm triggers: it starts the time-to-mitigate clock");
        }

        return trigger;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
