using System.Text.Json.Nodes;
using Automation.Core.Errors;
using Automation.Core.Queries;
using static Automation.Core.Tests.Queries.QuerySamples;

namespace Automation.Core.Tests.Queries;

public class QueryRunnerTests
{
    private static QueryPlan Plan(QueryTemplate template, params (string, string?)[] args) =>
        QueryPlanner.Plan(template, Orders(template), Args(args));

    private static QueryPlan CustomerPlan(int pageSize = 3, int pageLimit = 5, double ceiling = 10_000, bool consistent = false) =>
        Plan(OrdersForCustomer with { PageSize = pageSize, PageLimit = pageLimit, ReadCeiling = ceiling, ConsistentRead = consistent }, ("customer", "customer#1"));

    /// <summary>Reads through <paramref name="inner"/>, then fails the call numbered <paramref name="failOn"/> (1-based) with <paramref name="failure"/>.</summary>
    private sealed class FailingReader(IQueryPageReader inner, int failOn, Exception failure) : IQueryPageReader
    {
        private int _calls;

        public Task<QueryPage> ReadPageAsync(QueryPageRequest request, CancellationToken cancellationToken) =>
            ++_calls == failOn ? throw failure : inner.ReadPageAsync(request, cancellationToken);
    }

    [Fact]
    public async Task A_run_that_fails_part_way_says_what_it_had_read_and_been_charged()
    {
        var reader = RuleChargingReader.Of(5000, 5000, 5000, 5000, 5000, 5000, 5000);
        var throttled = new AutomationException(ErrorTypes.TransientDependencyError, "Query on 'Orders' failed and may succeed on retry: ThrottlingException") { Field = "x" };

        var error = await Assert.ThrowsAsync<AutomationException>(() => QueryRunner.RunAsync(CustomerPlan(), new FailingReader(reader, 3, throttled), null, default));

        // Pages 1 and 2 were read (3 items of 5,000 bytes each: 4 units, halved) before page 3 was throttled.
        Assert.Equal(ErrorTypes.TransientDependencyError, error.ErrorType);
        Assert.Equal("x", error.Field);
        Assert.Same(throttled, error.InnerException);
        Assert.EndsWith(throttled.Message, error.Message, StringComparison.Ordinal);
        Assert.Equal(new QueryRunProgress(2, 6, 6, reader.Charged), QueryRunProgress.Find(error.Message));
        Assert.Equal(4.0, reader.Charged);
    }

    [Fact]
    public async Task A_run_that_fails_on_its_first_page_read_nothing_and_its_error_is_unchanged()
    {
        var throttled = new AutomationException(ErrorTypes.TransientDependencyError, "throttled");

        var error = await Assert.ThrowsAsync<AutomationException>(() => QueryRunner.RunAsync(CustomerPlan(), new FailingReader(RuleChargingReader.Of(100), 1, throttled), null, default));

        Assert.Same(throttled, error);
        Assert.Null(QueryRunProgress.Find(error.Message));
    }

    [Fact]
    public async Task A_deadline_part_way_stays_a_cancellation_with_its_token_and_the_progress()
    {
        using var deadline = new CancellationTokenSource();
        var cancelled = new OperationCanceledException("deadline", deadline.Token);
        var plain = new InvalidOperationException("boom");

        var error = await Assert.ThrowsAsync<OperationCanceledException>(() => QueryRunner.RunAsync(CustomerPlan(), new FailingReader(RuleChargingReader.Of(100, 100, 100, 100), 2, cancelled), null, default));
        var other = await Assert.ThrowsAsync<AutomationException>(() => QueryRunner.RunAsync(CustomerPlan(), new FailingReader(RuleChargingReader.Of(100, 100, 100, 100), 2, plain), null, default));

        Assert.Equal(deadline.Token, error.CancellationToken);
        Assert.Equal(new QueryRunProgress(1, 3, 3, 0.5), QueryRunProgress.Find(error.Message));
        Assert.Equal(ErrorTypes.InternalError, other.ErrorType);
        Assert.Equal(1, QueryRunProgress.Find(other.Message)!.Pages);
    }

    [Theory]
    [InlineData(0, 0, 0, 0.0)]
    [InlineData(3, 250, 300, 12.5)]
    [InlineData(10, 1, 100000, 0.1 + 0.2)]
    public void Progress_reads_back_exactly_from_a_message_that_carries_it(int pages, int items, int scanned, double units)
    {
        var progress = new QueryRunProgress(pages, items, scanned, units);

        Assert.Equal(progress, QueryRunProgress.Find($"RunQuery did not finish before the deadline: {progress.Describe()} Query on 'Orders' timed out"));
        Assert.Null(QueryRunProgress.Find("Query on 'Orders' failed: read before the failure: 2 pages"));
    }

