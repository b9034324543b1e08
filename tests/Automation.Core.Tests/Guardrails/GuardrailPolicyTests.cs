using Automation.Core.Guardrails;

namespace Automation.Core.Tests.Guardrails;

public class GuardrailPolicyTests
{
    private static GuardrailSettings Marked(int maxShards) =>
        GuardrailSettings.Default with { Sharding = GuardrailSettings.Default.Sharding with { MaxShards = maxShards } };

    private static readonly GuardrailPolicy Policy = TestPolicies.Defaults.WithSegments(
        new GuardrailSegment("orders", "Orders", null, null, Marked(10)),
        new GuardrailSegment("orders-by-status", "Orders", "ByStatus", null, Marked(20)),
        new GuardrailSegment("tenants", "Orders", null, "tenant#", Marked(30)),
        new GuardrailSegment("acme", "Orders", null, "tenant#acme", Marked(40)),
        new GuardrailSegment("status-open", "Orders", "ByStatus", "OPEN", Marked(50)));

    [Theory]
    [InlineData("Orders", null, null, "orders")]
    [InlineData("Orders", "ByCustomer", null, "orders")] // an index without a segment inherits the table's
    [InlineData("Orders", "ByStatus", null, "orders-by-status")]
    [InlineData("Orders", null, "tenant#globex#1", "tenants")]
    [InlineData("Orders", null, "tenant#acme#1", "acme")] // longest prefix wins
    [InlineData("Orders", null, "customer#1", "orders")]
    [InlineData("Orders", "ByStatus", "OPEN", "status-open")]
    [InlineData("Orders", "ByStatus", "tenant#acme", "orders-by-status")] // table prefixes do not apply to an index
    [InlineData("orders", null, null, null)] // table names are case-sensitive
    public void TheMostSpecificSegmentApplies(string table, string? index, string? key, string? expected)
    {
        Assert.Equal(expected, Policy.SegmentFor(table, index, key)?.Name);
    }

    [Fact]
    public void WithoutASegmentTheDefaultsApply()
    {
        Assert.Same(Policy.Defaults, Policy.For("Invoices"));
        Assert.Equal(40, Policy.For("Orders", null, "tenant#acme#9").Sharding.MaxShards);
    }
}
