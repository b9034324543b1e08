namespace Automation.Core.Guardrails;

/// <summary>
/// Prices the cost cap is computed with (YAML section <c>pricing</c>). Defaults are us-east-1 Standard
/// table class list prices; set your region's. Costs are estimates for a guardrail, not a bill.
/// </summary>
/// <param name="ReadCapacityUnitHourUsd">Provisioned: $ per RCU-hour.</param>
/// <param name="WriteCapacityUnitHourUsd">Provisioned: $ per WCU-hour.</param>
/// <param name="ReadRequestUnitsPerMillionUsd">On-demand: $ per million read request units.</param>
/// <param name="WriteRequestUnitsPerMillionUsd">On-demand: $ per million write request units.</param>
/// <param name="HoursPerMonth">Hours in a billing month (730 = 8,760 / 12).</param>
public sealed record PricingAssumptions(
    double ReadCapacityUnitHourUsd,
    double WriteCapacityUnitHourUsd,
    double ReadRequestUnitsPerMillionUsd,
    double WriteRequestUnitsPerMillionUsd,
    double HoursPerMonth)
{
    public static PricingAssumptions Default { get; } = new(
        ReadCapacityUnitHourUsd: 0.00013,
        WriteCapacityUnitHourUsd: 0.00065,
        ReadRequestUnitsPerMillionUsd: 0.125,
        WriteRequestUnitsPerMillionUsd: 0.625,
        HoursPerMonth: 730);
}
