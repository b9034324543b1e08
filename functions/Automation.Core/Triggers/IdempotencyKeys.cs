using System.Text;
using Automation.Core.Hashing;

namespace Automation.Core.Triggers;

/// <summary>
/// Incident keys. An alarm state change is identified by the alarm ARN and the instant it entered
/// the state, which every (re)delivery of the event repeats, so duplicates map to one incident.
/// </summary>
public static class IdempotencyKeys
{
    public static string ForAlarm(string alarmArn, DateTimeOffset stateTimestamp) =>
        "alarm:" + Digest(alarmArn, stateTimestamp.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A caller-given request id wins; otherwise identical requests share a key.</summary>
    public static string ForManual(string? requestId, string tableName, string? indexName, string reason, bool dryRun) =>
        requestId is { Length: > 0 }
            ? "manual:" + requestId
            : "manual:" + Digest(tableName, indexName ?? string.Empty, reason, dryRun ? "dry-run" : "apply");

    private static string Digest(params string[] parts)
    {
        // Unit separator (U+001F) cannot occur in names, so ("a|b","c") and ("a","b|c") differ.
        var bytes = Encoding.UTF8.GetBytes(string.Join('\u001f', parts));
        return Convert.ToHexStringLower(Sha256.HashData(bytes))[..32];
    }
}
