using Automation.Core.Guardrails;
using Automation.Core.Queries;
using Automation.Core.Runbooks;
using Automation.Core.Segments;

using static Automation.Core.Tests.Runbooks.RunbookFolders;

namespace Automation.Core.Tests.Runbooks;

/// <summary>Good folders: what the parser makes of them. The lint rules, one test each, are in <see cref="RunbookLintTests"/>.</summary>
public class RunbookCatalogParserTests
{
    [Fact]
    public void EveryFileOfTheRepositoryRunbooksFolderLintsClean()
    {
        RunbookLintResult result = RunbookCatalogParser.Lint(Repository());

        Assert.True(result.IsValid, "runbooks/ has lint errors (make lint-runbooks):\n" + string.Join("\n", result.Errors));
        // In file-path order ('-' sorts before '.').
        Assert.Equal(["orders-by-status", "orders-tenant-acme", "orders", "sessions-dry-run"], result.Catalog!.Segments.Select(s => s.Name));
    }

    [Fact]
    public void TheRepositoryCatalogHoldsTheSampleSegmentsAndTemplates()
    {
        SegmentCatalog catalog = RunbookCatalogParser.Parse(Repository());

        SegmentDefinition orders = catalog.Segments.Single(s => s.Name == "orders");
        Assert.Equal(("segments/orders.yaml", "team-orders", 4), (orders.Source, orders.Owner, orders.Version));
        Assert.Equal(new SegmentScope("Orders", null, null), orders.Covers);
        Assert.Equal(new KeySchema(new KeyElement("pk", KeyAttributeType.S), new KeyElement("sk", KeyAttributeType.S)), orders.Schema.Keys);
        Assert.Equal(["ByCustomer", "ByStatus"], orders.Schema.Indexes.Select(i => i.Name));
        Assert.Equal(["email", "phone"], orders.Attributes.Sensitive);

        (QueryTemplate template, SegmentDefinition segment) = catalog.FindTemplate("orders-for-customer")!.Value;
        Assert.Same(orders, segment);
        Assert.Equal((QueryOperation.Query, "ByCustomer", "customerId", "team-orders"), (template.Operation, template.Index, template.PartitionKeyParameter, template.Owner));
        Assert.Equal(new SortKeyCondition(ConditionOperator.GreaterThanOrEqual, "since", null), template.SortKey);
        Assert.Equal((100, 5, 500.0, false), (template.PageSize, template.PageLimit, template.ReadCeiling, template.ConsistentRead));
        QueryParameter customer = template.Parameters.Single(p => p.Name == "customerId");
        Assert.Equal((ParameterType.Text, true, "customer#[0-9]+"), (customer.Type, customer.Required, customer.Pattern));

        QueryTemplate byId = catalog.FindTemplate("order-by-id")!.Value.Template;
        Assert.Equal((QueryOperation.GetItem, true, 1, 1), (byId.Operation, byId.ConsistentRead, byId.PageSize, byId.PageLimit));
        Assert.Equal(new SortKeyCondition(ConditionOperator.Equal, "sk", null), byId.SortKey);

        QueryTemplate inStatus = catalog.FindTemplate("orders-in-status")!.Value.Template;
        Assert.Equal(new SortKeyCondition(ConditionOperator.Between, "from", "to"), inStatus.SortKey);
        Assert.Equal(["PENDING", "PAID", "SHIPPED", "CANCELLED"], inStatus.Parameters.Single(p => p.Name == "status").Allowed);

        QueryTemplate acme = catalog.FindTemplate("acme-orders")!.Value.Template;
        Assert.Equal([new FilterCondition("total", ConditionOperator.GreaterThanOrEqual, "minTotal", null)], acme.Filter);
        Assert.Equal((ParameterType.Number, "0"), acme.Parameters.Single(p => p.Name == "minTotal") is var m ? (m.Type, m.Default) : default);

        QueryTemplate scan = catalog.FindTemplate("sessions-sample")!.Value.Template;
        Assert.Equal((QueryOperation.Scan, new ScanBounds(2), (string?)null), (scan.Operation, scan.Scan, scan.PartitionKeyParameter));
        Assert.Equal([new FilterCondition("expiresAt", ConditionOperator.AttributeExists, null, null)], scan.Filter);
        Assert.Empty(scan.Parameters);

        Assert.Null(catalog.FindTemplate("no-such-template"));
        Assert.Equal(QueryLimits.Default, catalog.Limits);
    }

    [Fact]
    public void SensitiveAttributesAreInheritedByTheIndexAndKeyPrefixSegmentsOfTheTable()
    {
        SegmentCatalog catalog = RunbookCatalogParser.Parse(Repository());

        Assert.Equal(["email", "phone"], catalog.Segments.Single(s => s.Name == "orders-tenant-acme").Attributes.Sensitive);
        Assert.Equal(["email", "phone"], catalog.Segments.Single(s => s.Name == "orders-by-status").Attributes.Sensitive);
        Assert.Empty(catalog.Segments.Single(s => s.Name == "sessions-dry-run").Attributes.Sensitive);
    }

