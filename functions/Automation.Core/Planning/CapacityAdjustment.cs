using System.Text.Json.Serialization;

namespace Automation.Core.Planning;

/// <summary>One number a plan changes, with the demand that justifies it (for approval and the incident record).</summary>
/// <param name="IndexName">The GSI, or null for the table.</param>
/// <param name="Dimension">Read or write.</param>
/// <param name="Kind">Provisioned capacity or on-demand maximum.</param>
/// <param name="From">Current value (units/s; -1 = no on-demand maximum).</param>
/// <param name="To">Planned value (units/s).</param>
/// <param name="DemandPerSecond">Observed peak demand (consumed + throttled, units/s) the target was sized for.</param>
/// <param name="Reason">Why this value, in one sentence (including any guardrail that clipped it).</param>
public sealed record CapacityAdjustment(
    string? IndexName,
    CapacityDimension Dimension,
    AdjustmentKind Kind,
    long From,
    long To,
    double DemandPerSecond,
    string Reason)
{
    /// <summary>Whether this lowers provisioned capacity (the only kind the decrease quota counts).</summary>
    [JsonIgnore]
    public bool IsDecrease => Kind == AdjustmentKind.ProvisionedCapacity && To < From;
}