    [Fact]
    public async Task A_query_reads_page_after_page_until_no_LastEvaluatedKey()
    {
        var reader = RuleChargingReader.Of(1000, 1000, 1000, 1000, 1000, 1000, 1000);
        var pages = new List<QueryPageRecord>();

        QueryRunResult result = await QueryRunner.RunAsync(CustomerPlan(), reader, pages.Add, default);

        Assert.Equal(StopReason.Completed, result.StopReason);
        Assert.Equal(3, result.Pages);
        Assert.Equal(7, result.ItemCount);
        Assert.Equal(7, result.ScannedCount);
        Assert.Equal(0.5 + 0.5 + 0.5, result.ConsumedUnits);
        Assert.Null(result.LastEvaluatedKey);
        Assert.Equal(result.PageRecords, pages);
        Assert.Equal([1, 2, 3], pages.Select(p => p.Page));
        Assert.Equal([3, 3, 3], pages.Select(p => p.Limit));
        Assert.Equal([3, 3, 1], pages.Select(p => p.Items));
        Assert.Equal([0.5, 1.0, 1.5], pages.Select(p => p.CumulativeConsumed));
        Assert.Equal([true, true, false], pages.Select(p => p.HasMore));
        Assert.Null(reader.Calls[0].Request.ExclusiveStartKey);
        Assert.Equal("2", reader.Calls[1].Request.ExclusiveStartKey!["i"]!["N"]!.GetValue<string>());
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"order#{i:D5}"), result.Items.Select(i => i["sk"]!["S"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_run_stops_at_the_page_limit_and_reports_where_it_stopped()
    {
        var reader = RuleChargingReader.Of([.. Enumerable.Repeat(100, 20)]);

        QueryRunResult result = await QueryRunner.RunAsync(CustomerPlan(pageSize: 3, pageLimit: 2), reader, null, default);

        Assert.Equal(StopReason.PageLimitReached, result.StopReason);
        Assert.Equal(2, result.Pages);
        Assert.Equal(6, result.ItemCount);
        Assert.Equal("order#00005", result.LastEvaluatedKey!["sk"]!["S"]!.GetValue<string>());
        Assert.Equal(2, reader.Calls.Count);
    }

    [Fact]
    public async Task Exactly_the_page_limit_with_nothing_left_is_completed()
    {
        var reader = RuleChargingReader.Of(100, 100, 100, 100, 100, 100);

        QueryRunResult result = await QueryRunner.RunAsync(CustomerPlan(pageSize: 3, pageLimit: 2), reader, null, default);

        Assert.Equal(StopReason.Completed, result.StopReason);
        Assert.Equal(2, result.Pages);
    }

    [Fact]
    public async Task The_limit_shrinks_as_the_budget_runs_out_and_the_run_stops_at_the_ceiling()
    {
        // Eventually consistent: a full page's worst case is 178 units, one item's 50. Ceiling 300.
        var reader = RuleChargingReader.Of([.. Enumerable.Repeat(400_000, 30)]);

        QueryRunResult result = await QueryRunner.RunAsync(CustomerPlan(pageSize: 10, pageLimit: 50, ceiling: 300), reader, null, default);

        Assert.Equal(StopReason.CeilingReached, result.StopReason);
        Assert.True(result.ConsumedUnits <= 300, $"consumed {result.ConsumedUnits}");
        Assert.Equal(10, reader.Calls[0].Request.Limit);
        Assert.All(result.PageRecords, p => Assert.True(p.WorstCase <= 300 - (p.CumulativeConsumed - p.Consumed)));
        Assert.True(result.PageRecords[^1].Limit < 10);
        Assert.True(300 - result.ConsumedUnits < ReadCost.WorstCasePage(QueryOperation.Query, 1, consistent: false));
        Assert.NotNull(result.LastEvaluatedKey);
    }

    [Fact]
    public async Task A_ceiling_below_one_items_worst_case_reads_nothing()
    {
        var reader = RuleChargingReader.Of(10);

        QueryRunResult result = await QueryRunner.RunAsync(CustomerPlan(ceiling: 99, consistent: true), reader, null, default);

        Assert.Equal(StopReason.CeilingReached, result.StopReason);
        Assert.Equal(0, result.Pages);
        Assert.Empty(reader.Calls);
        Assert.Equal(0, result.ConsumedUnits);
    }

    [Fact]
    public async Task Sensitive_attributes_are_masked_whatever_their_type_in_items_and_in_the_last_key()
    {
        QueryPlan plan = CustomerPlan(pageSize: 1, pageLimit: 1) with { Attributes = new(["email", "i"]) };
        var reader = RuleChargingReader.Of(10, 10);

        QueryRunResult result = await QueryRunner.RunAsync(plan, reader, null, default);

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"pk":{"S":"customer#0"},"sk":{"S":"order#00000"},"i":{"S":"<masked>"},"email":{"S":"<masked>"},"status":{"S":"PENDING"}}"""),
            result.Items[0]));
        Assert.Equal(QueryPlanner.Masked, result.LastEvaluatedKey!["i"]!["S"]!.GetValue<string>());
        Assert.Equal("c0@example.com", reader.Calls[0].Page.Items[0]["email"]!["S"]!.GetValue<string>()); // the reader's items are not changed
    }

    [Fact]
    public async Task A_scan_walks_its_segments_one_after_another()
    {
        QueryPlan plan = Plan(StuckScan with { PageSize = 2, PageLimit = 10 });
        var reader = new RuleChargingReader([[10, 10, 10], [], [10]], filter: i => i != 1);
        plan = plan with { ScanSegments = 3 };

        QueryRunResult result = await QueryRunner.RunAsync(plan, reader, null, default);

        Assert.Equal(StopReason.Completed, result.StopReason);
        Assert.Equal([0, 0, 1, 2], reader.Calls.Select(c => c.Request.ScanSegment!.Value));
        Assert.Equal([null, "1", null, null], reader.Calls.Select(c => c.Request.ExclusiveStartKey?["i"]!["N"]!.GetValue<string>()));
        Assert.Equal(3, result.ItemCount);
        Assert.Equal(4, result.ScannedCount);
        Assert.Equal(2, result.LastScanSegment);
    }

    [Fact]
    public async Task A_GetItem_is_one_page()
    {
        QueryPlan plan = Plan(OrderById, ("customer", "customer#1"), ("order", "order#1"));
        var reader = RuleChargingReader.Of(5000);

        QueryRunResult result = await QueryRunner.RunAsync(plan, reader, null, default);

        Assert.Equal(StopReason.Completed, result.StopReason);
        Assert.Equal((1, 1, 2.0), (result.Pages, result.ItemCount, result.ConsumedUnits));
        Assert.Equal(1, reader.Calls[0].Request.Limit);
        Assert.Null(reader.Calls[0].Request.ScanSegment);
    }

    [Fact]
    public async Task A_cancelled_run_stops()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => QueryRunner.RunAsync(CustomerPlan(), RuleChargingReader.Of(1), null, cancel.Token));
    }

    [Theory]
    [InlineData(1000, 100, 2)]
    [InlineData(1000, 177.5, 3)]
    [InlineData(1000, 178, 1000)]
    [InlineData(1000, 50, 1)]
    [InlineData(1000, 49.5, 0)]
    [InlineData(2, 1000, 2)]
    public void The_largest_limit_is_the_last_whose_worst_case_fits(int pageSize, double remaining, int limit) =>
        Assert.Equal(limit, QueryRunner.LargestLimit(CustomerPlan(pageSize: pageSize), remaining));
}

public class QueryExplanationTests
{
    [Fact]
    public void The_explanation_shows_placeholders_their_bindings_masked_where_sensitive_and_the_worst_case()
    {
        QueryPlan plan = QueryPlanner.Plan(Catalog(), "big-orders", Args(("customer", "customer#1"), ("email", "a@example.com")));

        QueryExplanation explanation = QueryExplanation.Of(plan);
        string text = explanation.Render();

        Assert.Equal("#k0 = :v0 AND #k1 >= :v1", explanation.KeyCondition);
        Assert.Equal("\"customer#1\" (S)", explanation.Values[":v0"]);
        Assert.Equal("100 (N)", explanation.Values[":v1"]);
        Assert.Equal(QueryPlanner.Masked, explanation.Values[":v2"]);
        Assert.Equal((356.0, 400.0), (explanation.WorstCasePerPage, explanation.WorstCasePerRun));
        Assert.DoesNotContain("a@example.com", text, StringComparison.Ordinal);
        Assert.Contains("reads index ByTotal of table Orders: Query, strongly consistent", text, StringComparison.Ordinal);
        Assert.Contains("key condition: #k0 = :v0 AND #k1 >= :v1", text, StringComparison.Ordinal);
        Assert.Contains("filter (applied after the read; does not reduce cost): #a0 = :v2", text, StringComparison.Ordinal);
        Assert.Contains("  #k1 = total", text, StringComparison.Ordinal);
        Assert.Contains("  :v2 = <masked>", text, StringComparison.Ordinal);
        Assert.Contains("worst case: 356 RCU per page, 400 RCU per run (read ceiling 400 RCU)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_GetItem_explains_its_key()
    {
        QueryPlan plan = QueryPlanner.Plan(Catalog(), "order-by-id", Args(("customer", "customer#1"), ("order", "order#2")));

        Assert.Equal("pk = \"customer#1\" (S) AND sk = \"order#2\" (S)", QueryExplanation.Of(plan).KeyCondition);
        Assert.Contains("one item", QueryExplanation.Of(plan).Render(), StringComparison.Ordinal);
    }
}
