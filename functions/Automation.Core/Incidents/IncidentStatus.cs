namespace Automation.Core.Incidents;

/// <summary>
/// Where an incident stands. <see cref="Open"/> and <see cref="AwaitingApproval"/> are live; every
/// other status is final. The allowed moves are in <see cref="IncidentTransitions"/>.
/// </summary>
public enum IncidentStatus
{
    /// <summary>The workflow is working on it.</summary>
    Open,

    /// <summary>A plan waits for an operator (a <c>.waitForTaskToken</c> step holds the token).</summary>
    AwaitingApproval,

    /// <summary>An action was applied and verification showed the throttling stopped.</summary>
    Mitigated,

    /// <summary>Acted (or tried to), but verification showed throttling went on.</summary>
    NotMitigated,

    /// <summary>False alarm, or the throttling had already stopped: nothing to do.</summary>
    NoActionNeeded,

    /// <summary>A dry run: diagnosis and plan recorded, no table changed.</summary>
    DryRunRecorded,

    /// <summary>The approval step timed out; nothing was applied.</summary>
    ApprovalTimedOut,

    /// <summary>A guardrail refused the plan, or an operator rejected it; nothing was applied.</summary>
    Refused,

    /// <summary>A step failed; the error is recorded and the execution fails.</summary>
    Failed,

    /// <summary>
    /// The alarm-triage runbook answered a latency, error, contention or replication alarm with a verdict
    /// (DynamoDB-side with evidence, or DynamoDB healthy); triage never changes a table.
    /// </summary>
    Triaged,
}
