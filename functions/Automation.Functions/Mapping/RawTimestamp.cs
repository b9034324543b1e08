using System.Globalization;
using System.Text.Json;

namespace Automation.Functions.Mapping;

/// <summary>
/// Reads an AWS timestamp whichever way it arrives: an ISO 8601 string (Step Functions' aws-sdk
/// integrations) or epoch seconds, possibly fractional (the SDKs' JSON protocol). Always UTC.
/// </summary>
public static class RawTimestamp
{
    public static DateTimeOffset? ReadOptional(JsonElement? value, string field) =>
        value is not { } element || element.ValueKind == JsonValueKind.Null ? null : Read(element, field);

    public static DateTimeOffset Read(JsonElement value, string field)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String when DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed):
                return parsed.ToUniversalTime();
            case JsonValueKind.Number when value.TryGetDouble(out double seconds) && double.IsFinite(seconds) && seconds is >= 0 and < 253402300800:
                return DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
            default:
                throw InputError.Field(field, $"must be an ISO 8601 timestamp or epoch seconds, got {value.GetRawText()}");
        }
    }
}
