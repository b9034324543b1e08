using Automation.Core.Access;
using Automation.Core.Segments;
using Automation.Functions.Aws;
using Automation.Functions.Contracts.BreakGlass;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.BreakGlass;

/// <summary>
/// <c>PrepareExtension</c>: an approved extension moves the live grant's expiry (<see cref="AccessExtensions.ExtendedExpiry"/>):
/// the same role, the same scope, a new <c>aws:CurrentTime</c> lock, tag and session length, recorded before IAM is
/// changed. An extension the segment no longer allows is recorded as refused and the grant keeps its expiry: an
/// extension never revokes early and never creates a second grant.
/// </summary>
public sealed partial class PrepareExtensionHandler(StepServices services, RunbookCatalogProvider runbooks, AccessProvider access)
    : StepHandler<PrepareExtensionInput, PreparedGrant>(services)
{
    public const string StepName = "PrepareExtension";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.ConditionalItemWrites;

    protected override async Task<PreparedGrant> RunAsync(PrepareExtensionInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        (string partition, string region, string account) = BreakGlassRules.ArnParts(input.StateMachineArn);
        DateTimeOffset now = Services.Time.GetUtcNow();
        SegmentCatalog catalog = runbooks.Catalog;
        string rolePath = access.RolePath;
        AccessGrant? grant = null;
        bool extended = false;
        AccessRecord record = await AccessRecordUpdater.UpdateAsync(access.Store, input.RequestId, r =>
        {
            (SegmentDefinition segment, AccessScope scope) = BreakGlassRules.SegmentOf(catalog, r.Request);
            AccessGrantRecord live = r.Grant ?? throw new AutomationException(ErrorTypes.ConcurrentModification, $"Request {r.RequestId} has no grant to extend.");
            AccessExtensionRecord extension = r.Extensions.FirstOrDefault(e => e.Number == input.Extension)
                ?? throw InputError.Field("extension", $"request {r.RequestId} has no extension {input.Extension}");
            int applied = r.Extensions.Count(e => e.Status == "Applied");
            DateTimeOffset? newExpiry = null;
            string? refusal = null;
            if (extension.Status is "Approved")
            {
                try
                {
                    newExpiry = AccessExtensions.ExtendedExpiry(live.ExpiresAt, extension.Minutes, live.GrantedAt ?? live.PreparedAt, scope, applied);
                }
                catch (AutomationException e) when (e.ErrorType == ErrorTypes.AccessRefused)
                {
                    refusal = e.Message;
                }
            }
            else if (extension.Status is "Applied" && extension.NewExpiry is { } already)
            {
                newExpiry = already; // a retried step
            }
            else
            {
                refusal = $"extension {extension.Number} is {extension.Status}, not approved";
            }

            // Synthesised as if granted now for the rest of the window: the same scope, the new expiry as its lock.
            DateTimeOffset expiry = newExpiry ?? live.ExpiresAt;
            grant = AccessPolicySynthesizer.Synthesize(r.RequestId, r.Request, segment, partition, region, account, rolePath, now, expiry);
            extended = newExpiry is not null;
            return extension.Status is "Applied"
                ? r
                : AccessLifecycle.ApplyExtension(r, extension.Number, newExpiry, refusal, newExpiry is null ? null : grant, now);
        }, cancellationToken).ConfigureAwait(false);
        AccessGrant synthesized = grant!;
        LogExtension(record.RequestId, input.Extension, extended, synthesized.ExpiresAt);
        return PrepareGrantHandler.ToContract(synthesized, record, rolePath, PrepareGrantHandler.HoldSeconds(record.Grant!.ExpiresAt, now), extended);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Break-glass request {RequestId}: extension {Extension} applied {Extended}; grant until {ExpiresAt}")]
    private partial void LogExtension(string requestId, int extension, bool extended, DateTimeOffset expiresAt);
}
