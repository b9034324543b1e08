using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Automation.Aws.Queries;
using Automation.Core.Errors;
using Automation.Core.Queries;
using Automation.Tests.Moto;

namespace Automation.Aws.Tests.Queries;

/// <summary>The page reader against moto, driven by the real runner. moto charges a constant 1.0 unit per call.</summary>
[Collection(MotoTests.Name)]
public sealed class DynamoDbQueryPageReaderTests(MotoServer moto) : IDisposable
{
    private readonly AmazonDynamoDBClient _dynamoDb = moto.CreateDynamoDbClient();

    public void Dispose() => _dynamoDb.Dispose();

    private static string S(JsonObject item, string name) => item[name]!["S"]!.GetValue<string>();

    private Task<QueryRunResult> RunAsync(QueryPlan plan, List<QueryPageRecord>? pages = null) =>
        QueryRunner.RunAsync(plan, new DynamoDbQueryPageReader(_dynamoDb), pages is null ? null : pages.Add, CancellationToken.None);

    [Fact]
    public async Task A_query_pages_through_LastEvaluatedKey_to_the_end_and_masks_sensitive_attributes()
    {
        string table = await OrdersTable.CreateSeededAsync(_dynamoDb);
        var pages = new List<QueryPageRecord>();

        QueryRunResult result = await RunAsync(OrdersTable.Plan(table, OrdersTable.ForCustomer, ("customer", "customer#1")), pages);

        Assert.Equal(StopReason.Completed, result.StopReason);
        Assert.Equal(OrdersTable.CustomerOrders, result.ItemCount);
        Assert.Equal([10, 10, 5], pages.Select(p => p.Items));
        Assert.Equal([true, true, false], pages.Select(p => p.HasMore));
        Assert.Equal(Enumerable.Range(0, OrdersTable.CustomerOrders).Select(i => $"order#{i:D4}"), result.Items.Select(i => S(i, "sk")));
        Assert.All(result.Items, i => Assert.Equal(QueryPlanner.Masked, S(i, "email")));
        Assert.All(result.Items, i => Assert.Equal("customer#1", S(i, "pk")));
        Assert.Equal("A-1", result.Items[0]["lines"]!["L"]![0]!["M"]!["sku"]!["S"]!.GetValue<string>());
        Assert.All(pages, p => Assert.True(p.Consumed > 0)); // moto: a constant per call
    }

    [Fact]
    public async Task A_query_stops_at_its_page_limit_with_the_key_to_resume_from()
    {
        string table = await OrdersTable.CreateSeededAsync(_dynamoDb);
        QueryPlan plan = OrdersTable.Plan(table, OrdersTable.ForCustomer with { PageLimit = 2 }, ("customer", "customer#1"));

        QueryRunResult result = await RunAsync(plan);

        Assert.Equal(StopReason.PageLimitReached, result.StopReason);
        Assert.Equal(20, result.ItemCount);
        Assert.Equal("order#0019", S(result.LastEvaluatedKey!, "sk"));
    }

    [Fact]
    public async Task A_filter_shrinks_the_items_not_the_items_read()
    {
        string table = await OrdersTable.CreateSeededAsync(_dynamoDb);

        QueryRunResult result = await RunAsync(OrdersTable.Plan(table, OrdersTable.ForCustomer, ("customer", "customer#1"), ("status", "STUCK"), ("since", "order#000")));

        Assert.Equal(StopReason.Completed, result.StopReason);
        Assert.Equal(["order#0000", "order#0005"], result.Items.Select(i => S(i, "sk")));
        Assert.Equal(10, result.ScannedCount);
    }

    [Fact]
    public async Task A_GSI_query_pages_by_the_index_key()
    {
        string table = await OrdersTable.CreateSeededAsync(_dynamoDb);

        QueryRunResult result = await RunAsync(OrdersTable.Plan(table, OrdersTable.ByStatus, ("status", "STUCK")));

        // customer#1 orders 0, 5, 10, 15, 20 and order 0 of customers 2-4.
        Assert.Equal(StopReason.Completed, result.StopReason);
        Assert.Equal(8, result.ItemCount);
        Assert.Equal(2, result.Pages);
        Assert.All(result.Items, i => Assert.Equal("STUCK", S(i, "status")));
    }

    [Fact]
    public async Task A_number_key_condition_on_an_LSI_binds_an_N_value()
    {
        string table = await OrdersTable.CreateSeededAsync(_dynamoDb);

        QueryRunResult result = await RunAsync(OrdersTable.Plan(table, OrdersTable.BigOrders, ("customer", "customer#1"), ("minTotal", "225")));

        Assert.Equal(["order#0023", "order#0024"], result.Items.Select(i => S(i, "sk")));
    }