    [Fact]
    public void SegmentForPicksTheMostSpecificSegment()
    {
        SegmentCatalog catalog = RunbookCatalogParser.Parse(Repository());

        Assert.Equal("orders", catalog.SegmentFor("Orders")!.Name);
        Assert.Equal("orders-tenant-acme", catalog.SegmentFor("Orders", null, "tenant#acme#1")!.Name);
        Assert.Equal("orders-by-status", catalog.SegmentFor("Orders", "ByStatus")!.Name);
        Assert.Null(catalog.SegmentFor("Invoices"));
    }

    [Fact]
    public void AMinimalFolderIsTheBuiltInDefaultsWithoutSegments()
    {
        SegmentCatalog catalog = Parse();

        Assert.Equal(1, catalog.Version);
        Assert.Equal(new GuardrailPolicy(1, GuardrailSettings.Default, PricingAssumptions.Default, []), catalog.Guardrails with { Segments = [] });
        Assert.Empty(catalog.Guardrails.Segments);
        Assert.Empty(catalog.Segments);
    }

    [Fact]
    public void DefaultsYamlSetsTheQueryLimitsThatTemplatesAreCheckedAgainst()
    {
        var files = Folder("version: 3\nqueries: {maxReadCeiling: 400, maxPageSize: 50, maxPageLimit: 2}\n", ("orders", Orders));

        RunbookLintResult result = RunbookCatalogParser.Lint(files);

        Assert.Equal(["queries[0].pageSize", "queries[0].pageLimit", "queries[0].readCeiling"], result.Errors.Select(e => e.Path));
        Assert.Contains("above queries.maxPageSize of defaults.yaml (50)", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(new QueryLimits(400, 50, 2), RunbookCatalogParser.Parse(Folder("version: 3\nqueries: {maxReadCeiling: 400, maxPageSize: 50, maxPageLimit: 2}\n")).Limits);
    }

    [Fact]
    public void GuardrailOverridesResolveAcrossFilesWhateverTheirOrder()
    {
        string byStatus = Segment("a-by-status", "{table: Orders, index: ByStatus}", "guardrails: {capacity: {maxWriteCapacityUnits: 3000}}\n");
        string open = Segment("a-open", "{table: Orders, index: ByStatus, keyPrefix: OPEN}", "guardrails: {sharding: {maxShards: 12}}\n");
        string table = Segment("z-orders", "{table: Orders}", "guardrails: {capacity: {headroom: 1.6}, dryRun: true}\n");

        SegmentCatalog catalog = Parse(("a-by-status", byStatus), ("a-open", open), ("z-orders", table));

        GuardrailSettings resolved = catalog.Guardrails.For("Orders", "ByStatus", "OPEN#1");
        Assert.Equal((12, 3000L, 1.6, true), (resolved.Sharding.MaxShards, resolved.Capacity.MaxWriteCapacityUnits, resolved.Capacity.Headroom, resolved.DryRun));
        Assert.Equal(resolved, catalog.Segments.Single(s => s.Name == "a-open").Guardrails);
        Assert.Equal(IndexKind.Global, catalog.Segments[0].Schema.Indexes[0].Kind); // kind defaults to global
    }

    [Fact]
    public void ErrorsNameTheirFileAndPrintCompilerStyle()
    {
        var error = new ConfigError("queries[0].pageLimit", 12, "required: the pages a run reads at most", "segments/x.yaml");

        Assert.Equal("segments/x.yaml:12: queries[0].pageLimit: required: the pages a run reads at most", error.ToString());
        Assert.Equal("segments/x.yaml: (file): not a runbook file", (error with { Path = "(file)", Line = 0, Message = "not a runbook file" }).ToString());
        Assert.Equal("version (line 3): required", new ConfigError("version", 3, "required").ToString());
    }

    [Fact]
    public void ParseThrowsOneExceptionListingEveryFilesProblems()
    {
        var files = Folder("version: 0\n", ("orders", OrdersWith("pageLimit: 5", "pageLimit: none")), ("other", "segment: other\n"));

        RunbookConfigException error = Assert.Throws<RunbookConfigException>(() => RunbookCatalogParser.Parse(files, "runbooks/"));

        Assert.Equal(Errors.ErrorTypes.InvalidRunbookConfig, error.ErrorType);
        Assert.Equal(["defaults.yaml", "segments/orders.yaml", "segments/other.yaml"], error.Errors.Select(e => e.File).Distinct());
        Assert.StartsWith($"runbooks/ is invalid ({error.Errors.Count} problems):", error.Message, StringComparison.Ordinal);
        Assert.Contains("segments/orders.yaml:19: queries[0].pageLimit: must be a whole number (got 'none')", error.Message, StringComparison.Ordinal);
        Assert.Equal("version", error.Field);
    }
}
