using System.Text.Json;
using Automation.Core.Access;
using Automation.Functions.Aws;
using Automation.Functions.Contracts.BreakGlass;

namespace Automation.Functions.Handlers.BreakGlass;

/// <summary>
/// <c>PlanRevoke</c>, the revoke workflow's first step: which role to revoke and why, whatever started the run —
/// <c>{requestId, cause}</c> from the break-glass workflow, <c>{roleName, requestId?, cause: Sweeper}</c> from the sweeper,
/// or a Step Functions execution status change event of a stopped (ABORTED), failed or timed-out break-glass run (its
/// execution name is the request id). Marks the request as revoking. The role comes from the record (prepared before
/// IAM was touched) or, for the sweeper, from the role it found; a role outside the break-glass path is refused.
/// </summary>
public sealed partial class PlanRevokeHandler(StepServices services, AccessProvider access)
    : StepHandler<PlanRevokeInput, RevokePlan>(services)
{
    public const string StepName = "PlanRevoke";

    /// <summary>The name of the deny-older-sessions policy the revoke puts (and removes before deleting the role).</summary>
    public const string RevokePolicyName = AccessPolicySynthesizer.RevokeSessionsPolicyName;

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.ConditionalItemWrites;

    protected override async Task<RevokePlan> RunAsync(PlanRevokeInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        (string? requestId, string? roleName, RevocationCause cause) = Read(input.Input);
        DateTimeOffset now = Services.Time.GetUtcNow();
        string policy = AccessPolicySynthesizer.RevokeSessionsPolicy(now);
        if (roleName is not null && !roleName.StartsWith(AccessPolicySynthesizer.RoleNamePrefix, StringComparison.Ordinal))
        {
            throw InputError.Field("input.roleName", $"'{roleName}' is not a break-glass role name: the revoke workflow deletes only its own roles");
        }

        if (requestId is null)
        {
            LogPlanned("(none)", roleName, cause.ToString(), false);
            return new RevokePlan(null, roleName, cause.ToString(), false, RevokePolicyName, policy);
        }

        AccessRecord? existing = await access.Store.GetAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            LogPlanned(requestId, roleName, cause.ToString(), false);
            return new RevokePlan(null, roleName, cause.ToString(), false, RevokePolicyName, policy);
        }

        // Done already, unless the sweeper found the role still there: then it goes, whatever the record says.
        bool alreadyRevoked = existing.Status == AccessStatus.Revoked && cause != RevocationCause.Sweeper;
        AccessRecord record = alreadyRevoked
            ? existing
            : await AccessRecordUpdater.UpdateAsync(access.Store, requestId, r => AccessLifecycle.Revoking(r, cause, now), cancellationToken).ConfigureAwait(false);
        string? role = record.Grant?.RoleName ?? roleName;
        LogPlanned(requestId, role, cause.ToString(), alreadyRevoked);
        return new RevokePlan(requestId, role, cause.ToString(), alreadyRevoked, RevokePolicyName, policy);
    }

    /// <summary>The request, role and cause from any of the three inputs.</summary>
    internal static (string? RequestId, string? RoleName, RevocationCause Cause) Read(JsonElement input)
    {
        if (input.ValueKind != JsonValueKind.Object)
        {
            throw InputError.Field("input", "must be an object: {requestId, cause}, the sweeper's {roleName, cause}, or an execution status change event");
        }

        if (input.TryGetProperty("detail-type", out JsonElement type) && type.ValueKind == JsonValueKind.String)
        {
            if (type.GetString() != "Step Functions Execution Status Change" || !input.TryGetProperty("detail", out JsonElement detail) || detail.ValueKind != JsonValueKind.Object)
            {
                throw InputError.Field("input.detail-type", $"must be 'Step Functions Execution Status Change', got '{type.GetString()}'");
            }

            string? name = Text(detail, "name");
            string status = Text(detail, "status") ?? string.Empty;
            RevocationCause cause = status switch
            {
                "ABORTED" => RevocationCause.StoppedRun,
                "FAILED" or "TIMED_OUT" => RevocationCause.Failure,
                _ => throw InputError.Field("input.detail.status", $"must be ABORTED, FAILED or TIMED_OUT (a run that ended without its own revoke), got '{status}'"),
            };
            return (AccessRequestIds.IsWellFormed(name) ? name : throw InputError.Field("input.detail.name", $"is not a break-glass request id: '{name}'"), null, cause);
        }

        string? requestId = Text(input, "requestId");
        if (requestId is not null && !AccessRequestIds.IsWellFormed(requestId))
        {
            throw InputError.Field("input.requestId", $"is not a break-glass request id: '{requestId}'");
        }

        string? roleName = Text(input, "roleName");
        if (requestId is null && roleName is null)
        {
            throw InputError.Field("input.requestId", "is required (or roleName, from the sweeper)");
        }

        string causeText = Text(input, "cause") ?? throw InputError.Field("input.cause", $"is required: one of {string.Join(", ", Enum.GetNames<RevocationCause>())}");
        return Enum.TryParse(causeText, ignoreCase: false, out RevocationCause parsed) && Enum.IsDefined(parsed)
            ? (requestId, roleName, parsed)
            : throw InputError.Field("input.cause", $"must be one of {string.Join(", ", Enum.GetNames<RevocationCause>())}, got '{causeText}'");
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Revoking break-glass request {RequestId}: role {RoleName}, cause {Cause} (already revoked {AlreadyRevoked})")]
    private partial void LogPlanned(string requestId, string? roleName, string cause, bool alreadyRevoked);
}
