using System.Text.Json;
using Automation.Core;
using Automation.Core.Access;
using Automation.Core.Segments;
using Automation.Functions.Aws;
using Automation.Functions.Contracts.BreakGlass;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.BreakGlass;

/// <summary>
/// <c>HandleAccessAction</c>: the access API's one step, for a caller API Gateway verified (SigV4, AWS_IAM). Each action
/// is a pure <see cref="AccessLifecycle"/> decision on the request's record, stored by compare-and-swap, so two clicks,
/// two approvers or a self-approval cannot both win; the answer tells the Express state machine to start the request's
/// workflow, resume its waiting task, or nothing.
/// <list type="bullet">
/// <item><c>request</c>: checks the body against the segment's criteria (<see cref="AccessCriteria.Check"/>; every refusal names its rule) and records it; nothing else is created on a refusal.</item>
/// <item><c>approve</c> / <c>reject</c>: a verified approver of the segment, never the requester, once per person.</item>
/// <item><c>done</c>: the requester or an approver ends the grant early; <c>extend</c>: the requester asks for more time; <c>approve-extension</c>: another approver agrees.</item>
/// <item><c>review</c>: the post-incident review, by somebody other than the requester; <c>get</c>: the record (never the task token).</item>
/// </list>
/// </summary>
public sealed partial class HandleAccessActionHandler(StepServices services, RunbookCatalogProvider runbooks, AccessProvider access)
    : StepHandler<AccessApiInput, AccessApiOutput>(services)
{
    public const string StepName = "HandleAccessAction";

    /// <summary>The actions, as the API's paths name them.</summary>
    public static readonly IReadOnlyList<string> Actions = ["request", "approve", "reject", "done", "extend", "approve-extension", "review", "get"];

    public const int MaxReasonLength = 1024;
    public const int MaxNotesLength = 2048;
    public const int MaxTicketLength = 128;
    public const int MaxClientTokenLength = 128;

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.ConditionalItemWrites;

    protected override async Task<AccessApiOutput> RunAsync(AccessApiInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        string action = input.Action is { } a && Actions.Contains(a, StringComparer.Ordinal)
            ? a
            : throw InputError.Field("action", $"must be one of {string.Join(", ", Actions)}, got '{input.Action}'");
        string caller = VerifiedCaller(input.Caller);
        DateTimeOffset now = Services.Time.GetUtcNow();
        if (action == "request")
        {
            return await RequestAsync(caller, input.Body, now, cancellationToken).ConfigureAwait(false);
        }

        string requestId = AccessRequestIds.IsWellFormed(input.RequestId)
            ? input.RequestId!
            : throw InputError.Field("requestId", $"must be a request id like '{AccessRequestIds.Prefix}' followed by {AccessRequestIds.HexLength} lowercase hex characters, got '{input.RequestId}'");
        LogAction(action, requestId, caller);
        switch (action)
        {
            case "get":
                AccessRecord record = await AccessRecordUpdater.LoadAsync(access.Store, requestId, cancellationToken).ConfigureAwait(false);
                return Answer(200, View(record));
            case "approve":
            case "reject":
                {
                    AccessNotesBody body = Body(input.Body, StepJsonContext.Default.AccessNotesBody);
                    string? notes = StepInput.OptionalText(body.Notes, "body.notes", MaxNotesLength);
                    string decision = action == "approve" ? AccessLifecycle.Approved : AccessLifecycle.Rejected;
                    (AccessRecord next, string? token) = await AccessRecordUpdater.UpdateAsync(access.Store, requestId,
                        r => AccessLifecycle.Decide(r, caller, decision, notes, ScopeOf(r), now), cancellationToken).ConfigureAwait(false);
                    int approvals = next.Approvals.Count(x => x.Decision == AccessLifecycle.Approved);
                    string message = decision == AccessLifecycle.Rejected
                        ? $"Rejected by {caller}: nothing is granted."
                        : token is null
                            ? $"Approval {approvals} of {next.ApprovalsNeeded} recorded; {next.ApprovalsNeeded - approvals} more needed."
                            : $"Approved ({approvals} of {next.ApprovalsNeeded}): the grant is being created.";
                    AccessActionAnswer answer = new(requestId, next.Status.ToString(), message);
                    return token is null
                        ? Answer(200, answer)
                        : Resume(200, answer, token, new AccessResumeOutput(decision, null, caller, null));
                }

            case "done":
                {
                    _ = Body(input.Body, StepJsonContext.Default.AccessNotesBody);
                    (AccessRecord next, string token) = await AccessRecordUpdater.UpdateAsync(access.Store, requestId,
                        r => AccessLifecycle.Done(r, caller, ScopeOf(r), now), cancellationToken).ConfigureAwait(false);
                    return Resume(202, new AccessActionAnswer(requestId, next.Status.ToString(), "Ending the grant now: the role and its policy are being deleted."),
                        token, new AccessResumeOutput(null, "done", caller, null));
                }

            case "extend":
                {
                    AccessExtendBody body = Body(input.Body, StepJsonContext.Default.AccessExtendBody);
                    int minutes = body.Minutes is int m && m > 0 ? m : throw InputError.Field("body.minutes", "is required: a whole number of minutes > 0");
                    string reason = StepInput.Text(body.Reason, "body.reason", MaxReasonLength);
                    AccessRecord next = await AccessRecordUpdater.UpdateAsync(access.Store, requestId,
                        r => AccessLifecycle.RequestExtension(r, caller, minutes, reason, ScopeOf(r), now), cancellationToken).ConfigureAwait(false);
                    int number = next.Extensions[^1].Number;
                    return Answer(202, new AccessActionAnswer(requestId, next.Status.ToString(),
                        $"Extension {number} (+{minutes} min) awaits approval by another approver: POST /requests/{requestId}/approve-extension."));
                }

            case "approve-extension":
                {
                    _ = Body(input.Body, StepJsonContext.Default.AccessNotesBody);
                    (AccessRecord next, (int number, string token)) = await AccessRecordUpdater.UpdateAsync(access.Store, requestId,
                        r =>
                        {
                            (AccessRecord rec, int n, string t) = AccessLifecycle.ApproveExtension(r, caller, ScopeOf(r), now);
                            return (rec, (n, t));
                        }, cancellationToken).ConfigureAwait(false);
                    return Resume(202, new AccessActionAnswer(requestId, next.Status.ToString(), $"Extension {number} approved: the grant's expiry moves now."),
                        token, new AccessResumeOutput(null, "extend", caller, number));
                }

            default: // review
                {
                    AccessNotesBody body = Body(input.Body, StepJsonContext.Default.AccessNotesBody);
                    string notes = StepInput.Text(body.Notes, "body.notes", MaxNotesLength);
                    AccessRecord next = await AccessRecordUpdater.UpdateAsync(access.Store, requestId,
                        r => AccessLifecycle.Reviewed(r, caller, notes, now), cancellationToken).ConfigureAwait(false);
                    return Answer(200, new AccessActionAnswer(requestId, next.Status.ToString(), $"Reviewed by {caller}."));
                }
        }
    }

    private async Task<AccessApiOutput> RequestAsync(string caller, JsonElement? rawBody, DateTimeOffset now, CancellationToken cancellationToken)
    {
        AccessRequestBody body = Body(rawBody, StepJsonContext.Default.AccessRequestBody);
        var request = new AccessRequest(
            caller,
            StepInput.Text(body.Segment, "body.segment", 128),
            body.Indexes ?? [],
            body.Actions ?? ["dynamodb:GetItem", "dynamodb:Query"],
            body.LeadingKeys ?? [],
            body.LeadingKeyPrefixes ?? [],
            body.Attributes ?? [],
            body.DurationMinutes ?? 0,
            StepInput.OptionalText(body.Reason, "body.reason", MaxReasonLength) ?? string.Empty,
            StepInput.OptionalText(body.IncidentId, "body.incidentId", MaxTicketLength),
            StepInput.OptionalText(body.Ticket, "body.ticket", MaxTicketLength),
            body.Emergency ?? false);
        string? clientToken = StepInput.OptionalText(body.ClientToken, "body.clientToken", MaxClientTokenLength);
        SegmentCatalog catalog = runbooks.Catalog;
        IReadOnlyList<AccessRefusal> refusals = AccessCriteria.Check(request, catalog);
        if (refusals.Count > 0)
        {
            string rules = string.Join(", ", refusals.Select(r => r.Rule));
            LogRefused(caller, request.Segment, rules);
            throw AccessRefusal.ToException(refusals);
        }

        (SegmentDefinition segment, AccessScope scope) = BreakGlassRules.SegmentOf(catalog, request);
        string requestId = AccessRequestIds.For(request, clientToken, now);
        int approvals = AccessCriteria.ApprovalsNeeded(request, scope);
        AccessRecord record = AccessLifecycle.Open(requestId, request, segment.Covers.Table, segment.Version, approvals, now);
        string executionArn = ExecutionArn(requestId);
        if (!await access.Store.CreateAsync(record, cancellationToken).ConfigureAwait(false))
        {
            AccessRecord existing = await AccessRecordUpdater.LoadAsync(access.Store, requestId, cancellationToken).ConfigureAwait(false);
            if (!AccessCriteria.SamePerson(existing.Request.Requester, caller))
            {
                throw new AutomationException(ErrorTypes.ApprovalNotAllowed, $"Not allowed: request {requestId} belongs to another requester.");
            }

            LogDuplicate(requestId, caller, existing.Status);
            var duplicate = new AccessRequestAccepted(requestId, existing.Status.ToString(), executionArn, true, existing.ApprovalsNeeded,
                "The same request was made before: nothing new was started. GET /requests/" + requestId + " shows it.");
            // Start again anyway: if the first start was lost, this one starts it; if not, the same name is refused harmlessly.
            return new AccessApiOutput(200, Serialize(duplicate, StepJsonContext.Default.AccessRequestAccepted), "start",
                new AccessWorkflowStart(requestId, new AccessWorkflowInput(requestId)), null);
        }

        string actions = string.Join(",", request.Actions);
        LogRequested(requestId, caller, request.Segment, actions, request.DurationMinutes, request.Emergency, approvals);
        string message = approvals == 0
            ? "EMERGENCY: proceeding without approval; the grant is announced and needs a review after the fact."
            : $"Recorded: awaiting approval by {approvals} verified approver(s) of segment {request.Segment} other than you.";
        var accepted = new AccessRequestAccepted(requestId, record.Status.ToString(), executionArn, false, approvals, message);
        return new AccessApiOutput(202, Serialize(accepted, StepJsonContext.Default.AccessRequestAccepted), "start",
            new AccessWorkflowStart(requestId, new AccessWorkflowInput(requestId)), null);
    }

    private AccessScope ScopeOf(AccessRecord record) => BreakGlassRules.SegmentOf(runbooks.Catalog, record.Request).Scope;

    private string ExecutionArn(string requestId) =>
        access.StateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + requestId;

    private static string VerifiedCaller(AccessCaller? caller) =>
        caller?.Arn is { Length: > 0 } arn && AccessPrincipal.TryParse(arn) is not null
            ? arn
            : throw InputError.Field("caller.arn", $"must be the SigV4-verified caller's IAM ARN (API Gateway's $context.identity.userArn), got '{caller?.Arn}'");

    private static T Body<T>(JsonElement? body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        string json = body is { ValueKind: JsonValueKind.Object } b ? b.GetRawText() : "{}";
        try
        {
            return StepInput.Parse(json, type);
        }
        catch (AutomationException e) when (e.Field is { } field)
        {
            // StepInput names the field inside the body ($.segment): name it as the caller sent it (body.segment).
            string inBody = "body" + (field.StartsWith('$') ? field[1..] : "." + field);
            string problem = e.Message[(e.Message.IndexOf("' ", StringComparison.Ordinal) + 2)..].TrimEnd('.');
            throw InputError.Field(inBody, problem);
        }
    }

    private static AccessApiOutput Answer(int status, AccessActionAnswer answer) =>
        new(status, Serialize(answer, StepJsonContext.Default.AccessActionAnswer), "none", null, null);

    private static AccessApiOutput Answer(int status, JsonElement body) => new(status, body, "none", null, null);

    private static AccessApiOutput Resume(int status, AccessActionAnswer answer, string token, AccessResumeOutput output) =>
        new(status, Serialize(answer, StepJsonContext.Default.AccessActionAnswer), "resume", null, new AccessWorkflowResume(token, output));

    /// <summary>The record as the API shows it: everything but the task token.</summary>
    private static JsonElement View(AccessRecord record) =>
        JsonSerializer.SerializeToElement(record with { Wait = record.Wait is { } w ? w with { TaskToken = "(hidden)" } : null }, CoreJsonContext.Default.AccessRecord);

    private static JsonElement Serialize<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => JsonSerializer.SerializeToElement(value, type);

    [LoggerMessage(Level = LogLevel.Information, Message = "Access action {Action} on {RequestId} by {Caller}")]
    private partial void LogAction(string action, string requestId, string caller);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Access request by {Caller} for segment {Segment} refused: {Rules}")]
    private partial void LogRefused(string caller, string segment, string rules);

    [LoggerMessage(Level = LogLevel.Information, Message = "Access request {RequestId} by {Caller} repeated (status {Status}): nothing new")]
    private partial void LogDuplicate(string requestId, string caller, AccessStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Access request {RequestId} by {Caller} for segment {Segment}: {Actions} for {DurationMinutes} min, emergency {Emergency}, approvals needed {Approvals}")]
    private partial void LogRequested(string requestId, string caller, string segment, string actions, int durationMinutes, bool emergency, int approvals);
}
