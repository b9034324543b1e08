using System.Globalization;

namespace Automation.Core.Access;

/// <summary>
/// The scheduled sweeper's judgement of one role on the break-glass path: keep a live grant, revoke anything expired,
/// orphaned or whose request is no longer live. Together with the execution-status rule, no grant outlives its expiry by
/// more than the sweeper's interval.
/// </summary>
public static class AccessSweeper
{
    /// <summary>
    /// The verdict for the role <paramref name="roleName"/> found under the break-glass path: a name without
    /// <see cref="AccessPolicySynthesizer.RoleNamePrefix"/> is not one this suite creates (and the revoke workflow
    /// refuses to delete it), so it is kept, saying so, instead of being judged on its tags and refused at every sweep.
    /// Otherwise as <see cref="Judge(IReadOnlyDictionary{string, string}, string?, DateTimeOffset)"/>.
    /// </summary>
    public static (SweepVerdict Verdict, string Reason) Judge(string roleName, IReadOnlyDictionary<string, string> tags, string? requestStatus, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(roleName);
        return IsBreakGlassRoleName(roleName)
            ? Judge(tags, requestStatus, now)
            : (SweepVerdict.Keep, $"role {roleName} is not named {AccessPolicySynthesizer.RoleNamePrefix}*: not a break-glass grant, not the sweeper's to revoke");
    }

    /// <summary>Is <paramref name="roleName"/> named as the grant roles are (<see cref="AccessPolicySynthesizer.RoleNamePrefix"/>)?</summary>
    public static bool IsBreakGlassRoleName(string? roleName) =>
        roleName is not null && roleName.StartsWith(AccessPolicySynthesizer.RoleNamePrefix, StringComparison.Ordinal);

    /// <summary>
    /// The verdict for a role with <paramref name="tags"/> whose request's record has <paramref name="requestStatus"/>
    /// (null: no record) at <paramref name="now"/>. Keep only when the role carries a request id and an expiry in the
    /// future and the request is <see cref="AccessStatus.Active"/> or <see cref="AccessStatus.Granting"/>; revoke
    /// otherwise, saying why.
    /// </summary>
    public static (SweepVerdict Verdict, string Reason) Judge(IReadOnlyDictionary<string, string> tags, string? requestStatus, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (!tags.TryGetValue(AccessPolicySynthesizer.RequestIdTag, out string? requestId) || string.IsNullOrWhiteSpace(requestId))
        {
            return (SweepVerdict.Revoke, $"no {AccessPolicySynthesizer.RequestIdTag} tag: not a grant this workflow can account for");
        }

        if (!tags.TryGetValue(AccessPolicySynthesizer.ExpiresAtTag, out string? expiresText)
            || !DateTimeOffset.TryParseExact(expiresText, AccessPolicySynthesizer.TimestampFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset expiresAt))
        {
            return (SweepVerdict.Revoke, $"request {requestId}: no valid {AccessPolicySynthesizer.ExpiresAtTag} tag (got '{expiresText}')");
        }

        if (expiresAt <= now)
        {
            return (SweepVerdict.Revoke, $"request {requestId}: expired at {AccessPolicySynthesizer.Timestamp(expiresAt)}");
        }

        if (requestStatus is null)
        {
            return (SweepVerdict.Revoke, $"request {requestId}: no access record");
        }

        if (!Enum.TryParse(requestStatus, ignoreCase: false, out AccessStatus status) || !Enum.IsDefined(status) || int.TryParse(requestStatus, out _))
        {
            return (SweepVerdict.Revoke, $"request {requestId}: unknown status '{requestStatus}'");
        }

        return status is AccessStatus.Active or AccessStatus.Granting
            ? (SweepVerdict.Keep, $"request {requestId}: {status} until {AccessPolicySynthesizer.Timestamp(expiresAt)}")
            : (SweepVerdict.Revoke, $"request {requestId}: status {status}, not a live grant");
    }
}
