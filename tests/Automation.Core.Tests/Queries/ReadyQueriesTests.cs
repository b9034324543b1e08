using Automation.Core.Guardrails;
using Automation.Core.Queries;
using Automation.Core.Segments;

using static Automation.Core.Tests.Queries.QuerySamples;

namespace Automation.Core.Tests.Queries;

public class ReadyQueriesTests
{
    private const string Incident = "inc-0123456789abcdef01234567";

    /// <summary>Query on the table's partition key, nothing else required: ready for any key.</summary>
    private static readonly QueryTemplate PartitionItems = new(
        "partition-items", "A partition's items", "team-orders", "orders", QueryOperation.Query, null, "pk",
        null, [], [], false, 100, 3, 300, null, [Text("pk", required: true)]);

    private static SegmentCatalog CatalogWith(params SegmentDefinition[] segments) => new(1, GuardrailPolicy.BuiltIn, QueryLimits.Default, segments);

    [Fact]
    public void A_hot_key_gets_the_template_keyed_on_its_partition_key_with_the_incident()
    {
        var catalog = CatalogWith(Orders(PartitionItems, OrderById));

        var ready = Assert.Single(ReadyQueries.ForHotKeys(catalog, "Orders", null, ["customer#42"], Incident));

        Assert.Equal("partition-items", ready.Template);
        Assert.Equal(new Dictionary<string, string> { ["pk"] = "customer#42" }, ready.Parameters);
        Assert.Equal(Incident, ready.IncidentId);
        Assert.Contains("customer#42", ready.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Templates_that_need_more_than_the_key_a_GetItem_an_index_or_a_scan_are_not_offered()
    {
        // OrderById needs the sort key too; OrdersByStatus reads an index; StuckScan is a Scan.
        var catalog = CatalogWith(Orders(OrderById, OrdersByStatus, StuckScan));

        Assert.Empty(ReadyQueries.ForHotKeys(catalog, "Orders", null, ["customer#42"], Incident));
    }

    [Fact]
    public void A_key_failing_the_parameter_pattern_is_not_offered_that_template()
    {
        // OrdersForCustomer's customer parameter must look like customer#<digits>; its other parameters have defaults.
        var catalog = CatalogWith(Orders(OrdersForCustomer));

        Assert.Single(ReadyQueries.ForHotKeys(catalog, "Orders", null, ["customer#42"], Incident));
        Assert.Empty(ReadyQueries.ForHotKeys(catalog, "Orders", null, ["tenant#acme#1"], Incident));
    }

    [Fact]
    public void A_key_of_a_prefix_segment_gets_that_segments_template_first_and_other_keys_the_table_segments()
    {
        var catalog = CatalogWith(Orders(PartitionItems), Acme());

        var acme = Assert.Single(ReadyQueries.ForHotKeys(catalog, "Orders", null, ["tenant#acme#eu-1"], Incident));
        var other = Assert.Single(ReadyQueries.ForHotKeys(catalog, "Orders", null, ["customer#7"], Incident));

        Assert.Equal("acme-orders", acme.Template);
        Assert.Equal("tenant#acme#eu-1", acme.Parameters["tenantCustomer"]);
        Assert.Equal("partition-items", other.Template);
    }

    [Fact]
    public void Another_table_or_no_segment_gives_nothing_and_suggestions_are_bounded()
    {
        var catalog = CatalogWith(Orders(PartitionItems));
        string[] many = [.. Enumerable.Range(1, 20).Select(i => $"customer#{i}")];

        Assert.Empty(ReadyQueries.ForHotKeys(catalog, "Sessions", null, ["customer#42"], Incident));
        Assert.Equal(ReadyQueries.MaxSuggestions, ReadyQueries.ForHotKeys(catalog, "Orders", null, many, Incident).Count);
    }

    [Fact]
    public void Every_suggestion_plans_with_exactly_its_parameters()
    {
        var catalog = CatalogWith(Orders(PartitionItems, OrdersForCustomer), Acme());

        foreach (var ready in ReadyQueries.ForHotKeys(catalog, "Orders", null, ["customer#1", "tenant#acme#x", "customer#2"], Incident))
        {
            var plan = QueryPlanner.Plan(catalog, ready.Template, ready.Parameters.ToDictionary(p => p.Key, p => (string?)p.Value));
            Assert.Equal("Orders", plan.Table);
        }
    }
}
