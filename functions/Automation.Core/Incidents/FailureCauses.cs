using System.Text.Json;

namespace Automation.Core.Incidents;

/// <summary>Reads the human message out of a Step Functions error cause.</summary>
public static class FailureCauses
{
    /// <summary>
    /// A Lambda failure's cause is JSON (<c>{"errorMessage", "errorType", "stackTrace"}</c>): its
    /// <c>errorMessage</c>. Other causes (service integrations, States.Timeout) are plain text: the first line.
    /// </summary>
    public static string? MessageOf(string? cause)
    {
        if (string.IsNullOrWhiteSpace(cause))
        {
            return null;
        }

        var trimmed = cause.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(trimmed);
                if (doc.RootElement.ValueKind == JsonValueKind.Object
                    && doc.RootElement.TryGetProperty("errorMessage", out var message)
                    && message.ValueKind == JsonValueKind.String)
                {
                    return BoundedJson.Text(message.GetString(), 2048);
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: fall through to plain text.
            }
        }

        var firstLine = trimmed.Split('\n', 2)[0].Trim();
        return BoundedJson.Text(firstLine, 2048);
    }
}
