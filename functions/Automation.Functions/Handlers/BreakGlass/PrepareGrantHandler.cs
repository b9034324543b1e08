using System.Text.Json;
using Automation.Core.Access;
using Automation.Core.Segments;
using Automation.Functions.Aws;
using Automation.Functions.Contracts.BreakGlass;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.BreakGlass;

/// <summary>
/// <c>PrepareGrant</c>: just before anything exists in IAM, checks the request once more with the fresh facts
/// (<see cref="AccessCriteria.CheckBeforeGrant"/>: a write grant needs point-in-time recovery on the table, from the
/// DescribeContinuousBackups the state machine made a moment ago), synthesises the inline policy, trust policy, tags
/// and session length (<see cref="AccessPolicySynthesizer"/>), and records them, so every revoke path knows the role.
/// A retried step keeps the first synthesis (the expiry does not creep).
/// </summary>
public sealed partial class PrepareGrantHandler(StepServices services, RunbookCatalogProvider runbooks, AccessProvider access)
    : StepHandler<PrepareGrantInput, PreparedGrant>(services)
{
    public const string StepName = "PrepareGrant";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.ConditionalItemWrites;

    protected override async Task<PreparedGrant> RunAsync(PrepareGrantInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        (string partition, string region, string account) = BreakGlassRules.ArnParts(input.StateMachineArn);
        bool pitr = PointInTimeRecoveryEnabled(input.ContinuousBackups);
        DateTimeOffset now = Services.Time.GetUtcNow();
        SegmentCatalog catalog = runbooks.Catalog;
        AccessRecord current = await AccessRecordUpdater.LoadAsync(access.Store, input.RequestId, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<AccessRefusal> refusals = AccessCriteria.CheckBeforeGrant(current.Request, catalog, pitr);
        if (refusals.Count > 0)
        {
            throw AccessRefusal.ToException(refusals);
        }

        (SegmentDefinition segment, _) = BreakGlassRules.SegmentOf(catalog, current.Request);
        string rolePath = access.RolePath;
        AccessGrant? grant = null;
        AccessRecord record = await AccessRecordUpdater.UpdateAsync(access.Store, input.RequestId, r =>
        {
            // The first synthesis's time, on a retry: the same policy, the same expiry.
            DateTimeOffset at = r.Grant?.PreparedAt ?? now;
            grant = AccessPolicySynthesizer.Synthesize(r.RequestId, r.Request, segment, partition, region, account, rolePath, at);
            return AccessLifecycle.Prepare(r, grant, BreakGlassRules.RoleArn(partition, account, rolePath, grant.RoleName), now);
        }, cancellationToken).ConfigureAwait(false);
        AccessGrant synthesized = grant!;
        int holdSeconds = HoldSeconds(synthesized.ExpiresAt, now);
        LogPrepared(record.RequestId, synthesized.RoleName, synthesized.ExpiresAt, synthesized.PolicySize);
        return ToContract(synthesized, record, rolePath, holdSeconds, extended: false);
    }

    /// <summary>The contract the IAM integrations take.</summary>
    internal static PreparedGrant ToContract(AccessGrant grant, AccessRecord record, string rolePath, int holdSeconds, bool extended) =>
        new(grant.RoleName, rolePath, record.Grant!.RoleArn, grant.PolicyName, grant.PolicyDocument, grant.TrustPolicyDocument, grant.MaxSessionDurationSeconds,
            [.. grant.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new IamTag(t.Key, t.Value))],
            $"Break-glass {record.RequestId} for {Shorten(record.Request.Requester, 120)}: {Shorten(record.Request.Reason, 800)}",
            grant.ExpiresAt, holdSeconds, extended);

    /// <summary>Seconds from now to the expiry, at least 1 (a Step Functions timeout must be positive).</summary>
    internal static int HoldSeconds(DateTimeOffset expiresAt, DateTimeOffset now) =>
        (int)Math.Clamp(Math.Ceiling((expiresAt - now).TotalSeconds), 1, int.MaxValue);

    /// <summary>ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus == ENABLED.</summary>
    internal static bool PointInTimeRecoveryEnabled(JsonElement? description) =>
        description is { ValueKind: JsonValueKind.Object } d
        && d.TryGetProperty("PointInTimeRecoveryDescription", out JsonElement pitr) && pitr.ValueKind == JsonValueKind.Object
        && pitr.TryGetProperty("PointInTimeRecoveryStatus", out JsonElement status) && status.ValueKind == JsonValueKind.String
        && string.Equals(status.GetString(), "ENABLED", StringComparison.Ordinal);

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Break-glass request {RequestId}: grant prepared, role {RoleName} until {ExpiresAt}, policy {PolicySize} characters")]
    private partial void LogPrepared(string requestId, string roleName, DateTimeOffset expiresAt, int policySize);
}
