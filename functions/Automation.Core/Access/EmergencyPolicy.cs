namespace Automation.Core.Access;

/// <summary>May a declared emergency skip approval (segment file <c>access.emergency</c>)? Either way it is recorded, notified and needs a review after the fact.</summary>
public enum EmergencyPolicy
{
    /// <summary>Never: every grant waits for approval (<see cref="AccessRules.EmergencyNotAllowed"/>).</summary>
    Never,

    /// <summary>A read-only grant may proceed at once; a grant with a write action still needs approval.</summary>
    ReadOnly,

    /// <summary>Any grant the segment allows may proceed at once.</summary>
    Any,
}
