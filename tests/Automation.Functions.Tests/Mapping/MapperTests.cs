using System.Text.Json;
using Automation.Core.Errors;
using Automation.Core.Facts;
using Automation.Core.Planning;
using Automation.Functions.Contracts;
using Automation.Functions.Contracts.ThrottlingResponse;
using Automation.Functions.Mapping;
using Automation.Tests.Shared;

namespace Automation.Functions.Tests.Mapping;

/// <summary>The raw AWS payloads of the fixtures (as the Step Functions aws-sdk integrations return them) map to the core facts.</summary>
public class MapperTests
{
    private static DiagnoseInput Fixture(string name) =>
        JsonSerializer.Deserialize(File.ReadAllText(RepoPaths.Event("Diagnose", name)), StepJsonContext.Default.DiagnoseInput)!;

    [Fact]
    public void DescribeTable_with_gsis_and_iso_timestamps_maps_every_field_the_workflow_reads()
    {
        TableFacts table = DescribeTableMapper.Map(Fixture("table-write-capacity-exhausted.json").Table);

        Assert.Equal("Orders", table.TableName);
        Assert.Equal(ResourceStatus.Active, table.Status);
        Assert.Equal(CapacityMode.Provisioned, table.CapacityMode);
        Assert.Equal(new ProvisionedThroughputFacts(2000, 1000, 1,
            new DateTimeOffset(2026, 11, 21, 1, 12, 9, 660, TimeSpan.Zero), new DateTimeOffset(2026, 11, 20, 17, 3, 55, 201, TimeSpan.Zero)), table.ProvisionedThroughput);
        Assert.Equal(["ByCustomer", "ByStatus"], table.GlobalSecondaryIndexes.Select(i => i.IndexName));
        Assert.Equal(400, table.FindIndex("ByStatus")!.ProvisionedThroughput.WriteCapacityUnits);
        Assert.Null(table.OnDemandThroughput);
    }

