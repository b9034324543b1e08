namespace Automation.Core.Errors;

/// <summary>
/// The error names a step may report. The ASL matches them by string in Retry/Catch
/// (see statemachines/*.asl.json); renaming one is a breaking change.
/// </summary>
public static class ErrorTypes
{
    /// <summary>The input is not a trigger this suite understands (missing or malformed field). Not retried.</summary>
    public const string InvalidTrigger = "InvalidTrigger";

    /// <summary>The input to a step is malformed (a contract violation, not a trigger). Not retried.</summary>
    public const string InvalidInput = "InvalidInput";

    /// <summary>The table named by the trigger does not exist. Not retried.</summary>
    public const string TableNotFound = "TableNotFound";

    /// <summary>The index named by the trigger does not exist on the table. Not retried.</summary>
    public const string IndexNotFound = "IndexNotFound";

    /// <summary>A plan or change was refused by a guardrail (ceiling, cost cap, decrease budget). Not retried.</summary>
    public const string GuardrailRefused = "GuardrailRefused";

    /// <summary>
    /// A person rejected the plan at the approval step (or the approval timed out as rejected): nothing is
    /// applied and the incident is closed as rejected. Not retried.
    /// </summary>
    public const string ApprovalRejected = "ApprovalRejected";

    /// <summary>
    /// The table or index is not ACTIVE (an update is in progress): the plan may still be valid in a minute,
    /// so unlike <see cref="GuardrailRefused"/> this one is retried with backoff.
    /// </summary>
    public const string ResourceNotReady = "ResourceNotReady";

    /// <summary>A runbook config file (runbooks/defaults.yaml or a segment file) is malformed or out of range. Not retried: fix the file.</summary>
    public const string InvalidRunbookConfig = "InvalidRunbookConfig";

    /// <summary>A dependency failed in a way that may pass (throttling, 5xx, timeouts). Retried.</summary>
    public const string TransientDependencyError = "TransientDependencyError";

    /// <summary>A conditional write lost a race (optimistic lock, duplicate delivery). Retried where safe.</summary>
    public const string ConcurrentModification = "ConcurrentModification";

    /// <summary>Query runbook: the table's key schema or indexes no longer match the segment file's <c>schema</c>. Nothing is read.</summary>
    public const string SchemaDrift = "SchemaDrift";

    /// <summary>Query runbook: the template changed between validation and the run (a deploy mid-execution). Nothing is read.</summary>
    public const string TemplateChanged = "TemplateChanged";

    /// <summary>Query runbook: the request names an incident that does not exist. Nothing is read.</summary>
    public const string IncidentNotFound = "IncidentNotFound";

    /// <summary>
    /// Break-glass: the access criteria refused the request (or an extension); the message names every rule
    /// (<c>Automation.Core.Access.AccessRules</c>) and the field. Nothing is granted. Not retried.
    /// </summary>
    public const string AccessRefused = "AccessRefused";

    /// <summary>
    /// Break-glass: this caller may not approve (or reject) this request: the requester themself, not one of the
    /// segment's approvers, already approved it, or the request is not pending. Nothing changes. Not retried.
    /// </summary>
    public const string ApprovalNotAllowed = "ApprovalNotAllowed";

    /// <summary>
    /// Break-glass: the request is not in the state this step needs (a hold asked of a request still pending, a grant
    /// prepared for a request that is no longer being granted, an emergency that needs approval). A step out of order, not
    /// a lost race (that is <see cref="ConcurrentModification"/>): waiting will not change it. Not retried; caught.
    /// </summary>
    public const string AccessNotInState = "AccessNotInState";

    /// <summary>Break-glass: no access record with that request id. Not retried.</summary>
    public const string AccessRequestNotFound = "AccessRequestNotFound";

    /// <summary>
    /// Break-glass: taking a grant back failed after its retries (deleting the inline policy, denying older sessions or
    /// deleting the role): recorded loudly and notified; the sweeper keeps trying.
    /// </summary>
    public const string RevokeFailed = "RevokeFailed";

    /// <summary>
    /// The data a run would carry between states passes Step Functions' 256 KB state limit (e.g. an alarm-reconcile
    /// plan for too many alarms at once): the message gives the size, the bound and how to split the run (the
    /// <c>segments</c> input). Nothing was written. Not retried.
    /// </summary>
    public const string ExecutionStateTooLarge = "ExecutionStateTooLarge";

    /// <summary>
    /// Throttling response: the on-demand backup a risky change needs first (a sharding change that moves items, or a
    /// kind the segment's <c>safety.backupBefore</c> lists) failed, so the change is refused: nothing is applied and the
    /// incident closes Refused with the rule named. Raised by the state machine itself (its <c>BackupRefused</c> state). Not retried.
    /// </summary>
    public const string BackupFailed = "BackupFailed";

    /// <summary>The Lambda deadline came before the step finished. Retried.</summary>
    public const string DeadlineExceeded = "DeadlineExceeded";

    /// <summary>Anything unexpected: a bug. Not retried; caught and recorded.</summary>
    public const string InternalError = "InternalError";
}
