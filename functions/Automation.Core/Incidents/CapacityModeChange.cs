namespace Automation.Core.Incidents;

/// <summary>A billing-mode change an action made. Provisioned→on-demand is limited to 4 per table per rolling 24 h.</summary>
public enum CapacityModeChange
{
    ProvisionedToOnDemand,
    OnDemandToProvisioned,
}
