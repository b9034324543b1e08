using Automation.Core.Diagnosis;
using Automation.Core.Guardrails;

namespace Automation.Core.Planning;

/// <summary>
/// What to do about a diagnosis, within guardrails. Re-check it with <see cref="Guardrails.GuardrailCheck.Recheck(RemediationPlan, Facts.ThrottlingFacts, Guardrails.GuardrailPolicy, DateTimeOffset)"/>
/// against fresh facts just before applying.
/// </summary>
/// <param name="PlanId">Deterministic id of the change (same change → same id), for idempotent apply and audit.</param>
/// <param name="TableName">The table.</param>
/// <param name="DiagnosisKind">The diagnosis it answers.</param>
/// <param name="IndexName">The GSI the diagnosis named, or null.</param>
/// <param name="Action">What the plan does.</param>
/// <param name="TableUpdate">The UpdateTable call, or null when there is no table-level change.</param>
/// <param name="Sharding">Hot keys to shard (empty unless <see cref="RemediationKind.ShardHotKey"/>).</param>
/// <param name="RequiresApproval">Whether a human must approve before apply.</param>
/// <param name="ApprovalReasons">Why approval is needed (empty when not).</param>
/// <param name="DryRun">Recorded, never applied.</param>
/// <param name="FalseAlarm">The alarm fired without throttling: feeds the threshold feedback loop.</param>
/// <param name="Summary">One sentence for the incident record.</param>
/// <param name="Advice">What a person could do beyond the plan (for a read-hot key: the cache to put in front of it, and DAX's limits).</param>
/// <param name="Guardrails">Guardrails that clipped a target or ruled an option out.</param>
/// <param name="Segment">The segment whose guardrails applied (null: defaults).</param>
/// <param name="PolicyVersion">The guardrails config version used.</param>
/// <param name="PlannedAt">When the plan was made.</param>
public sealed record RemediationPlan(
    string PlanId,
    string TableName,
    DiagnosisKind DiagnosisKind,
    string? IndexName,
    RemediationKind Action,
    TableUpdate? TableUpdate,
    IReadOnlyList<ShardingChange> Sharding,
    bool RequiresApproval,
    IReadOnlyList<string> ApprovalReasons,
    bool DryRun,
    bool FalseAlarm,
    string Summary,
    IReadOnlyList<string> Advice,
    IReadOnlyList<GuardrailNote> Guardrails,
    string? Segment,
    int PolicyVersion,
    DateTimeOffset PlannedAt)
{
    /// <summary>
    /// Query runbooks ready to run for the diagnosis's hot keys (<see cref="Queries.ReadyQueries"/>): paste one into the
    /// query-runbook state machine to read the key's items. Empty when no segment has a template keyed on them.
    /// </summary>
    public IReadOnlyList<Queries.QueryRunbookInput> QueryRunbookInputs { get; init; } = [];

    /// <summary>
    /// Break-glass requests ready to send (<see cref="Access.ReadyAccessRequests"/>): read access to the hot keys for the
    /// on-call, who POSTs one to the access API as themselves; it then needs approval like any other request.
    /// </summary>
    public IReadOnlyList<Access.AccessRequestDraft> AccessRequestInputs { get; init; } = [];

    /// <summary>
    /// The on-demand backup to take before applying (<see cref="Safety.BackupPlanner"/>), or null when none is needed.
    /// A dry run reports it and takes none; the state machine refuses the change if it fails.
    /// </summary>
    public Safety.BackupRequirement? Backup { get; init; }
}
