using Automation.Core.Access;
using Automation.Core.Segments;
using Automation.Functions.Aws;
using Automation.Functions.Contracts.BreakGlass;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.BreakGlass;

/// <summary>
/// <c>StartAccessRequest</c>, the break-glass workflow's first step: loads the request the access API recorded (the
/// verified requester is there; the execution's input carries only the id, so a console start cannot name anyone) and
/// checks it again against the bundled segment files (a deploy may have changed them since). Records the execution;
/// an allowed emergency moves straight to granting.
/// </summary>
public sealed partial class StartAccessRequestHandler(StepServices services, RunbookCatalogProvider runbooks, AccessProvider access)
    : StepHandler<StartAccessRequestInput, AccessRequestSummary>(services)
{
    public const string StepName = "StartAccessRequest";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.ConditionalItemWrites;

    protected override async Task<AccessRequestSummary> RunAsync(StartAccessRequestInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        string requestId = AccessRequestIds.IsWellFormed(input.RequestId) ? input.RequestId : throw InputError.Field("requestId", $"is not a break-glass request id: '{input.RequestId}'");
        DateTimeOffset now = Services.Time.GetUtcNow();
        AccessRecord current = await AccessRecordUpdater.LoadAsync(access.Store, requestId, cancellationToken).ConfigureAwait(false);
        SegmentCatalog catalog = runbooks.Catalog;
        IReadOnlyList<AccessRefusal> refusals = AccessCriteria.Check(current.Request, catalog);
        if (refusals.Count > 0)
        {
            throw AccessRefusal.ToException(refusals);
        }

        (_, AccessScope scope) = BreakGlassRules.SegmentOf(catalog, current.Request);
        AccessRecord record = await AccessRecordUpdater.UpdateAsync(access.Store, requestId, r =>
        {
            AccessRecord started = AccessLifecycle.Started(r, input.ExecutionArn, now);
            return started.ApprovalsNeeded == 0 && started.Status == AccessStatus.Requested ? AccessLifecycle.EmergencyProceeds(started, now) : started;
        }, cancellationToken).ConfigureAwait(false);
        bool emergency = record.ApprovalsNeeded == 0;
        bool writes = AccessCriteria.IsWrite(record.Request);
        LogStarted(requestId, record.Request.Requester, record.Request.Segment, emergency, record.ApprovalsNeeded);
        return new AccessRequestSummary(requestId, record.Request.Requester, record.Request.Segment, record.Table, record.Request.Reason, emergency, writes,
            record.ApprovalsNeeded, scope.ApprovalTimeoutMinutes * 60);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Break-glass request {RequestId} by {Requester} on segment {Segment} started (emergency {Emergency}, approvals needed {Approvals})")]
    private partial void LogStarted(string requestId, string requester, string segment, bool emergency, int approvals);
}
