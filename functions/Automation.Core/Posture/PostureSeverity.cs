namespace Automation.Core.Posture;

/// <summary>How urgent a finding is, lowest first (so severities compare with &lt; and &gt;).</summary>
public enum PostureSeverity
{
    /// <summary>Worth knowing; nothing is at risk yet.</summary>
    Low,

    /// <summary>A mistake that makes an incident worse or harder to see.</summary>
    Medium,

    /// <summary>A mistake that can lose data, hide an outage or grant far more than needed.</summary>
    High,

    /// <summary>Already broken, or one call away from an unrecoverable loss.</summary>
    Critical,
}
