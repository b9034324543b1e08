using Automation.Core.Guardrails;
using Automation.Core.Runbooks;
using Automation.Tests.Shared;

namespace Automation.Core.Tests.Runbooks;

/// <summary>The version-1 single-file format (kept to prove the migration; the deployed config is the runbooks folder).</summary>
public class GuardrailConfigParserTests
{
    private static RunbookConfigException Invalid(string yaml) => Assert.Throws<RunbookConfigException>(() => GuardrailConfigParser.Parse(yaml));

    /// <summary>The last runbooks/guardrails.yaml (version 1), kept as a fixture when it became the runbooks folder.</summary>
    internal static string V1File => File.ReadAllText(RepoPaths.Combine("tests", "Automation.Core.Tests", "Runbooks", "Fixtures", "guardrails-v1.yaml"));

    [Fact]
    public void TheVersion1GuardrailsFileParsesAndResolvesItsLayers()
    {
        GuardrailPolicy policy = GuardrailConfigParser.Parse(V1File);

        Assert.Equal(1, policy.Version);
        Assert.Equal(PricingAssumptions.Default, policy.Pricing);
        Assert.Equal(GuardrailSettings.Default, policy.Defaults); // the file spells out the built-in defaults
        GuardrailSettings orders = policy.For("Orders");
        Assert.Equal((20_000L, 6_000.0, OnDemandSwitchPolicy.WhenCapped), (orders.Capacity.MaxWriteCapacityUnits, orders.Capacity.MaxMonthlyCostUsd, orders.OnDemand.SwitchFromProvisioned));
        GuardrailSettings byStatus = policy.For("Orders", "ByStatus");
        Assert.Equal(5_000, byStatus.Capacity.MaxWriteCapacityUnits);
        Assert.Equal(6_000, byStatus.Capacity.MaxMonthlyCostUsd); // inherited from the table segment
        Assert.Equal(OnDemandSwitchPolicy.WhenCapped, byStatus.OnDemand.SwitchFromProvisioned);
        GuardrailSettings acme = policy.For("Orders", null, "tenant#acme#123");
        Assert.Equal((64, 20_000L), (acme.Sharding.MaxShards, acme.Capacity.MaxWriteCapacityUnits));
        Assert.True(policy.For("Sessions").DryRun);
        Assert.False(policy.For("Invoices").DryRun);
        Assert.False(policy.For("Orders", null, "tenant#acme#123").Caching.ReadsTolerateEventualConsistency);
    }

    [Fact]
    public void AVersionAloneGivesTheBuiltInDefaults()
    {
        GuardrailPolicy policy = GuardrailConfigParser.Parse("version: 3\n");

        Assert.Equal(new GuardrailPolicy(3, GuardrailSettings.Default, PricingAssumptions.Default, []), policy with { Segments = [] });
        Assert.Empty(policy.Segments);
    }

    [Fact]
    public void UnknownFieldsAreErrorsWithPathAndLine()
    {
        RunbookConfigException error = Invalid("""
            version: 1
            defaults:
              capacity:
                headrom: 1.5
            """);

        ConfigError problem = Assert.Single(error.Errors);
        Assert.Equal(("defaults.capacity.headrom", 4), (problem.Path, problem.Line));
        Assert.Contains("headroom", problem.Message, StringComparison.Ordinal);
        Assert.Equal(Errors.ErrorTypes.InvalidRunbookConfig, error.ErrorType);
        Assert.Equal("defaults.capacity.headrom", error.Field);
    }

