using System.Text.Json;
using Automation.Core.Errors;
using Automation.Core.Queries;
using static Automation.Core.Tests.Queries.QuerySamples;

namespace Automation.Core.Tests.Queries;

public class QueryPlannerTests
{
    private static AutomationException Refused(string template, params (string, string?)[] args) =>
        Assert.Throws<AutomationException>(() => QueryPlanner.Plan(Catalog(), template, Args(args)));

    [Fact]
    public void A_query_is_placeholders_only_with_typed_values_defaults_applied_and_keys_projected()
    {
        QueryPlan plan = QueryPlanner.Plan(Catalog(), "orders-for-customer", Args(("customer", "customer#42")));

        Assert.Equal("orders-for-customer", plan.TemplateName);
        Assert.Equal(("orders", 3, "segments/orders.yaml"), (plan.Segment, plan.SegmentVersion, plan.SegmentSource));
        Assert.Equal(("Orders", (string?)null, QueryOperation.Query), (plan.Table, plan.Index, plan.Operation));
        Assert.Equal("#k0 = :v0 AND begins_with(#k1, :v1)", plan.KeyConditionExpression);
        Assert.Null(plan.FilterExpression); // the optional status filter was left out, and so is its name
        Assert.Equal("#a0, #a1, #k0, #k1", plan.ProjectionExpression);
        Assert.Equal(
            new Dictionary<string, string> { ["#k0"] = "pk", ["#k1"] = "sk", ["#a0"] = "status", ["#a1"] = "total" },
            plan.ExpressionAttributeNames);
        Assert.Equal(
            new Dictionary<string, QueryValue> { [":v0"] = new(ParameterType.Text, "customer#42"), [":v1"] = new(ParameterType.Text, "order#") },
            plan.ExpressionAttributeValues);
        Assert.Null(plan.Key);
        Assert.False(plan.ConsistentRead);
        Assert.Equal((100, 5, 500.0, (int?)null), (plan.PageSize, plan.PageLimit, plan.ReadCeiling, plan.ScanSegments));
        Assert.Equal(178, plan.PageWorstCase);
        Assert.Equal(500, plan.RunWorstCase);
        Assert.Equal(new Dictionary<string, string> { ["customer"] = "customer#42", ["since"] = "order#" }, plan.AuditParameters);
        Assert.Matches("^[0-9a-f]{64}$", plan.TemplateHash);
    }

    [Fact]
    public void A_given_filter_parameter_adds_its_condition()
    {
        QueryPlan plan = QueryPlanner.Plan(Catalog(), "orders-for-customer", Args(("customer", "customer#42"), ("status", "PENDING"), ("since", "order#2026")));

        Assert.Equal("#a0 = :v2", plan.FilterExpression);
        Assert.Equal("status", plan.ExpressionAttributeNames["#a0"]);
        Assert.Equal(new QueryValue(ParameterType.Text, "PENDING"), plan.ExpressionAttributeValues[":v2"]);
        Assert.Equal("order#2026", plan.ExpressionAttributeValues[":v1"].Text);
    }

    [Fact]
    public void A_GetItem_carries_the_full_key_and_no_expressions()
    {
        QueryPlan plan = QueryPlanner.Plan(Catalog(), "order-by-id", Args(("customer", "customer#1"), ("order", "order#9")));

        Assert.Equal(QueryOperation.GetItem, plan.Operation);
        Assert.Equal(
            new Dictionary<string, QueryValue> { ["pk"] = new(ParameterType.Text, "customer#1"), ["sk"] = new(ParameterType.Text, "order#9") },
            plan.Key);
        Assert.Empty(plan.Expressions);
        Assert.Empty(plan.ExpressionAttributeNames);
        Assert.Empty(plan.ExpressionAttributeValues);
        Assert.True(plan.ConsistentRead);
        Assert.Equal((1, 1, 100.0, 100.0), (plan.PageSize, plan.PageLimit, plan.PageWorstCase, plan.RunWorstCase));
    }

