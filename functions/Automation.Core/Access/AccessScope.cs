namespace Automation.Core.Access;

/// <summary>
/// A segment's break-glass access scope: its segment file's <c>access</c> section (format: runbooks/README.md), own or
/// inherited from its table segment (an index segment's for a key-prefix segment on an index).
/// </summary>
/// <param name="Requesters">Who may request: IAM ARN patterns with IAM StringLike wildcards (<c>*</c> any run, <c>?</c> one character), case-sensitive.</param>
/// <param name="Approvers">Who may approve, patterns as <paramref name="Requesters"/> (the file's default: the requesters' patterns). Never the requester.</param>
/// <param name="Actions">The data actions a grant may hold.</param>
/// <param name="MaxDurationMinutes">The longest grant (and the longest extension), minutes (5..720).</param>
/// <param name="RequireTicket">Does a request need an incident id or a ticket?</param>
/// <param name="ApprovalTimeoutMinutes">A pending request expires after this many minutes (1..1440).</param>
/// <param name="WriteApprovers">Approvals a grant with a write action needs (1 or 2); a read grant needs 1.</param>
/// <param name="Emergency">May a declared emergency skip approval?</param>
/// <param name="MaxExtensions">How many times one grant may be extended (0..10).</param>
public sealed record AccessScope(
    IReadOnlyList<string> Requesters,
    IReadOnlyList<string> Approvers,
    IReadOnlyList<AccessAction> Actions,
    int MaxDurationMinutes,
    bool RequireTicket,
    int ApprovalTimeoutMinutes,
    int WriteApprovers,
    EmergencyPolicy Emergency,
    int MaxExtensions)
{
    /// <summary><c>requireTicket</c> when the file leaves it out.</summary>
    public const bool DefaultRequireTicket = true;

    /// <summary><c>approvalTimeoutMinutes</c> when the file leaves it out.</summary>
    public const int DefaultApprovalTimeoutMinutes = 30;

    /// <summary><c>writeApprovers</c> when the file leaves it out.</summary>
    public const int DefaultWriteApprovers = 1;

    /// <summary><c>emergency</c> when the file leaves it out.</summary>
    public const EmergencyPolicy DefaultEmergency = EmergencyPolicy.ReadOnly;

    /// <summary><c>maxExtensions</c> when the file leaves it out.</summary>
    public const int DefaultMaxExtensions = 2;

    /// <summary>Smallest <c>maxDurationMinutes</c> a file may declare.</summary>
    public const int MinDurationMinutes = 5;

    /// <summary>Largest <c>maxDurationMinutes</c>: IAM's largest MaxSessionDuration (12 h).</summary>
    public const int MaxDurationLimitMinutes = 720;
}
