using System.Text.Json;
using Automation.Core.Access;
using Automation.Core.Errors;

using static Automation.Core.Tests.Access.AccessSamples;

namespace Automation.Core.Tests.Access;

/// <summary>After the grant: extensions, the sweeper's verdicts, and the records' JSON.</summary>
public class AccessLifecycleTests
{
    private static readonly DateTimeOffset GrantedAt = Now;
    private static readonly DateTimeOffset Expiry = Now.AddMinutes(60);

    [Fact]
    public void An_extension_moves_the_expiry()
    {
        Assert.Equal(Expiry.AddMinutes(60), AccessExtensions.ExtendedExpiry(Expiry, 60, GrantedAt, Scope, 0));
        Assert.Equal(Expiry.AddMinutes(1), AccessExtensions.ExtendedExpiry(Expiry, 1, GrantedAt, Scope, 1));
    }

    [Theory]
    [InlineData(61, 0, AccessRules.ExtensionOverMaximum, "minutes", "61 minutes is over the segment's maximum of 60 per extension")]
    [InlineData(0, 0, AccessRules.DurationInvalid, "minutes", "an extension is at least 1 minute (got 0)")]
    [InlineData(30, 2, AccessRules.ExtensionsExhausted, "extensions", "the grant was extended 2 time(s); the segment allows 2")]
    public void Extensions_are_bounded(int minutes, int soFar, string rule, string field, string message)
    {
        AutomationException error = Assert.Throws<AutomationException>(() => AccessExtensions.ExtendedExpiry(Expiry, minutes, GrantedAt, Scope, soFar));

        Assert.Equal((ErrorTypes.AccessRefused, field), (error.ErrorType, error.Field));
        Assert.Contains($"{rule} ({field}): {message}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_whole_window_never_exceeds_the_maximum_times_one_plus_the_extensions()
    {
        // An expiry already beyond what the scope allows (e.g. a grant made under an older, longer scope) is not extended further.
        AutomationException error = Assert.Throws<AutomationException>(() =>
            AccessExtensions.ExtendedExpiry(GrantedAt.AddMinutes(170), 30, GrantedAt, Scope, 1));

        Assert.Contains("the grant would last 200 minutes from its start; the segment allows at most 180", error.Message, StringComparison.Ordinal);
        Assert.Throws<AutomationException>(() => AccessExtensions.ExtendedExpiry(Expiry, 1, GrantedAt, Scope with { MaxExtensions = 0 }, 0));
    }

    private static Dictionary<string, string> Tags(string? expiresAt = "2026-11-20T03:13:00Z", string? requestId = "req-1")
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (expiresAt is not null)
        {
            tags[AccessPolicySynthesizer.ExpiresAtTag] = expiresAt;
        }

        if (requestId is not null)
        {
            tags[AccessPolicySynthesizer.RequestIdTag] = requestId;
        }

        return tags;
    }

    [Theory]
    [InlineData("Active", SweepVerdict.Keep, "request req-1: Active until 2026-11-20T03:13:00Z")]
    [InlineData("Granting", SweepVerdict.Keep, "Granting until")]
    [InlineData("Revoked", SweepVerdict.Revoke, "status Revoked, not a live grant")]
    [InlineData("RevokeFailed", SweepVerdict.Revoke, "status RevokeFailed")]
    [InlineData("PendingApproval", SweepVerdict.Revoke, "status PendingApproval")]
    [InlineData("Rejected", SweepVerdict.Revoke, "status Rejected")]
    [InlineData("active", SweepVerdict.Revoke, "unknown status 'active'")]
    [InlineData("5", SweepVerdict.Revoke, "unknown status '5'")]
    [InlineData(null, SweepVerdict.Revoke, "request req-1: no access record")]
    public void The_sweeper_keeps_only_live_grants(string? status, SweepVerdict verdict, string reason)
    {
        (SweepVerdict v, string why) = AccessSweeper.Judge(Tags(), status, Now);

        Assert.Equal(verdict, v);
        Assert.Contains(reason, why, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sweeper_revokes_expired_and_unaccountable_roles()
    {
        Assert.Equal((SweepVerdict.Revoke, "request req-1: expired at 2026-11-20T02:13:00Z"), AccessSweeper.Judge(Tags("2026-11-20T02:13:00Z"), "Active", Now));
        Assert.Equal(SweepVerdict.Keep, AccessSweeper.Judge(Tags("2026-11-20T02:13:01Z"), "Active", Now).Verdict);
        Assert.Contains("no valid break-glass:expires-at tag (got 'tomorrow')", AccessSweeper.Judge(Tags("tomorrow"), "Active", Now).Reason, StringComparison.Ordinal);
        Assert.Contains("no valid break-glass:expires-at tag", AccessSweeper.Judge(Tags(null), "Active", Now).Reason, StringComparison.Ordinal);
        Assert.Contains("no break-glass:request-id tag", AccessSweeper.Judge(Tags(requestId: null), "Active", Now).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sweeper_keeps_a_role_not_named_as_a_grant_whatever_its_tags()
    {
        (SweepVerdict verdict, string reason) = AccessSweeper.Judge("team-role", Tags("2026-11-20T02:13:00Z"), null, Now);

        Assert.Equal(SweepVerdict.Keep, verdict);
        Assert.Contains("team-role is not named break-glass-*", reason, StringComparison.Ordinal);
        Assert.Equal((SweepVerdict.Revoke, "request req-1: expired at 2026-11-20T02:13:00Z"),
            AccessSweeper.Judge("break-glass-req-1", Tags("2026-11-20T02:13:00Z"), "Active", Now));
    }

    [Fact]
    public void The_sweeper_reads_the_tags_the_grant_writes()
    {
        AccessGrant grant = Grant(Valid);

        Assert.Equal(SweepVerdict.Keep, AccessSweeper.Judge(grant.Tags, nameof(AccessStatus.Active), Now.AddMinutes(29)).Verdict);
        Assert.Equal(SweepVerdict.Revoke, AccessSweeper.Judge(grant.Tags, nameof(AccessStatus.Active), grant.ExpiresAt).Verdict);
    }

    [Fact]
    public void Requests_scopes_refusals_and_grants_cross_process_boundaries_as_JSON()
    {
        string json = JsonSerializer.Serialize(Valid, CoreJsonContext.Default.AccessRequest);
        Assert.Contains("\"leadingKeys\":[\"customer#4711\"]", json, StringComparison.Ordinal);
        Assert.Equal(Valid.Requester, JsonSerializer.Deserialize(json, CoreJsonContext.Default.AccessRequest)!.Requester);
        Assert.Equivalent(Valid, JsonSerializer.Deserialize(json, CoreJsonContext.Default.AccessRequest));

        string scope = JsonSerializer.Serialize(Scope, CoreJsonContext.Default.AccessScope);
        Assert.Contains("\"emergency\":\"ReadOnly\"", scope, StringComparison.Ordinal);
        Assert.Contains("\"actions\":[\"GetItem\",", scope, StringComparison.Ordinal);
        Assert.Equivalent(Scope, JsonSerializer.Deserialize(scope, CoreJsonContext.Default.AccessScope));

        AccessGrant grant = Grant(Valid);
        Assert.Equivalent(grant, JsonSerializer.Deserialize(JsonSerializer.Serialize(grant, CoreJsonContext.Default.AccessGrant), CoreJsonContext.Default.AccessGrant));
        Assert.Equal("\"StoppedRun\"", JsonSerializer.Serialize(RevocationCause.StoppedRun, CoreJsonContext.Default.RevocationCause));
    }
}