    [Fact]
    public void A_GSI_read_is_eventually_consistent_whatever_the_template_asks()
    {
        QueryPlan plan = QueryPlanner.Plan(Catalog(), "orders-by-status", Args(("status", "STUCK"), ("from", "2026-01"), ("to", "2026-02")));

        Assert.Equal("ByStatus", plan.Index);
        Assert.False(plan.ConsistentRead);
        Assert.Equal("#k0 = :v0 AND #k1 BETWEEN :v1 AND :v2", plan.KeyConditionExpression);
        Assert.Equal(new Dictionary<string, string> { ["#k0"] = "status", ["#k1"] = "createdAt" }, plan.ExpressionAttributeNames);
        Assert.Equal(178, plan.PageWorstCase);
        Assert.Equal(300, plan.RunWorstCase);
    }

    [Fact]
    public void An_LSI_read_may_be_strongly_consistent_numbers_are_N_flags_BOOL_and_sensitive_values_are_masked()
    {
        QueryPlan plan = QueryPlanner.Plan(Catalog(), "big-orders", Args(("customer", "customer#1"), ("email", "a@example.com"), ("gift", "True")));

        Assert.True(plan.ConsistentRead);
        Assert.Equal("#k0 = :v0 AND #k1 >= :v1", plan.KeyConditionExpression);
        Assert.Equal("#a0 = :v2 AND #a1 = :v3", plan.FilterExpression);
        Assert.Equal(new QueryValue(ParameterType.Number, "100"), plan.ExpressionAttributeValues[":v1"]);
        Assert.Equal("N", plan.ExpressionAttributeValues[":v1"].DynamoType);
        Assert.Equal(new QueryValue(ParameterType.Text, "a@example.com", Sensitive: true), plan.ExpressionAttributeValues[":v2"]);
        Assert.Equal(new QueryValue(ParameterType.Flag, "true"), plan.ExpressionAttributeValues[":v3"]);
        Assert.Equal("BOOL", plan.ExpressionAttributeValues[":v3"].DynamoType);
        Assert.Equal(QueryPlanner.Masked, plan.AuditParameters["email"]);
        Assert.Equal("customer#1", plan.AuditParameters["customer"]);
        Assert.Equal(356, plan.PageWorstCase);
        Assert.Equal(400, plan.RunWorstCase);
    }

    [Fact]
    public void A_bounded_scan_has_its_segments_and_filter_and_no_key_condition()
    {
        QueryPlan plan = QueryPlanner.Plan(Catalog(), "stuck-orders-scan", Args(("minTotal", "1e3")));

        Assert.Equal(QueryOperation.Scan, plan.Operation);
        Assert.Null(plan.KeyConditionExpression);
        Assert.Equal("#a0 = :v0 AND #a1 > :v1", plan.FilterExpression);
        Assert.Equal(2, plan.ScanSegments);
        Assert.Equal(712, 4 * plan.PageWorstCase);
        Assert.Equal(712, plan.RunWorstCase);
    }

    [Fact]
    public void On_a_key_prefix_segment_a_key_inside_the_prefix_is_planned()
    {
        QueryPlan plan = QueryPlanner.Plan(Catalog(), "acme-orders", Args(("tenantCustomer", "tenant#acme#7")));

        Assert.Equal("#k0 = :v0", plan.KeyConditionExpression);
        Assert.Null(plan.FilterExpression);
        Assert.Equal("tenant#acme#7", plan.ExpressionAttributeValues[":v0"].Text);
    }

    [Fact]
    public void On_a_key_prefix_segment_a_key_outside_the_prefix_is_refused_naming_the_prefix()
    {
        AutomationException error = Refused("acme-orders", ("tenantCustomer", "tenant#globex#7"));

        AssertInvalidInput(error, "$.parameters.tenantCustomer", "'tenant#acme'", "Orders[tenant#acme*]");
    }

    [Fact]
    public void On_a_key_prefix_segment_a_scan_filters_on_the_prefix()
    {
        QueryPlan plan = QueryPlanner.Plan(Catalog(), "acme-scan", Args());

        Assert.Equal("begins_with(#k0, :v0)", plan.FilterExpression);
        Assert.Equal("pk", plan.ExpressionAttributeNames["#k0"]);
        Assert.Equal(new QueryValue(ParameterType.Text, "tenant#acme"), plan.ExpressionAttributeValues[":v0"]);
    }

    [Fact]
    public void An_unknown_template_is_refused_on_template_suggesting_near_names()
    {
        AutomationException error = Refused("orders-for-custmer");

        AssertInvalidInput(error, "$.template", "'orders-for-custmer'", "did you mean 'orders-for-customer'");
    }

