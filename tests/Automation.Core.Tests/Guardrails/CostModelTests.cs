using Automation.Core.Facts;
using Automation.Core.Guardrails;
using Automation.Core.Planning;

namespace Automation.Core.Tests.Guardrails;

public class CostModelTests
{
    [Fact]
    public void ProvisionedCostIsUnitHoursTimesHoursPerMonth()
    {
        // 1,000 RCU and 500 WCU at us-east-1 prices: (0.13 + 0.325) × 730.
        Assert.Equal(332.15, CostModel.ProvisionedMonthlyUsd(1000, 500, PricingAssumptions.Default), 6);
    }

    [Fact]
    public void OnDemandWorstCaseIsTheMaximaSustainedAllMonth()
    {
        // 1,000 WRU/s × $0.625 per million × 3,600 × 730.
        Assert.Equal(1642.5, CostModel.OnDemandWorstCaseMonthlyUsd(OnDemandThroughput.NoMaximum, 1000, PricingAssumptions.Default), 6);
    }

    [Fact]
    public void TableCostCoversEveryIndexAndHonoursAdjustments()
    {
        var table = new TableFacts("Orders", ResourceStatus.Active, CapacityMode.Provisioned,
            new ProvisionedThroughputFacts(1000, 500, 0, null, null), null,
            [new IndexFacts("ByStatus", ResourceStatus.Active, new ProvisionedThroughputFacts(100, 100, 0, null, null), null)]);
        CapacityAdjustment raise = new("ByStatus", CapacityDimension.Write, AdjustmentKind.ProvisionedCapacity, 100, 300, 0, "");

        double before = TableCostEstimator.Current(table, PricingAssumptions.Default);
        double after = TableCostEstimator.With(table, PricingAssumptions.Default, [raise], null);

        Assert.Equal(332.15 + CostModel.ProvisionedMonthlyUsd(100, 100, PricingAssumptions.Default), before, 6);
        Assert.Equal(200 * 0.00065 * 730, after - before, 6);
    }
}