    [Fact]
    public void Epoch_second_timestamps_read_the_same_as_iso_strings()
    {
        TableFacts table = DescribeTableMapper.Map(Fixture("hot-key-with-contributor-insights.json").Table);

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 1, 12, 9, 660, TimeSpan.Zero), table.ProvisionedThroughput.LastDecreaseDateTime);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 17, 3, 55, 201, TimeSpan.Zero), table.FindIndex("ByCustomer")!.ProvisionedThroughput.LastIncreaseDateTime);
    }

    [Fact]
    public void On_demand_table_without_provisioned_throughput_maps_to_zeros_and_its_maximum()
    {
        var raw = new RawTable("Sessions", "ACTIVE", new RawBillingModeSummary("PAY_PER_REQUEST"), null, new RawOnDemandThroughput(4000, null),
            [new RawGlobalSecondaryIndex("ByUser", "CREATING")]);

        TableFacts table = DescribeTableMapper.Map(raw);

        Assert.Equal(CapacityMode.PayPerRequest, table.CapacityMode);
        Assert.Equal(ProvisionedThroughputFacts.None, table.ProvisionedThroughput);
        Assert.Equal(new OnDemandThroughput(4000, OnDemandThroughput.NoMaximum), table.OnDemandThroughput);
        Assert.Equal(ResourceStatus.Creating, table.GlobalSecondaryIndexes[0].Status);
    }

    [Theory]
    [InlineData("BillingMode", "table.BillingModeSummary.BillingMode")]
    [InlineData("Timestamp", "table.ProvisionedThroughput.LastDecreaseDateTime")]
    [InlineData("IndexName", "table.GlobalSecondaryIndexes[0].IndexName")]
    public void Malformed_table_names_the_field(string fault, string field)
    {
        var raw = fault switch
        {
            "BillingMode" => new RawTable("Orders", "ACTIVE", new RawBillingModeSummary("ON_DEMAND")),
            "Timestamp" => new RawTable("Orders", "ACTIVE", ProvisionedThroughput: new RawProvisionedThroughput(1, 1, 0, JsonDocument.Parse("\"yesterday\"").RootElement)),
            _ => new RawTable("Orders", "ACTIVE", GlobalSecondaryIndexes: [new RawGlobalSecondaryIndex(null, "ACTIVE")]),
        };

        var error = Assert.Throws<AutomationException>(() => DescribeTableMapper.Map(raw));

        Assert.Equal(ErrorTypes.InvalidInput, error.ErrorType);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Metric_results_map_by_id_drop_zeros_and_keep_fetched_empty_series()
    {
        DiagnoseInput input = Fixture("table-write-capacity-exhausted.json");

        IReadOnlyList<MetricSeries> series = MetricDataMapper.Map(input.Queries, input.MetricDataResults);

        Assert.Equal(input.MetricDataResults!.Count, series.Count);
        MetricSeries throttled = Assert.Single(series, s => s.Metric == DynamoDbMetric.WriteProvisionedThroughputThrottleEvents && s.IndexName is null);
        Assert.Equal(13, throttled.Datapoints.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 8, 2, 0, TimeSpan.Zero), throttled.Datapoints[0].Timestamp);
        Assert.Equal(60, throttled.PeriodSeconds);
        MetricSeries zeros = Assert.Single(series, s => s.Metric == DynamoDbMetric.ReadProvisionedThroughputThrottleEvents && s.IndexName is null);
        Assert.Empty(zeros.Datapoints); // fetched, all zero: kept as "fetched, no events"
        Assert.Contains(series, s => s.Metric == DynamoDbMetric.ConsumedWriteCapacityUnits && s.IndexName == "ByStatus" && s.Datapoints.Count == 30);
    }

    [Fact]
    public void Metric_result_with_mismatched_values_names_the_field()
    {
        DiagnoseInput input = Fixture("table-write-capacity-exhausted.json");
        var results = input.MetricDataResults!.ToList();
        results[2] = results[2] with { Values = [1.0] };

        var error = Assert.Throws<AutomationException>(() => MetricDataMapper.Map(input.Queries, results));

        Assert.Equal("metricDataResults[2].Values", error.Field);
    }

    [Fact]
    public void Contributor_insights_reports_map_rule_kind_index_window_and_keys()
    {
        DiagnoseInput input = Fixture("hot-key-with-contributor-insights.json");
        TableFacts table = DescribeTableMapper.Map(input.Table);

        IReadOnlyList<ContributorInsightsReport> reports = InsightRuleReportMapper.Map(input.ContributorInsights, table, input.Queries!.StartTime, input.Queries.EndTime);

        Assert.Equal([ContributorInsightsRule.PartitionKeyAccessed, ContributorInsightsRule.PartitionKeyThrottled, ContributorInsightsRule.PartitionKeyAccessed], reports.Select(r => r.Rule));
        Assert.Equal([null, null, "ByCustomer"], reports.Select(r => r.IndexName));
        Assert.All(reports, r => Assert.Equal(TimeSpan.FromMinutes(30), r.EndTime - r.StartTime));
        Assert.Equal(new KeyContribution("customer#4711", null, 1_015_000), reports[0].Contributors[0]);
        Assert.Equal(1_209_000, reports[0].AggregateValue);
    }

    [Fact]
    public void A_report_that_could_not_be_read_is_left_out_and_a_missing_one_is_refused()
    {
        DiagnoseInput input = Fixture("hot-key-with-contributor-insights.json");
        TableFacts table = DescribeTableMapper.Map(input.Table);
        var entries = input.ContributorInsights!.Reports!.ToList();
        entries[1] = entries[1] with { Report = null, ReportError = new("CloudWatch.ResourceNotFoundException", "The rule was deleted.") };

        IReadOnlyList<ContributorInsightsReport> reports = InsightRuleReportMapper.Map(
            input.ContributorInsights with { Reports = entries }, table, input.Queries!.StartTime, input.Queries.EndTime);

        Assert.Equal([ContributorInsightsRule.PartitionKeyAccessed, ContributorInsightsRule.PartitionKeyAccessed], reports.Select(r => r.Rule));
        Assert.Equal([null, "ByCustomer"], reports.Select(r => r.IndexName));

        entries[1] = entries[1] with { ReportError = null };
        var error = Assert.Throws<AutomationException>(() => InsightRuleReportMapper.Map(
            input.ContributorInsights with { Reports = entries }, table, input.Queries.StartTime, input.Queries.EndTime));
        Assert.Equal("contributorInsights.reports[1].report", error.Field);
    }

    [Theory]
    [InlineData("DynamoDBContributorInsights-SKT-Orders-1740912067118", ContributorInsightsRule.SortKeyThrottled, null)]
    [InlineData("DynamoDBContributorInsights-PKT-Orders-ByStatus-1740912067118", ContributorInsightsRule.PartitionKeyThrottled, "ByStatus")]
    [InlineData("DynamoDBContributorInsights-SKC-Orders/index/ByCustomer-1740912067118", ContributorInsightsRule.SortKeyAccessed, "ByCustomer")]
    public void Rule_names_give_kind_and_index(string ruleName, ContributorInsightsRule rule, string? index)
    {
        TableFacts table = DescribeTableMapper.Map(Fixture("table-write-capacity-exhausted.json").Table);

        Assert.Equal((rule, index), InsightRuleReportMapper.ParseRuleName(ruleName, table));
    }

    [Theory]
    [InlineData("DynamoDBContributorInsights-PKC-Invoices-1740912067118")]
    [InlineData("DynamoDBContributorInsights-XYZ-Orders-1740912067118")]
    [InlineData("orders-top-keys")]
    public void Rule_names_of_other_tables_or_shapes_are_refused(string ruleName)
    {
        TableFacts table = DescribeTableMapper.Map(Fixture("table-write-capacity-exhausted.json").Table);

        var error = Assert.Throws<AutomationException>(() => InsightRuleReportMapper.ParseRuleName(ruleName, table));

        Assert.Equal(ErrorTypes.InvalidInput, error.ErrorType);
    }

    [Fact]
    public void Switch_to_on_demand_with_gsis_carries_every_maximum_in_one_request()
    {
        var update = new TableUpdate("Orders", CapacityMode.PayPerRequest, null, new OnDemandThroughput(8000, 3000),
            [new IndexUpdate("ByStatus", null, new OnDemandThroughput(400, 900))], [], 100, 200);

        (UpdateKind kind, UpdateTableRequest? request) = UpdateTableRequestMapper.Map(update);

        Assert.Equal(UpdateKind.SwitchToOnDemandWithIndexes, kind);
        Assert.Equal(
            """{"TableName":"Orders","BillingMode":"PAY_PER_REQUEST","OnDemandThroughput":{"MaxReadRequestUnits":8000,"MaxWriteRequestUnits":3000},"GlobalSecondaryIndexUpdates":[{"Update":{"IndexName":"ByStatus","OnDemandThroughput":{"MaxReadRequestUnits":400,"MaxWriteRequestUnits":900}}}]}""",
            JsonSerializer.Serialize(request, StepJsonContext.Default.Options));
    }

    [Fact]
    public void Mixed_provisioned_and_on_demand_settings_are_a_planner_bug_not_a_partial_request()
    {
        var update = new TableUpdate("Orders", null, new ThroughputSetting(10, 10), new OnDemandThroughput(1, 1), [], [], 0, 0);

        var error = Assert.Throws<AutomationException>(() => UpdateTableRequestMapper.Map(update));

        Assert.Equal(ErrorTypes.InternalError, error.ErrorType);
    }
}
