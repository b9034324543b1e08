using System.Globalization;

namespace Automation.Core.Incidents;

/// <summary>
/// Incident times are UTC with millisecond precision (what Step Functions reports), written in one
/// fixed-width ISO-8601 form so that string order is time order in DynamoDB sort keys.
/// </summary>
public static class IncidentTimestamps
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>UTC, truncated to the millisecond, so a stored and re-read value compares equal.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    public static string ToSortable(DateTimeOffset value) =>
        Normalize(value).UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseSortable(string value) =>
        DateTimeOffset.ParseExact(value, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