    [Fact]
    public void EveryProblemIsReportedAtOnce()
    {
        RunbookConfigException error = Invalid("""
            version: 1
            defaults:
              capacity:
                headroom: 0.5
                maxReadCapacityUnits: lots
              onDemand:
                switchFromProvisioned: sometimes
                maxSwitchesPer24Hours: 5
              dryRun: yes
            pricing:
              hoursPerMonth: 0
            """);

        Assert.Equal(
            ["defaults.capacity.headroom", "defaults.capacity.maxReadCapacityUnits", "defaults.onDemand.switchFromProvisioned",
             "defaults.onDemand.maxSwitchesPer24Hours", "defaults.dryRun", "pricing.hoursPerMonth"],
            error.Errors.Select(e => e.Path).ToList());
        Assert.Contains("between 1 and 10", error.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("whole number", error.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("never, whenCapped, preferred", error.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("true or false", error.Errors[4].Message, StringComparison.Ordinal);
        Assert.Contains("defaults.capacity.headroom (line 4)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyTableSegmentsMaySetTheCostCap()
    {
        RunbookConfigException error = Invalid("""
            version: 1
            segments:
              - name: by-status
                table: Orders
                index: ByStatus
                capacity:
                  maxMonthlyCostUsd: 100
            """);

        Assert.Equal("segments[0].capacity.maxMonthlyCostUsd", Assert.Single(error.Errors).Path);
    }

    [Fact]
    public void SegmentsNeedUniqueNamesAndScopes()
    {
        RunbookConfigException error = Invalid("""
            version: 1
            segments:
              - name: orders
                table: Orders
              - name: orders
                table: Orders
              - name: no-table
            """);

        Assert.Equal(["segments[1].name", "segments[1]", "segments[2].table"], error.Errors.Select(e => e.Path).ToList());
    }

    [Fact]
    public void BoundsAreCheckedAfterInheritance()
    {
        RunbookConfigException error = Invalid("""
            version: 1
            defaults:
              sharding:
                maxShards: 4
            segments:
              - name: wide-min
                table: Orders
                sharding:
                  minShards: 8
            """);

        Assert.Equal("segments[0].sharding.maxShards", Assert.Single(error.Errors).Path);
    }

    [Fact]
    public void KeyPrefixSegmentsInheritTheirIndexSegmentWhateverTheFileOrder()
    {
        GuardrailPolicy policy = GuardrailConfigParser.Parse("""
            version: 2
            segments:
              - name: open-status
                table: Orders
                index: ByStatus
                keyPrefix: OPEN
                sharding: { maxShards: 12 }
              - name: by-status
                table: Orders
                index: ByStatus
                capacity: { maxWriteCapacityUnits: 3000 }
              - name: orders
                table: Orders
                capacity: { headroom: 1.6 }
            """);

        GuardrailSettings open = policy.For("Orders", "ByStatus", "OPEN");
        Assert.Equal((12, 3000L, 1.6), (open.Sharding.MaxShards, open.Capacity.MaxWriteCapacityUnits, open.Capacity.Headroom));
        Assert.Equal(["open-status", "by-status", "orders"], policy.Segments.Select(s => s.Name).ToList());
    }

    [Fact]
    public void ReadsAreNotAssumedToTolerateEventualConsistencyUnlessASegmentSaysSo()
    {
        GuardrailPolicy policy = GuardrailConfigParser.Parse("""
            version: 4
            segments:
              - name: catalog
                table: Catalog
                caching:
                  readsTolerateEventualConsistency: true
              - name: catalog-prices
                table: Catalog
                keyPrefix: "price#"
                caching: { readsTolerateEventualConsistency: false }
              - name: catalog-by-brand
                table: Catalog
                index: ByBrand
                dryRun: true
            """);

        Assert.False(GuardrailSettings.Default.Caching.ReadsTolerateEventualConsistency);
        Assert.False(policy.Defaults.Caching.ReadsTolerateEventualConsistency);
        Assert.False(policy.For("Orders").Caching.ReadsTolerateEventualConsistency);
        Assert.True(policy.For("Catalog").Caching.ReadsTolerateEventualConsistency);
        Assert.True(policy.For("Catalog", "ByBrand").Caching.ReadsTolerateEventualConsistency); // inherited from the table segment
        Assert.True(policy.For("Catalog", null, "item#1").Caching.ReadsTolerateEventualConsistency);
        Assert.False(policy.For("Catalog", null, "price#1").Caching.ReadsTolerateEventualConsistency);
    }

    [Theory]
    [InlineData("defaults:\n  caching:\n    readsTolerateEventualConsistency: yes\n", "defaults.caching.readsTolerateEventualConsistency", "true or false")]
    [InlineData("defaults:\n  caching:\n    readsTolerateEventualConsistency: 1\n", "defaults.caching.readsTolerateEventualConsistency", "true or false")]
    [InlineData("defaults:\n  caching:\n    readsTolerateEventualConsistancy: true\n", "defaults.caching.readsTolerateEventualConsistancy", "readsTolerateEventualConsistency")]
    [InlineData("defaults:\n  caching:\n    dax: true\n", "defaults.caching.dax", "readsTolerateEventualConsistency")]
    [InlineData("defaults:\n  caching: true\n", "defaults.caching", "mapping")]
    [InlineData("segments:\n  - name: c\n    table: Catalog\n    caching:\n      readsTolerateEventualConsistency: [true]\n", "segments[0].caching.readsTolerateEventualConsistency", "single value")]
    public void TheCachingSectionIsAsStrictAsTheOthers(string body, string path, string hint)
    {
        ConfigError problem = Assert.Single(Invalid("version: 1\n" + body).Errors);

        Assert.Equal(path, problem.Path);
        Assert.Contains(hint, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "(document)")]
    [InlineData("version: [1\n", "(document)")]
    [InlineData("- 1\n- 2\n", "(document)")]
    [InlineData("defaults: {}\n", "version")]
    [InlineData("version: 1\nsegments: orders\n", "segments")]
    [InlineData("version: 1\nsegments:\n  - name: x\n    table: ab\n", "segments[0].table")]
    public void MalformedDocumentsAreRejectedNamingWhere(string yaml, string path)
    {
        Assert.Equal(path, Invalid(yaml).Errors[0].Path);
    }
}
