namespace Automation.Core.Guardrails;

/// <summary>Monthly capacity cost estimates for the cost cap (see <see cref="PricingAssumptions"/>).</summary>
public static class CostModel
{
    private const double SecondsPerHour = 3600;

    /// <summary>Provisioned: (RCU × $/RCU-hour + WCU × $/WCU-hour) × hours per month.</summary>
    public static double ProvisionedMonthlyUsd(long readCapacityUnits, long writeCapacityUnits, PricingAssumptions pricing)
    {
        ArgumentNullException.ThrowIfNull(pricing);
        return ((readCapacityUnits * pricing.ReadCapacityUnitHourUsd) + (writeCapacityUnits * pricing.WriteCapacityUnitHourUsd))
            * pricing.HoursPerMonth;
    }

    /// <summary>
    /// On-demand worst case: the maxima sustained all month. A maximum of -1 (none) has no worst case and
    /// is counted as 0 here; callers treat an unbounded resource separately.
    /// </summary>
    public static double OnDemandWorstCaseMonthlyUsd(long maxReadRequestUnits, long maxWriteRequestUnits, PricingAssumptions pricing)
    {
        ArgumentNullException.ThrowIfNull(pricing);
        double perSecond = (Math.Max(0, maxReadRequestUnits) * pricing.ReadRequestUnitsPerMillionUsd
            + Math.Max(0, maxWriteRequestUnits) * pricing.WriteRequestUnitsPerMillionUsd) / 1_000_000;
        return perSecond * SecondsPerHour * pricing.HoursPerMonth;
    }
}
