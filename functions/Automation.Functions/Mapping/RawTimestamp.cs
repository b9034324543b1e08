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
            case JsonValueKind.String when TryReadIso8601(value, out DateTimeOffset iso):
                return iso;
            case JsonValueKind.String when DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed):
                return parsed.ToUniversalTime();
            case JsonValueKind.Number when value.TryGetDouble(out double seconds) && double.IsFinite(seconds) && seconds is >= 0 and < 253402300800:
                return DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
            default:
                throw InputError.Field(field, $"must be an ISO 8601 timestamp or epoch seconds, got {value.GetRawText()}");
        }
    }

    /// <summary>
    /// The common case without the general parser: System.Text.Json's ISO 8601-1 extended profile read from the UTF-8
    /// bytes (no string, several times faster; a GetMetricData answer has a timestamp per datapoint). It gives the same
    /// instant as the general parse below (a property test holds them together): without an offset the time is UTC.
    /// Anything outside that profile falls through to the general parse.
    /// </summary>
    private static bool TryReadIso8601(JsonElement value, out DateTimeOffset instant)
    {
        if (value.TryGetDateTime(out DateTime dateTime))
        {
            switch (dateTime.Kind)
            {
                case DateTimeKind.Unspecified:
                    instant = new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc));
                    return true;
                case DateTimeKind.Utc:
                    instant = new DateTimeOffset(dateTime);
                    return true;
                default:
                    // An explicit offset (converted to local time by TryGetDateTime): read the instant exactly.
                    if (value.TryGetDateTimeOffset(out DateTimeOffset withOffset))
                    {
                        instant = withOffset.ToUniversalTime();
                        return true;
                    }

                    break;
            }
        }

        instant = default;
        return false;
    }
}