    [Fact]
    public async Task GetItem_returns_the_item_projected_with_its_key_or_nothing()
    {
        string table = await OrdersTable.CreateSeededAsync(_dynamoDb);

        QueryRunResult found = await RunAsync(OrdersTable.Plan(table, OrdersTable.ById, ("customer", "customer#1"), ("order", "order#0007")));
        QueryRunResult missing = await RunAsync(OrdersTable.Plan(table, OrdersTable.ById, ("customer", "customer#1"), ("order", "order#9999")));

        Assert.Equal((StopReason.Completed, 1, 1), (found.StopReason, found.Pages, found.ItemCount));
        JsonObject item = found.Items[0];
        Assert.Equal(["pk", "sk", "total"], item.Select(a => a.Key).Order(StringComparer.Ordinal));
        Assert.Equal("70", item["total"]!["N"]!.GetValue<string>());
        Assert.Equal((StopReason.Completed, 1, 0, 0), (missing.StopReason, missing.Pages, missing.ItemCount, missing.ScannedCount));
    }

    [Fact]
    public async Task A_bounded_scan_reads_every_segment_in_turn()
    {
        string table = await OrdersTable.CreateSeededAsync(_dynamoDb);
        var pages = new List<QueryPageRecord>();

        QueryRunResult result = await RunAsync(OrdersTable.Plan(table, OrdersTable.EveryOrder), pages);

        Assert.Equal(StopReason.Completed, result.StopReason);
        Assert.Equal(OrdersTable.CustomerOrders + 3, result.ItemCount);
        Assert.Equal(OrdersTable.CustomerOrders + 3, result.Items.Select(i => S(i, "pk") + S(i, "sk")).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal([0, 1], pages.Select(p => p.ScanSegment!.Value).Distinct());
        Assert.Equal(1, result.LastScanSegment);
    }

    [Fact]
    public async Task A_missing_table_is_TableNotFound()
    {
        QueryPlan plan = OrdersTable.Plan("no-such-table-" + Guid.NewGuid().ToString("N")[..8], OrdersTable.ForCustomer, ("customer", "customer#1"));

        var error = await Assert.ThrowsAsync<AutomationException>(() => RunAsync(plan));

        Assert.Equal(ErrorTypes.TableNotFound, error.ErrorType);
        Assert.Contains("orders-for-customer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_DynamoDB_refuses_is_InvalidRunbookConfig()
    {
        string table = await OrdersTable.CreateSeededAsync(_dynamoDb);
        QueryPlan plan = OrdersTable.Plan(table, OrdersTable.ForCustomer, ("customer", "customer#1"));
        // A name placeholder no expression uses: DynamoDB (and moto) refuse the request as a ValidationException.
        plan = plan with { ExpressionAttributeNames = new Dictionary<string, string>(plan.ExpressionAttributeNames) { ["#unused"] = "status" } };

        var error = await Assert.ThrowsAsync<AutomationException>(() => RunAsync(plan));

        Assert.Equal(ErrorTypes.InvalidRunbookConfig, error.ErrorType);
        Assert.Contains("nothing was read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_request_with_a_sensitive_value_withholds_DynamoDBs_message()
    {
        string table = await OrdersTable.CreateSeededAsync(_dynamoDb);
        QueryPlan plan = OrdersTable.Plan(table, OrdersTable.ForCustomer, ("customer", "customer#1"));
        plan = plan with { ExpressionAttributeNames = new Dictionary<string, string>(plan.ExpressionAttributeNames) { ["#unused"] = "status" } };
        var sensitive = plan with
        {
            ExpressionAttributeValues = plan.ExpressionAttributeValues.ToDictionary(v => v.Key, v => v.Value with { Sensitive = true }, StringComparer.Ordinal),
        };

        var open = await Assert.ThrowsAsync<AutomationException>(() => RunAsync(plan));
        var withheld = await Assert.ThrowsAsync<AutomationException>(() => RunAsync(sensitive));

        // The control: without a sensitive value, DynamoDB's own words (naming what it refused) are in the message.
        Assert.Contains("#unused", open.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorTypes.InvalidRunbookConfig, withheld.ErrorType);
        Assert.DoesNotContain("#unused", withheld.ToString(), StringComparison.Ordinal);
        Assert.Null(withheld.InnerException);
        Assert.Contains("withheld", withheld.Message, StringComparison.Ordinal);
        Assert.Contains("ValidationException", withheld.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_DynamoDB_is_a_TransientDependencyError()
    {
        using var offline = MotoServer.CreateDynamoDbClient($"http://127.0.0.1:{MotoServer.FreePort()}");
        QueryPlan plan = OrdersTable.Plan("orders", OrdersTable.ForCustomer, ("customer", "customer#1"));

        var error = await Assert.ThrowsAsync<AutomationException>(() => QueryRunner.RunAsync(plan, new DynamoDbQueryPageReader(offline), null, CancellationToken.None));

        Assert.Equal(ErrorTypes.TransientDependencyError, error.ErrorType);
    }
}
