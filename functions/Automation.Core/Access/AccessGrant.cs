namespace Automation.Core.Access;

/// <summary>
/// Everything the grant step creates, synthesised from an allowed request (<see cref="AccessPolicySynthesizer.Synthesize(string, AccessRequest, Automation.Core.Segments.SegmentDefinition, string, string, string, string, DateTimeOffset)"/>):
/// a role under the break-glass path (with the template's permissions boundary), its trust policy, its one inline
/// policy, its tags, and how long the hold waits.
/// </summary>
/// <param name="RoleName">The role, <c>break-glass-&lt;requestId&gt;</c> (at most 64 characters).</param>
/// <param name="RolePath">The dedicated path the role is created under (starts and ends with <c>/</c>).</param>
/// <param name="PolicyName">The inline policy's name (<see cref="AccessPolicySynthesizer.GrantPolicyName"/>).</param>
/// <param name="PolicyDocument">The inline policy, compact JSON.</param>
/// <param name="TrustPolicyDocument">The trust policy (the requester only, until the expiry), compact JSON.</param>
/// <param name="MaxSessionDurationSeconds">The role's MaxSessionDuration: the grant rounded up to whole hours, 3,600..43,200.</param>
/// <param name="Tags">The role's tags: request id, expiry, requester (values in IAM's tag charset, at most 256 characters).</param>
/// <param name="ExpiresAt">When the grant ends (whole seconds, UTC).</param>
/// <param name="HoldSeconds">Seconds from the synthesis to the expiry: the hold's timeout.</param>
/// <param name="PolicySize">Characters of <paramref name="PolicyDocument"/> (what IAM's inline-policy limit counts, conservatively).</param>
public sealed record AccessGrant(
    string RoleName,
    string RolePath,
    string PolicyName,
    string PolicyDocument,
    string TrustPolicyDocument,
    int MaxSessionDurationSeconds,
    IReadOnlyDictionary<string, string> Tags,
    DateTimeOffset ExpiresAt,
    int HoldSeconds,
    int PolicySize);
