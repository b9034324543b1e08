using System.Globalization;
using System.Text;
using Automation.Core.Hashing;

namespace Automation.Core.Access;

/// <summary>
/// Break-glass request ids: <c>bg-</c> and 24 lowercase hex characters of SHA-256 over the verified requester and the
/// caller's client token, so the same caller repeating a request (a retried CLI call, a double click) gets the same id,
/// and so the same record and the same execution (its name), never a second grant. Without a client token the id is
/// over the request's content and the minute it was made: an identical request within the same minute is the same one.
/// </summary>
public static class AccessRequestIds
{
    /// <summary>Hex characters after the prefix.</summary>
    public const int HexLength = 24;

    /// <summary>The prefix.</summary>
    public const string Prefix = "bg-";

    /// <summary>The id of <paramref name="request"/>.</summary>
    public static string For(AccessRequest request, string? clientToken, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        string basis = clientToken is { Length: > 0 }
            ? "token\n" + clientToken
            : string.Join('\n', new[]
            {
                "content",
                request.Segment,
                List(request.Indexes),
                List(request.Actions),
                List(request.LeadingKeys),
                List(request.LeadingKeyPrefixes),
                List(request.Attributes),
                request.DurationMinutes.ToString(CultureInfo.InvariantCulture),
                request.Reason,
                request.IncidentId ?? string.Empty,
                request.Ticket ?? string.Empty,
                request.Emergency ? "emergency" : "normal",
                now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            }.Select(field => field.Length.ToString(CultureInfo.InvariantCulture) + ":" + field)); // length-prefixed: ["a,b"] and ["a","b"] differ
        byte[] hash = Sha256.HashData(Encoding.UTF8.GetBytes(request.Requester + "\n" + basis));
        return Prefix + Convert.ToHexStringLower(hash)[..HexLength];
    }

    private static string List(IEnumerable<string> values) =>
        string.Join(',', values.Select(v => v.Length.ToString(CultureInfo.InvariantCulture) + ":" + v));

    /// <summary>Is <paramref name="requestId"/> one of ours?</summary>
    public static bool IsWellFormed(string? requestId) =>
        requestId is { Length: 27 } id && id.StartsWith(Prefix, StringComparison.Ordinal) && id[Prefix.Length..].All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
