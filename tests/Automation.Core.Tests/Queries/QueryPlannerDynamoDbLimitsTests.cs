using Automation.Core.Errors;
using Automation.Core.Queries;
using static Automation.Core.Tests.Queries.QuerySamples;

namespace Automation.Core.Tests.Queries;

/// <summary>
/// Values DynamoDB refuses (with a ValidationException that echoes them) are refused by the planner first, as
/// InvalidInput naming the parameter: key values over DynamoDB's key sizes, a BETWEEN whose bounds are reversed.
/// </summary>
public class QueryPlannerDynamoDbLimitsTests
{
    /// <summary>The LSI ByTotal (number sort key) with a BETWEEN on it.</summary>
    private static readonly QueryTemplate TotalBetween = BigOrders with
    {
        Name = "total-between",
        SortKey = new SortKeyCondition(ConditionOperator.Between, "minTotal", "maxTotal"),
        Filter = [],
        Parameters = [Text("customer", required: true), Number("minTotal"), Number("maxTotal")],
    };

    /// <summary>A BETWEEN filter on the sensitive email.</summary>
    private static readonly QueryTemplate EmailBetween = BigOrders with
    {
        Name = "email-between",
        SortKey = null,
        Filter = [new FilterCondition("email", ConditionOperator.Between, "emailFrom", "emailTo")],
        Parameters = [Text("customer", required: true), Text("emailFrom"), Text("emailTo")],
    };

    private static AutomationException Refused(QueryTemplate template, params (string, string?)[] args) =>
        Assert.Throws<AutomationException>(() => QueryPlanner.Plan(template, Orders(template), Args(args)));

    private static QueryPlan Planned(QueryTemplate template, params (string, string?)[] args) =>
        QueryPlanner.Plan(template, Orders(template), Args(args));

    [Fact]
    public void A_reversed_sort_key_between_is_refused_on_the_upper_bound()
    {
        AutomationException error = Refused(OrdersByStatus, ("status", "STUCK"), ("from", "2026-02"), ("to", "2026-01"));

        AssertInvalidInput(error, "$.parameters.to", "below 'from'", "UTF-8 byte order", "'2026-01' < '2026-02'");
    }

    [Fact]
    public void Equal_bounds_are_a_between_DynamoDB_accepts()
    {
        QueryPlan plan = Planned(OrdersByStatus, ("status", "STUCK"), ("from", "2026-02"), ("to", "2026-02"));

        Assert.EndsWith("BETWEEN :v1 AND :v2", plan.KeyConditionExpression, StringComparison.Ordinal);
    }

    [Fact]
    public void Strings_are_ordered_by_their_UTF8_bytes_not_by_UTF16_code_units()
    {
        // U+FFFD is EF BF BD in UTF-8, U+1F600 is F0 9F 98 80: FFFD comes first for DynamoDB. In UTF-16 the emoji's
        // surrogate D83D comes before FFFD, so an ordinal .NET comparison would have them reversed.
        Assert.True(string.CompareOrdinal("\uFFFD", "\U0001F600") > 0);

        Planned(OrdersByStatus, ("status", "STUCK"), ("from", "\uFFFD"), ("to", "\U0001F600"));
        AssertInvalidInput(Refused(OrdersByStatus, ("status", "STUCK"), ("from", "\U0001F600"), ("to", "\uFFFD")), "$.parameters.to");
    }

    [Theory]
    [InlineData("1e3", "999")]
    [InlineData("-5", "-10")]
    [InlineData("0.5", "0.25")]
    [InlineData("1E-7", "0")]
    public void A_reversed_number_between_is_refused_by_value(string low, string high) =>
        AssertInvalidInput(Refused(TotalBetween, ("customer", "customer#1"), ("minTotal", low), ("maxTotal", high)), "$.parameters.maxTotal", "as numbers");

    [Theory]
    [InlineData("9", "10")]
    [InlineData("10", "1e1")]
    [InlineData("-10", "-9.5")]
    [InlineData("-0", "0")]
    [InlineData("999", "1e3")]
    public void An_ordered_number_between_is_planned_whatever_its_text(string low, string high)
    {
        QueryPlan plan = Planned(TotalBetween, ("customer", "customer#1"), ("minTotal", low), ("maxTotal", high));

        Assert.Equal([low, high], plan.ExpressionAttributeValues.Values.Where(v => v.Type == ParameterType.Number).Select(v => v.Text));
    }

    [Fact]
    public void A_reversed_between_filter_is_refused_and_a_sensitive_bound_never_shows()
    {
        AutomationException error = Refused(EmailBetween, ("customer", "customer#1"), ("emailFrom", "zed@corp"), ("emailTo", "amy@corp"));

        AssertInvalidInput(error, "$.parameters.emailTo", "below 'emailFrom'");
        Assert.DoesNotContain("zed@corp", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("amy@corp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_partition_key_value_over_2048_bytes_is_refused_counting_UTF8_bytes()
    {
        string atLimit = new('é', 1024); // 1,024 characters, 2,048 bytes
        Planned(BigOrders, ("customer", atLimit));

        AutomationException error = Refused(BigOrders, ("customer", atLimit + "x"));

        AssertInvalidInput(error, "$.parameters.customer", "2,049 bytes (UTF-8)", "partition key value ('pk') of at most 2,048 bytes");
        Assert.DoesNotContain(atLimit, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sort_key_value_over_1024_bytes_is_refused_in_a_query_and_a_get_item()
    {
        string atLimit = new('x', 1024);
        Planned(OrdersForCustomer, ("customer", "customer#1"), ("since", atLimit));
        Planned(OrderById, ("customer", "customer#1"), ("order", atLimit));

        AssertInvalidInput(Refused(OrdersForCustomer, ("customer", "customer#1"), ("since", atLimit + "€")), "$.parameters.since", "1,027 bytes", "sort key value ('sk') of at most 1,024 bytes");
        AssertInvalidInput(Refused(OrderById, ("customer", "customer#1"), ("order", atLimit + "x")), "$.parameters.order", "1,025 bytes");
    }

    [Fact]
    public void A_long_value_in_a_filter_is_not_a_key_and_is_not_limited()
    {
        Planned(EmailBetween, ("customer", "customer#1"), ("emailFrom", new string('a', 5000)), ("emailTo", new string('b', 5000)));
    }

    [Theory]
    [InlineData("12345678901234567890123456789012345678", 20)]
    [InlineData("1e125", 2)]
    [InlineData("-0.000001", 2)]
    public void A_number_key_is_measured_as_DynamoDB_stores_it_never_as_text(string number, int bytes)
    {
        Assert.Equal(bytes, KeyValues.Bytes(ParameterType.Number, number));
        Assert.True(KeyValues.Bytes(ParameterType.Number, number) <= KeyValues.MaxSortKeyBytes);
    }
}
