using System.Text;
using System.Text.Json;

namespace Automation.Core.Incidents;

/// <summary>
/// Keeps opaque JSON within a byte budget, so an incident or timeline item stays far below
/// DynamoDB's 400 KB item limit whatever a step returns. Oversized JSON is replaced by a small,
/// still valid document that says so and keeps the start of the original for a reader.
/// </summary>
public static class BoundedJson
{
    /// <summary>Budget for each opaque field of the incident item (diagnosis, plan, action, verification).</summary>
    public const int IncidentFieldBytes = 48 * 1024;

    /// <summary>Budget for a timeline entry's result and for error causes.</summary>
    public const int TimelineFieldBytes = 24 * 1024;

    private const int PreviewChars = 2048;

    /// <summary>The element as compact JSON text, or a truncation marker when that is larger than <paramref name="maxBytes"/>.</summary>
    public static string? From(JsonElement? element, int maxBytes)
    {
        if (element is not { } value || value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        var text = Compact(value);
        return Encoding.UTF8.GetByteCount(text) <= maxBytes ? text : TruncationMarker(text);
    }

    private static string Compact(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Plain text cut to at most <paramref name="maxBytes"/> UTF-8 bytes (on a character boundary).</summary>
    public static string? Text(string? text, int maxBytes)
    {
        if (text is null || Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        const string marker = " …[truncated]";
        var budget = maxBytes - Encoding.UTF8.GetByteCount(marker);
        var length = Math.Min(text.Length, budget);
        while (length > 0 && Encoding.UTF8.GetByteCount(text.AsSpan(0, length)) > budget)
        {
            length--;
        }

        if (length > 0 && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return text[..length] + marker;
    }

    private static string TruncationMarker(string text)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("truncated", true);
            writer.WriteNumber("originalBytes", Encoding.UTF8.GetByteCount(text));
            writer.WriteString("preview", Text(text, PreviewChars));
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
