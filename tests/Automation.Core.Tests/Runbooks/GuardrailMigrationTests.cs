using Automation.Core.Guardrails;
using Automation.Core.Runbooks;
using Automation.Core.Segments;

namespace Automation.Core.Tests.Runbooks;

/// <summary>
/// runbooks/guardrails.yaml (version 1, kept as Fixtures/guardrails-v1.yaml) became runbooks/defaults.yaml +
/// runbooks/segments/*.yaml: every resolved guardrail value is unchanged.
/// </summary>
public class GuardrailMigrationTests
{
    private static readonly GuardrailPolicy Before = GuardrailConfigParser.Parse(GuardrailConfigParserTests.V1File);
    private static readonly SegmentCatalog After = RunbookCatalogParser.Parse(RunbookFolders.Repository());

    /// <summary>Reads of every segment, of the layers between them, and of keys inside and outside the key prefix.</summary>
    public static TheoryData<string, string?, string?> Reads() => new()
    {
        { "Invoices", null, null },                        // no segment: the defaults
        { "Invoices", "ByDate", "tenant#acme#1" },
        { "Orders", null, null },                          // table segment
        { "Orders", null, "customer#4711" },               // a key outside the prefix: the table segment
        { "Orders", null, "tenant#acme" },                 // the prefix itself
        { "Orders", null, "tenant#acme#eu-1" },            // inside the prefix
        { "Orders", null, "tenant#acm" },                  // one character short: outside
        { "Orders", null, "TENANT#ACME#1" },               // prefixes are case-sensitive
        { "Orders", "ByStatus", null },                    // index segment
        { "Orders", "ByStatus", "PENDING" },
        { "Orders", "ByStatus", "tenant#acme#1" },         // the prefix segment is on the table, not the index
        { "Orders", "ByCustomer", null },                  // an index without a segment: its table's
        { "Orders", "ByCustomer", "tenant#acme#1" },
        { "Sessions", null, null },                        // dry-run segment
        { "Sessions", null, "session#1" },
        { "Sessions", "ByUser", null },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public void EveryResolvedGuardrailIsUnchanged(string table, string? index, string? partitionKey)
    {
        Assert.Equal(Before.For(table, index, partitionKey), After.Guardrails.For(table, index, partitionKey));
        Assert.Equal(Before.SegmentFor(table, index, partitionKey), After.Guardrails.SegmentFor(table, index, partitionKey));
    }

    [Fact]
    public void TheDefaultsPricesAndSegmentsAreTheSame()
    {
        Assert.Equal(Before.Defaults, After.Guardrails.Defaults);
        Assert.Equal(Before.Pricing, After.Guardrails.Pricing);
        Assert.Equal(
            Before.Segments.OrderBy(s => s.Name, StringComparer.Ordinal),
            After.Guardrails.Segments.OrderBy(s => s.Name, StringComparer.Ordinal));

        // One guardrail segment per segment file, named after it, with the file's resolved settings.
        Assert.Equal(After.Segments.Select(s => s.Name), After.Guardrails.Segments.Select(s => s.Name));
        foreach (SegmentDefinition segment in After.Segments)
        {
            Assert.Equal(Before.SegmentFor(segment.Covers.Table, segment.Covers.Index, segment.Covers.KeyPrefix)!.Settings, segment.Guardrails);
        }
    }

    [Fact]
    public void TheVersionIsRaisedBecauseTheLayoutChanged()
    {
        Assert.Equal(1, Before.Version);
        Assert.True(After.Version >= 2, $"the split was version 2; later changes raise it further, got {After.Version}");
        Assert.Equal(After.Version, After.Guardrails.Version);
    }
}