    [Fact]
    public void An_unknown_template_with_no_near_name_lists_the_templates()
    {
        AutomationException error = Refused("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz");

        AssertInvalidInput(error, "$.template", "known templates: acme-orders, acme-scan, big-orders");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_missing_template_name_is_refused(string name) =>
        AssertInvalidInput(Refused(name), "$.template", "is required");

    [Fact]
    public void An_unknown_parameter_is_refused_listing_the_known_ones() =>
        AssertInvalidInput(
            Refused("orders-for-customer", ("customer", "customer#1"), ("limit", "10")),
            "$.parameters.limit",
            "not a parameter of template 'orders-for-customer'",
            "customer, since, status");

    [Fact]
    public void A_missing_required_parameter_is_refused() =>
        AssertInvalidInput(Refused("orders-for-customer", ("since", "x")), "$.parameters.customer", "is required");

    [Fact]
    public void A_null_required_parameter_is_missing() =>
        AssertInvalidInput(Refused("orders-for-customer", ("customer", null)), "$.parameters.customer", "is required");

    [Theory]
    [InlineData("customer#")]
    [InlineData("customer#12a")]
    [InlineData("xcustomer#12")]
    [InlineData("customer#12\n")]
    public void A_value_must_match_the_whole_pattern(string value) =>
        AssertInvalidInput(Refused("orders-for-customer", ("customer", value)), "$.parameters.customer", "must match the pattern customer#[0-9]+");

    [Fact]
    public void A_value_not_allowed_is_refused_listing_the_allowed() =>
        AssertInvalidInput(
            Refused("orders-for-customer", ("customer", "customer#1"), ("status", "pending")),
            "$.parameters.status",
            "must be one of PENDING, SHIPPED",
            "'pending'");

    [Theory]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("+1")]
    [InlineData("1e")]
    [InlineData(" 1")]
    [InlineData("")]
    [InlineData("NaN")]
    [InlineData("123456789012345678901234567890123456789")]
    [InlineData("1e126")]
    [InlineData("1e-131")]
    public void A_mistyped_number_is_refused(string value) =>
        AssertInvalidInput(Refused("big-orders", ("customer", "customer#1"), ("minTotal", value)), "$.parameters.minTotal", "must be a number");

    [Theory]
    [InlineData("0")]
    [InlineData("-1.5")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("12345678901234567890123456789012345678")]
    [InlineData("1000000000000000000000000000000000000000000")]
    [InlineData("9.9999999999999999999999999999999999999E+125")]
    [InlineData("1E-130")]
    [InlineData("0.000e999999999999")]
    public void DynamoDB_numbers_are_accepted(string value) =>
        Assert.True(QueryPlanner.IsDynamoDbNumber(value), value);

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    public void A_mistyped_flag_is_refused(string value) =>
        AssertInvalidInput(Refused("big-orders", ("customer", "customer#1"), ("gift", value)), "$.parameters.gift", "must be true or false");

    [Fact]
    public void An_empty_string_is_refused() =>
        AssertInvalidInput(Refused("orders-for-customer", ("customer", "customer#1"), ("since", "")), "$.parameters.since", "must not be empty");

    [Fact]
    public void A_between_with_one_bound_given_is_refused_on_the_other() =>
        AssertInvalidInput(Refused("orders-by-status", ("status", "STUCK"), ("from", "2026")), "$.parameters.to", "BETWEEN needs both bounds");

    [Fact]
    public void A_between_with_no_bound_drops_the_sort_key_condition_and_its_names()
    {
        QueryPlan plan = QueryPlanner.Plan(Catalog(), "orders-by-status", Args(("status", "STUCK")));

        Assert.Equal("#k0 = :v0", plan.KeyConditionExpression);
        Assert.Equal(["#k0"], plan.ExpressionAttributeNames.Keys);
        Assert.Equal([":v0"], plan.ExpressionAttributeValues.Keys);
    }

