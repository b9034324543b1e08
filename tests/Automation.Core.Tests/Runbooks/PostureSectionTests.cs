using Automation.Core.Posture;
using Automation.Core.Runbooks;
using Automation.Core.Segments;
using Automation.Core.Tests.Properties;

using FsCheck;
using FsCheck.Fluent;

using static Automation.Core.Tests.Runbooks.RunbookFolders;

namespace Automation.Core.Tests.Runbooks;

/// <summary>The <c>posture</c> sections: defaults.yaml's run-wide settings and requirements, a table segment's requirements over them.</summary>
public sealed class PostureSectionTests
{
    private const string DefaultsWithPosture = """
        version: 1
        posture:
          minimumEncryption: awsManaged
          itemSizeWarnPercent: 70
          quotaWarnPercent: 90
          tableQuota: 3000
          exemptPrincipals: ["arn:aws:iam::*:role/suite/*"]
          sample: {pageSize: 50, pageLimit: 4, readCeiling: 100, largest: 5}
        """;

    [Fact]
    public void Without_posture_sections_every_segment_gets_the_built_in_defaults()
    {
        RunbookLintResult result = Lint(("orders", Orders));

        SegmentCatalog catalog = Assert.IsType<SegmentCatalog>(result.Catalog);
        Assert.Equal(PostureDefaults.Default, catalog.Posture);
        Assert.Equal(PostureRequirements.Default, catalog.Segments.Single().Posture);
    }

    [Fact]
    public void A_table_segment_overrides_only_the_fields_it_states()
    {
        string orders = Orders.Replace("owner: team-orders", "owner: team-orders\nposture:\n  requireKeyConditions: true\n  minimumEncryption: customerManaged", StringComparison.Ordinal);
        string byStatus = Segment("orders-by-status", "{table: Orders, index: ByStatus}");

        RunbookLintResult result = RunbookCatalogParser.Lint(Folder(DefaultsWithPosture, ("orders", orders), ("orders-by-status", byStatus)));

        SegmentCatalog catalog = Assert.IsType<SegmentCatalog>(result.Catalog);
        Assert.Equal(new PostureSettings(90, 20, 3000, ["arn:aws:iam::*:role/suite/*"]).Exempt, catalog.Posture.Settings.Exempt);
        Assert.Equal(90, catalog.Posture.Settings.QuotaWarnPercent);
        Assert.Equal(3000, catalog.Posture.Settings.TableQuota);
        Assert.Equal(new PostureSampleSettings(true, 50, 4, 100, 5), catalog.Posture.Sample);
        var expected = new PostureRequirements(EncryptionKeyType.CustomerManaged, RequireKeyConditions: true, ItemSizeWarnPercent: 70, SuiteMayResize: true);
        Assert.Equal(expected, catalog.Segments.Single(s => s.Name == "orders").Posture);
        Assert.Equal(expected, catalog.Segments.Single(s => s.Name == "orders-by-status").Posture);
    }

    public static TheoryData<string, string, string> Errors() => new()
    {
        { "posture:\n  minimumEncryption: kms", "posture.minimumEncryption", "must be one of: awsOwned, awsManaged, customerManaged" },
        { "posture:\n  itemSizeWarnPercent: 101", "posture.itemSizeWarnPercent", "must be between" },
        { "posture:\n  requireKeyConditions: yes", "posture.requireKeyConditions", "must be true or false" },
        { "posture:\n  quotaWarnPercent: 50", "posture.quotaWarnPercent", "defaults.yaml" },
        { "posture:\n  pitr: true", "posture.pitr", "unknown field" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void A_bad_segment_field_is_an_error_naming_it(string section, string path, string message)
    {
        string orders = Orders.Replace("owner: team-orders", "owner: team-orders\n" + section, StringComparison.Ordinal);

        RunbookLintResult result = Lint(("orders", orders));

        Assert.Null(result.Catalog);
        ConfigError error = Assert.Single(result.Errors);
        Assert.Equal("segments/orders.yaml", error.File);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_index_segment_has_no_posture_section()
    {
        string byStatus = Segment("orders-by-status", "{table: Orders, index: ByStatus}", "posture:\n  requireKeyConditions: true\n");

        RunbookLintResult result = Lint(("orders-by-status", byStatus));

        ConfigError error = Assert.Single(result.Errors);
        Assert.Equal("posture", error.Path);
        Assert.Contains("per table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_defaults_field_is_an_error_naming_it()
    {
        RunbookLintResult result = RunbookCatalogParser.Lint(Folder("version: 1\nposture:\n  sample: {pageSize: 0}\n", ("orders", Orders)));

        ConfigError error = Assert.Single(result.Errors);
        Assert.Equal("defaults.yaml", error.File);
        Assert.Equal("posture.sample.pageSize", error.Path);
    }

    [Fact]
    public void Every_warn_percent_in_range_is_read_back_and_every_other_refused() =>
        PropertyCases.ForAll(Gen.Choose(-50, 200).ToArbitrary(), percent =>
        {
            string orders = Orders.Replace("owner: team-orders", $"owner: team-orders\nposture:\n  itemSizeWarnPercent: {percent}", StringComparison.Ordinal);
            RunbookLintResult result = Lint(("orders", orders));
            if (percent is >= 1 and <= 100)
            {
                Assert.Equal(percent, result.Catalog!.Segments.Single().Posture.ItemSizeWarnPercent);
            }
            else
            {
                Assert.Null(result.Catalog);
                Assert.Equal("posture.itemSizeWarnPercent", Assert.Single(result.Errors).Path);
            }
        });
}
