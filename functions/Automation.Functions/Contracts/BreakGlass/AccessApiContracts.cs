using System.Text.Json;

namespace Automation.Functions.Contracts.BreakGlass;

/// <summary>
/// What the access API's Express state machine hands <c>HandleAccessAction</c>, exactly as API Gateway's mapping
/// template builds it (template.yaml, AccessApi): the caller is the SigV4-verified identity from the request context,
/// never a field of the body. Example: events/break-glass/HandleAccessAction/request.json.
/// </summary>
/// <param name="Action">request, approve, reject, done, extend, approve-extension, review or get.</param>
/// <param name="RequestId">The request the action is about (empty for request).</param>
/// <param name="Caller">The verified caller.</param>
/// <param name="Body">The action's JSON body (<see cref="AccessRequestBody"/> for request; notes, minutes, … for the others).</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AccessApiInput(string? Action = null, string? RequestId = null, AccessCaller? Caller = null, JsonElement? Body = null);

/// <summary>The verified caller: API Gateway's <c>$context.identity</c>.</summary>
/// <param name="Arn">The caller's IAM ARN (<c>userArn</c>: a user, a role, or an assumed-role session).</param>
/// <param name="AccountId">The caller's account.</param>
/// <param name="SourceIp">Where the call came from (recorded).</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AccessCaller(string? Arn = null, string? AccountId = null, string? SourceIp = null);

/// <summary>
/// The body of <c>POST /requests</c>: what the caller asks for. Example:
/// <c>{"segment": "orders", "indexes": ["ByCustomer"], "actions": ["dynamodb:GetItem", "dynamodb:Query"],
/// "leadingKeys": ["customer#4711"], "attributes": ["status", "total"], "durationMinutes": 30,
/// "reason": "INC-88: wrong totals", "ticket": "INC-88", "emergency": false, "clientToken": "inc-88-alice-1"}</c>.
/// </summary>
/// <param name="Segment">The segment (runbooks/segments/&lt;segment&gt;.yaml) whose table the access is on.</param>
/// <param name="Indexes">Indexes of the table in scope (default: none, the table only).</param>
/// <param name="Actions">DynamoDB data actions (default: GetItem and Query, read-only).</param>
/// <param name="LeadingKeys">Exact partition-key values (dynamodb:LeadingKeys).</param>
/// <param name="LeadingKeyPrefixes">Partition-key prefixes.</param>
/// <param name="Attributes">Attributes readable or writable (default: all); the key attributes are always added.</param>
/// <param name="DurationMinutes">How long (at most the segment's maxDurationMinutes).</param>
/// <param name="Reason">Why: on the record and in every notification.</param>
/// <param name="IncidentId">The incident it is for; or a <paramref name="Ticket"/>.</param>
/// <param name="Ticket">A ticket reference.</param>
/// <param name="Emergency">True: proceed without approval where the segment allows it (loudly; a review is required).</param>
/// <param name="ClientToken">Makes the request idempotent: the same caller and token give the same request, never a second grant.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AccessRequestBody(
    string? Segment = null,
    IReadOnlyList<string>? Indexes = null,
    IReadOnlyList<string>? Actions = null,
    IReadOnlyList<string>? LeadingKeys = null,
    IReadOnlyList<string>? LeadingKeyPrefixes = null,
    IReadOnlyList<string>? Attributes = null,
    int? DurationMinutes = null,
    string? Reason = null,
    string? IncidentId = null,
    string? Ticket = null,
    bool? Emergency = null,
    string? ClientToken = null);

/// <summary>The body of approve, reject, done, approve-extension and review: optional notes (a review's are required).</summary>
/// <param name="Notes">What the person says (on the record).</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AccessNotesBody(string? Notes = null);

/// <summary>The body of extend.</summary>
/// <param name="Minutes">How much longer (at most the segment's maxDurationMinutes).</param>
/// <param name="Reason">Why.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AccessExtendBody(int? Minutes = null, string? Reason = null);

/// <summary>
/// <c>HandleAccessAction</c>'s answer: the HTTP status and body API Gateway returns, and what the state machine does
/// next: <c>start</c> the request's workflow, <c>resume</c> its waiting task, or <c>none</c>.
/// </summary>
/// <param name="StatusCode">200, 202, …</param>
/// <param name="Body">The response body.</param>
/// <param name="Next">start, resume or none.</param>
/// <param name="Start">For start: the execution's name (the request id) and input.</param>
/// <param name="Resume">For resume: the waiting task's token and what it receives.</param>
public sealed record AccessApiOutput(int StatusCode, JsonElement Body, string Next, AccessWorkflowStart? Start, AccessWorkflowResume? Resume);

/// <summary>The break-glass execution to start: named by the request id, so a repeated request cannot start a second.</summary>
/// <param name="Name">The execution name (= request id).</param>
/// <param name="Input">Its input.</param>
public sealed record AccessWorkflowStart(string Name, AccessWorkflowInput Input);

/// <summary>The break-glass state machine's input: only the request id; everything else is read from the record.
/// Example: events/break-glass/StartAccessRequest/pending.json is what its first step receives.</summary>
/// <param name="RequestId">The recorded request.</param>
public sealed record AccessWorkflowInput(string RequestId);

/// <summary>A waiting task to resume (SendTaskSuccess).</summary>
/// <param name="TaskToken">Its token (from the record, never from the caller).</param>
/// <param name="Output">What the task's state receives.</param>
public sealed record AccessWorkflowResume(string TaskToken, AccessResumeOutput Output);

/// <summary>What a resumed wait receives: an approval's decision, or the hold's action (done / extend).</summary>
/// <param name="Decision">approved or rejected (the approval wait).</param>
/// <param name="Action">done or extend (the hold).</param>
/// <param name="By">The verified person.</param>
/// <param name="Extension">The approved extension's number (extend).</param>
public sealed record AccessResumeOutput(string? Decision, string? Action, string? By, int? Extension);

/// <summary>The answer to a request: its id, where it stands, and the execution to follow.</summary>
/// <param name="RequestId">The request id (the execution's name).</param>
/// <param name="Status">Requested (a new one) or the existing request's status (a duplicate).</param>
/// <param name="ExecutionArn">The break-glass execution.</param>
/// <param name="Duplicate">True when the same request was made before: nothing new was started.</param>
/// <param name="ApprovalsNeeded">Approvals by other verified people (0: an emergency that proceeds now).</param>
/// <param name="Message">For people.</param>
public sealed record AccessRequestAccepted(string RequestId, string Status, string ExecutionArn, bool Duplicate, int ApprovalsNeeded, string Message);

/// <summary>The answer to approve, reject, done, extend, approve-extension and review.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="Status">Its status after the action.</param>
/// <param name="Message">What happened, for people.</param>
public sealed record AccessActionAnswer(string RequestId, string Status, string Message);