    [Fact]
    public void A_sensitive_value_never_shows_in_an_error()
    {
        AutomationException error = Assert.Throws<AutomationException>(() => QueryPlanner.Plan(
            BigOrders with { Parameters = [.. BigOrders.Parameters.Select(p => p.Name == "email" ? p with { Pattern = "[a-z]+@corp" } : p)] },
            Orders(),
            Args(("customer", "customer#1"), ("email", "someone@example.com"))));

        AssertInvalidInput(error, "$.parameters.email", "must match");
        Assert.DoesNotContain("someone@example.com", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catastrophic_pattern_times_out_as_invalid_input()
    {
        QueryTemplate slow = AcmeOrders with { Parameters = [Text("tenantCustomer", required: true, pattern: "(a+)+b")] };

        AutomationException error = Assert.Throws<AutomationException>(() =>
            QueryPlanner.Plan(slow, Acme("a", slow), Args(("tenantCustomer", new string('a', 5000) + "c"))));

        AssertInvalidInput(error, "$.parameters.tenantCustomer", "within 100 ms");
    }

    [Fact]
    public void A_pattern_that_does_not_compile_is_a_runbook_config_error()
    {
        QueryTemplate broken = AcmeOrders with { Parameters = [Text("tenantCustomer", required: true, pattern: "([")] };

        AutomationException error = Assert.Throws<AutomationException>(() => QueryPlanner.Plan(broken, Acme("t", broken), Args(("tenantCustomer", "tx"))));

        Assert.Equal(ErrorTypes.InvalidRunbookConfig, error.ErrorType);
        Assert.Equal("queries[0].parameters.tenantCustomer.pattern", error.Field);
        Assert.StartsWith("segments/acme.yaml: queries[0].parameters.tenantCustomer.pattern:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("index")]
    [InlineData("partitionKey")]
    [InlineData("sortKey")]
    [InlineData("scan")]
    [InlineData("keyType")]
    public void A_template_that_should_have_failed_lint_is_a_runbook_config_error_naming_the_field(string fault)
    {
        QueryTemplate broken = fault switch
        {
            "index" => OrdersForCustomer with { Index = "ByNothing" },
            "partitionKey" => OrdersForCustomer with { PartitionKeyParameter = "nobody" },
            "sortKey" => OrderById with { SortKey = new SortKeyCondition(ConditionOperator.BeginsWith, "order", null) },
            "scan" => StuckScan with { Scan = null },
            _ => BigOrders with { SortKey = new SortKeyCondition(ConditionOperator.GreaterThanOrEqual, "email", null) },
        };
        (string Field, (string, string?)[] Args) expected = fault switch
        {
            "index" => ("queries[0].index", [("customer", "customer#1")]),
            "partitionKey" => ("queries[0].partitionKey", [("customer", "customer#1")]),
            "sortKey" => ("queries[0].sortKey", [("customer", "customer#1"), ("order", "o")]),
            "scan" => ("queries[0].scan", []),
            _ => ("queries[0].sortKey.parameter", [("customer", "customer#1"), ("email", "e")]),
        };
        string field = expected.Field;

        AutomationException error = Assert.Throws<AutomationException>(() => QueryPlanner.Plan(broken, Orders(broken), Args(expected.Args)));

        Assert.Equal(ErrorTypes.InvalidRunbookConfig, error.ErrorType);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void The_template_hash_is_stable_and_changes_with_the_template()
    {
        string hash = QueryPlanner.TemplateHash(OrdersForCustomer);

        Assert.Equal(hash, QueryPlanner.TemplateHash(OrdersForCustomer with { Parameters = [.. OrdersForCustomer.Parameters] }));
        Assert.NotEqual(hash, QueryPlanner.TemplateHash(OrdersForCustomer with { ReadCeiling = 501 }));
        Assert.Equal(hash, QueryPlanner.Plan(Catalog(), "orders-for-customer", Args(("customer", "customer#1"))).TemplateHash);
    }

    [Fact]
    public void A_plan_survives_the_JSON_round_trip()
    {
        QueryPlan plan = QueryPlanner.Plan(Catalog(), "big-orders", Args(("customer", "customer#1"), ("email", "a@example.com")));

        string json = JsonSerializer.Serialize(plan, CoreJsonContext.Default.QueryPlan);
        QueryPlan back = JsonSerializer.Deserialize(json, CoreJsonContext.Default.QueryPlan)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, CoreJsonContext.Default.QueryPlan));
        Assert.Contains("\"operation\":\"Query\"", json, StringComparison.Ordinal);
        Assert.Contains("\":v0\":{\"type\":\"Text\",\"text\":\"customer#1\",\"sensitive\":false", json, StringComparison.Ordinal);
        Assert.True(back.Attributes.IsSensitive("email"));
    }
}
