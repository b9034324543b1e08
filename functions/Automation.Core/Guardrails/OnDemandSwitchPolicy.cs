namespace Automation.Core.Guardrails;

/// <summary>When the planner may switch a provisioned table to on-demand (YAML <c>onDemand.switchFromProvisioned</c>).</summary>
public enum OnDemandSwitchPolicy
{
    /// <summary><c>never</c>: only provisioned capacity changes.</summary>
    Never,

    /// <summary><c>whenCapped</c>: only when the ceiling or the cost cap keeps the provisioned raise below the demand target.</summary>
    WhenCapped,

    /// <summary><c>preferred</c>: switch whenever allowed and within the cost cap.</summary>
    Preferred,
}
