using Automation.Core.Errors;
using Automation.Core.Facts;

namespace Automation.Core.Tests.Facts;

public class MetricQueryPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 8, 15, 43, 512, TimeSpan.Zero);

    private static TableFacts Table(int gsis) => new(
        "Orders", ResourceStatus.Active, CapacityMode.Provisioned, new ProvisionedThroughputFacts(100, 100, 0, null, null), null,
        [.. Enumerable.Range(0, gsis).Select(i => new IndexFacts($"Gsi{i:D2}", ResourceStatus.Active, new ProvisionedThroughputFacts(10, 10, 0, null, null), null))]);

    [Fact]
    public void Diagnose_fetches_every_throttle_reason_and_consumption_for_the_table_and_each_gsi()
    {
        MetricQueryPlan plan = MetricQueryPlanner.Plan(Table(2), Now, MetricQueryPurpose.Diagnose);

        Assert.Equal(13 + (2 * 12), plan.Queries.Count);
        Assert.Equal([.. plan.Queries.Select((_, i) => $"m{i}")], plan.Queries.Select(q => q.Id));
        Assert.All(plan.Queries, q => Assert.Equal(MetricStatistic.Sum, q.Statistic));
        Assert.Single(plan.Queries, q => q.Metric == DynamoDbMetric.ThrottledRequests);
        foreach (string? index in new[] { null, "Gsi00", "Gsi01" })
        {
            var metrics = plan.Queries.Where(q => q.IndexName == index).Select(q => q.Metric).ToHashSet();
            Assert.Contains(DynamoDbMetric.WriteKeyRangeThroughputThrottleEvents, metrics);
            Assert.Contains(DynamoDbMetric.ReadMaxOnDemandThroughputThrottleEvents, metrics);
            Assert.Contains(DynamoDbMetric.WriteThrottleEvents, metrics);
            Assert.Contains(DynamoDbMetric.ConsumedWriteCapacityUnits, metrics);
        }
    }

    [Fact]
    public void Window_ends_at_the_last_complete_minute_and_defaults_by_purpose()
    {
        MetricQueryPlan diagnose = MetricQueryPlanner.Plan(Table(0), Now, MetricQueryPurpose.Diagnose);
        MetricQueryPlan verify = MetricQueryPlanner.Plan(Table(0), Now, MetricQueryPurpose.Verify);

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 8, 15, 0, TimeSpan.Zero), diagnose.EndTime);
        Assert.Equal(TimeSpan.FromMinutes(30), diagnose.EndTime - diagnose.StartTime);
        Assert.Equal(TimeSpan.FromMinutes(10), verify.EndTime - verify.StartTime);
        Assert.DoesNotContain(verify.Queries, q => q.Metric is DynamoDbMetric.ConsumedReadCapacityUnits or DynamoDbMetric.ConsumedWriteCapacityUnits);
        Assert.Equal(60, diagnose.PeriodSeconds);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(20)]
    [InlineData(40)]
    public void Answer_stays_within_one_page_and_the_datapoint_budget(int gsis)
    {
        MetricQueryPlan plan = MetricQueryPlanner.Plan(Table(gsis), Now, MetricQueryPurpose.Diagnose, windowMinutes: 60);

        int periods = (int)Math.Ceiling((plan.EndTime - plan.StartTime).TotalSeconds / plan.PeriodSeconds);
        Assert.InRange(plan.Queries.Count, 1, MetricQueryPlanner.MaxQueries);
        Assert.InRange(plan.Queries.Count * periods, 1, MetricQueryPlanner.MaxDatapoints);
        Assert.Equal(0, plan.PeriodSeconds % 60);
    }

    [Fact]
    public void Too_many_gsis_for_one_call_is_refused_naming_the_field()
    {
        var error = Assert.Throws<AutomationException>(() => MetricQueryPlanner.Plan(Table(42), Now, MetricQueryPurpose.Diagnose));

        Assert.Equal(ErrorTypes.InvalidInput, error.ErrorType);
        Assert.Equal("table.GlobalSecondaryIndexes", error.Field);
    }

    [Theory]
    [InlineData(0, 60, "windowMinutes")]
    [InlineData(30, 90, "periodSeconds")]
    [InlineData(5, 600, "periodSeconds")]
    public void Out_of_range_window_or_period_names_the_field(int window, int period, string field)
    {
        var error = Assert.Throws<AutomationException>(() => MetricQueryPlanner.Plan(Table(0), Now, MetricQueryPurpose.Diagnose, window, period));

        Assert.Equal(field, error.Field);
    }
}
