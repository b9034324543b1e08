using Automation.Core.Runbooks;

using static Automation.Core.Tests.Runbooks.RunbookFolders;

namespace Automation.Core.Tests.Runbooks;

/// <summary>
/// Lint rules that need more than one segment file (overlapping segments that disagree, duplicate names), the scope of
/// index and key-prefix segments, defaults.yaml, the guardrails sections and the folder itself.
/// </summary>
public class RunbookFolderLintTests
{
    private const string AcmeQuery = """
        queries:
          - name: acme
            description: d
            operation: Query
            partitionKey: pk
            pageSize: 10
            pageLimit: 1
            readCeiling: 200
            parameters:
              pk: {type: string, required: true}
        """;

    private static void AssertOnly(RunbookLintResult result, string file, string path, int line, string message)
    {
        string all = string.Join("\n", result.Errors);
        Assert.True(result.Errors.Count == 1, $"expected one error, got:\n{all}");
        ConfigError error = result.Errors[0];
        Assert.Equal((file, path, line), (error.File, error.Path, error.Line));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TemplateNamesAreUniqueAcrossAllSegments()
    {
        string acme = Segment("acme", "{table: Orders, keyPrefix: \"tenant#acme\"}", AcmeQuery.Replace("name: acme", "name: orders-for-customer", StringComparison.Ordinal));

        AssertOnly(Lint(("orders", Orders), ("acme", acme)), "segments/orders.yaml", "queries[0].name", 13, "template 'orders-for-customer' is already declared in segments/acme.yaml (line 11): template names are unique across all segments");
    }

    [Fact]
    public void TwoFilesMayNotCoverTheSameScope()
    {
        AssertOnly(Lint(("a", Segment("a", "{table: Orders, index: ByStatus}")), ("b", Segment("b", "{index: ByStatus, table: Orders}"))),
            "segments/b.yaml", "covers", 5, "segments/a.yaml already covers Orders/ByStatus: one segment file per table, index or key prefix");
    }

    [Fact]
    public void SegmentsOfATableMustDeclareTheSameKeys()
    {
        string other = Segment("status", "{table: Orders, index: ByStatus}").Replace("{name: sk, type: S}", "{name: sk, type: N}", StringComparison.Ordinal);

        AssertOnly(Lint(("orders", Orders), ("status", other)), "segments/status.yaml", "schema.partitionKey", 7,
            "table 'Orders' has keys pk (S) / sk (S) in segments/orders.yaml, pk (S) / sk (N) here: every segment of a table must declare the same keys");
    }

    [Fact]
    public void SegmentsOfATableMustAgreeOnAnIndex()
    {
        string other = Segment("status", "{table: Orders, index: ByStatus}",
            indexes: "[{name: ByStatus, partitionKey: {name: status, type: S}, sortKey: {name: createdAt, type: S}}, {name: ByCustomer, partitionKey: {name: customerId, type: S}}]");

        AssertOnly(Lint(("orders", Orders), ("status", other)), "segments/status.yaml", "schema.indexes[1]", 9,
            "index 'ByCustomer' of table 'Orders' is declared differently in segments/orders.yaml (global, customerId (S) / createdAt (S); here global, customerId (S)): segments of a table must agree on it");
    }

    [Fact]
    public void AKeyPrefixNeedsAStringPartitionKey()
    {
        string table = Segment("numbers", "{table: Numbers, keyPrefix: \"1\"}").Replace("{name: pk, type: S}", "{name: pk, type: N}", StringComparison.Ordinal);
        string index = Segment("status", "{table: Orders, index: ByStatus, keyPrefix: \"1\"}").Replace("{name: status, type: S}", "{name: status, type: N}", StringComparison.Ordinal);

        AssertOnly(Lint(("numbers", table)), "segments/numbers.yaml", "covers.keyPrefix", 5, "a key prefix needs a string partition key; 'pk' is N");
        AssertOnly(Lint(("status", index)), "segments/status.yaml", "covers.keyPrefix", 5, "a key prefix needs a string partition key; 'status' is N");
    }

    [Fact]
    public void KeyPrefixTemplatesBindThePartitionKeyOfTheTableAndStayInsideThePrefix()
    {
        const string covers = "{table: Orders, keyPrefix: \"tenant#acme\"}";
        Assert.True(Lint(("acme", Segment("acme", covers, AcmeQuery))).IsValid);

        AssertOnly(Lint(("acme", Segment("acme", covers, AcmeQuery.Replace("partitionKey: pk", "index: ByStatus\n    partitionKey: status", StringComparison.Ordinal).Replace("pk: {", "status: {", StringComparison.Ordinal)))),
            "segments/acme.yaml", "queries[0].index", 14, "segment 'acme' covers Orders[tenant#acme*]: its templates read the table (no index) only");
        AssertOnly(Lint(("acme", Segment("acme", covers, AcmeQuery.Replace("required: true", "default: \"tenant#other#1\"", StringComparison.Ordinal)))),
            "segments/acme.yaml", "queries[0].parameters.pk.default", 19, "'tenant#other#1' is outside the segment: a partition key here starts with 'tenant#acme'");
        AssertOnly(Lint(("acme", Segment("acme", covers, AcmeQuery.Replace("{type: string, required: true}", "{type: string, allowed: [\"tenant#acme#1\", \"tenant#x\"], default: \"tenant#acme#1\"}", StringComparison.Ordinal)))),
            "segments/acme.yaml", "queries[0].parameters.pk.allowed[1]", 19, "'tenant#x' is outside the segment");

        string scan = AcmeQuery.Replace("operation: Query\n    partitionKey: pk", "operation: Scan\n    scan: {bounded: true, segments: 1}", StringComparison.Ordinal)
            .Replace("    parameters:\n      pk: {type: string, required: true}", string.Empty, StringComparison.Ordinal);
        AssertOnly(Lint(("acme", Segment("acme", covers, scan))), "segments/acme.yaml", "queries[0].operation", 13, "a Scan reads every partition key: a key-prefix segment's templates bind the partition key");
    }

    [Fact]
    public void IndexSegmentTemplatesReadTheirIndex()
    {
        AssertOnly(Lint(("status", Segment("status", "{table: Orders, index: ByStatus}", AcmeQuery))), "segments/status.yaml", "queries[0].index", 11,
            "segment 'status' covers Orders/ByStatus: its templates read index 'ByStatus' only");
    }

    [Fact]
    public void ReservedSectionsMayBeEmptyAndAccessMayBeGivenWithoutAValue()
    {
        Assert.True(Lint(("orders", OrdersWith("owner: team-orders", "owner: team-orders\naccess:\nalarms: {}"))).IsValid);
    }

    [Fact]
    public void OnlyDefaultsYamlAndSegmentFilesBelongInTheFolder()
    {
        RunbookLintResult result = RunbookCatalogParser.Lint([
            new RunbookFile("defaults.yaml", Defaults),
            new RunbookFile("guardrails.yaml", "version: 1\n"),
            new RunbookFile("segments/deep/orders.yaml", Orders),
            new RunbookFile("segments/orders.yml", Orders),
        ]);

        Assert.Equal(["guardrails.yaml", "segments/deep/orders.yaml", "segments/orders.yml"], result.Errors.Select(e => e.File));
        Assert.All(result.Errors, e => Assert.Equal(("(file)", 0), (e.Path, e.Line)));
        Assert.Contains("not a runbook file: the runbooks folder holds defaults.yaml and segments/<segment>.yaml only", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultsYamlIsRequired()
    {
        RunbookLintResult result = RunbookCatalogParser.Lint([new RunbookFile("segments/orders.yaml", Orders)]);

        ConfigError error = Assert.Single(result.Errors);
        Assert.Equal(("defaults.yaml", "(file)"), (error.File, error.Path));
        Assert.Contains("needs defaults.yaml", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("defaults: {}\n", "version", 1, "required: the config version")]
    [InlineData("version: 1\nsegments: []\n", "segments", 2, "unknown field; expected one of: version, defaults, pricing, queries")]
    [InlineData("version: 1\nqueries: {maxReadCeiling: 0}\n", "queries.maxReadCeiling", 2, "must be between 0.5 and 1000000")]
    [InlineData("version: 1\nqueries: {maxPageSise: 10}\n", "queries.maxPageSise", 2, "expected one of: maxReadCeiling, maxPageSize, maxPageLimit")]
    [InlineData("version: 1\ndefaults:\n  capacity:\n    headrom: 1.5\n", "defaults.capacity.headrom", 4, "unknown field")]
    [InlineData("version: 1\ndefaults:\n  onDemand: {switchFromProvisioned: sometimes}\n", "defaults.onDemand.switchFromProvisioned", 3, "never, whenCapped, preferred")]
    [InlineData("version: 1\npricing: {hoursPerMonth: 0}\n", "pricing.hoursPerMonth", 2, "between 1 and 744")]
    [InlineData("version: [1\n", "(document)", 0, "not valid YAML")]
    [InlineData("", "(document)", 0, "the file is empty")]
    public void DefaultsYamlIsCheckedFieldByField(string defaults, string path, int line, string message)
    {
        AssertOnly(RunbookCatalogParser.Lint(Folder(defaults)), "defaults.yaml", path, line, message);
    }

    [Theory]
    [InlineData("guardrails:\n  capacity: {maxWriteCapacityUnits: 0}\n", "guardrails.capacity.maxWriteCapacityUnits", 11, "between 1 and")]
    [InlineData("guardrails:\n  capacty: {maxWriteCapacityUnits: 10}\n", "guardrails.capacty", 11, "unknown field; expected one of: capacity, onDemand")]
    [InlineData("guardrails:\n  sharding: {minShards: 40}\n", "guardrails.sharding.maxShards", 11, "must be at least minShards (40), got 32 after inheriting")]
    [InlineData("guardrails: [dryRun]\n", "guardrails", 10, "must be a mapping")]
    public void SegmentGuardrailsAreCheckedLikeTheDefaults(string body, string path, int line, string message)
    {
        AssertOnly(Lint(("orders", Segment("orders", "{table: Orders}", body))), "segments/orders.yaml", path, line, message);
    }

    [Fact]
    public void OnlyTheDefaultsAndTableSegmentsSetTheCostCap()
    {
        const string cap = "guardrails:\n  capacity: {maxMonthlyCostUsd: 100}\n";
        Assert.True(Lint(("orders", Segment("orders", "{table: Orders}", cap))).IsValid);

        AssertOnly(Lint(("status", Segment("status", "{table: Orders, index: ByStatus}", cap))), "segments/status.yaml", "guardrails.capacity.maxMonthlyCostUsd", 11,
            "only the defaults or a table segment may set the cost cap");
    }

    [Fact]
    public void ABrokenFileIsReportedWithoutHidingTheOthers()
    {
        RunbookLintResult result = Lint(("broken", "segment: [broken\n"), ("orders", OrdersWith("pageLimit: 5", "pageLimit: 0")));

        Assert.Equal([("segments/broken.yaml", "(document)"), ("segments/orders.yaml", "queries[0].pageLimit")], result.Errors.Select(e => (e.File!, e.Path)));
    }
}
