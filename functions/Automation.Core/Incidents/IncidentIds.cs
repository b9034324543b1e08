using System.Buffers;
using System.Text;
using Automation.Core.Hashing;

namespace Automation.Core.Incidents;

/// <summary>
/// Incident ids are derived from the trigger's idempotency key, so every delivery of the same
/// alarm event names the same incident, and the id is short enough to read out on a call.
/// </summary>
public static class IncidentIds
{
    public const string Prefix = "inc-";

    /// <summary>Hex characters of the SHA-256 kept: 96 bits, far beyond any collision risk here.</summary>
    public const int HexLength = 24;

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public static string ForIdempotencyKey(string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var digest = Sha256.HashData(Encoding.UTF8.GetBytes(idempotencyKey));
        return Prefix + Convert.ToHexStringLower(digest)[..HexLength];
    }

    /// <summary>True for ids of the shape this class produces.</summary>
    public static bool IsWellFormed(string? incidentId) =>
        incidentId is not null
        && incidentId.Length == Prefix.Length + HexLength
        && incidentId.StartsWith(Prefix, StringComparison.Ordinal)
        && !incidentId.AsSpan(Prefix.Length).ContainsAnyExcept(LowerHex);
}
