namespace Automation.Core.Guardrails;

/// <summary>Bounds on provisioned capacity changes (YAML section <c>capacity</c>).</summary>
/// <param name="Headroom">Target = observed peak demand × headroom (≥ 1).</param>
/// <param name="MinimumIncreaseFactor">While throttled, a raise is at least current × this (≥ 1): one-minute sums hide sub-minute bursts, so demand can read below capacity.</param>
/// <param name="MaxReadCapacityUnits">Ceiling for provisioned RCU/s of the resource.</param>
/// <param name="MaxWriteCapacityUnits">Ceiling for provisioned WCU/s of the resource.</param>
/// <param name="MaxMonthlyCostUsd">Cap on the table's monthly capacity cost (table + all GSIs; provisioned at its settings, on-demand at its maxima). Set on the defaults or a table segment.</param>
public sealed record CapacityGuardrails(
    double Headroom,
    double MinimumIncreaseFactor,
    long MaxReadCapacityUnits,
    long MaxWriteCapacityUnits,
    double MaxMonthlyCostUsd);
