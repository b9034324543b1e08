using Automation.Core.Posture;

using static Automation.Core.Tests.Posture.PostureSamples;

namespace Automation.Core.Tests.Posture;

public class PostureRulesTests
{
    private static PostureReport Run(TablePostureFacts table, PostureRequirements? requirements = null, AccountPostureFacts? account = null, PostureSettings? settings = null) =>
        PostureEvaluator.Evaluate(new PostureInput([new TablePostureInput(table, requirements ?? PostureRequirements.Default)], account ?? Account(), settings ?? PostureSettings.Default));

    [Fact]
    public void A_healthy_table_has_no_findings()
    {
        Assert.Empty(Run(Healthy()).Findings);
    }

    [Fact]
    public void Pitr_off_and_an_unmonitored_gsi_give_exactly_those_findings_with_their_remediations()
    {
        var table = Healthy() with { PointInTimeRecoveryEnabled = false, Indexes = [new IndexPostureFacts("ByCustomer", Provisioned: false)] };

        PostureReport report = Run(table);

        Assert.Collection(
            report.Findings.OrderBy(f => f.Rule),
            f =>
            {
                Assert.Equal((PostureRule.PointInTimeRecoveryOff, PostureSeverity.High, "table/Orders"), (f.Rule, f.Severity, f.Subject));
                Assert.Equal(PostureRemediation.EnablePointInTimeRecovery, f.Remediation);
                Assert.Contains("unrecoverable", f.WhyItMatters, StringComparison.Ordinal);
            },
            f =>
            {
                Assert.Equal((PostureRule.UnmonitoredIndex, "table/Orders/index/ByCustomer", "orders"), (f.Rule, f.Subject, f.Segment));
                Assert.Equal(PostureRemediation.CreateSegmentAlarms, f.Remediation);
                Assert.DoesNotContain("write-capacity", f.Evidence, StringComparison.Ordinal); // on-demand: throttling alarm only
            });
        Assert.Equal(2, report.CountsBySeverity[PostureSeverity.High]);
        Assert.Equal(0, report.CountsBySeverity[PostureSeverity.Critical]);
    }

    [Fact]
    public void Deletion_protection_off_is_a_medium_remediable_finding()
    {
        PostureFinding f = Assert.Single(Run(Healthy() with { DeletionProtectionEnabled = false }).Findings);
        Assert.Equal((PostureRule.DeletionProtectionOff, PostureSeverity.Medium, PostureRemediation.EnableDeletionProtection), (f.Rule, f.Severity, f.Remediation!.Value));
    }

    [Fact]
    public void A_gsi_is_monitored_only_by_alarms_on_its_own_dimension_including_metric_math()
    {
        var table = Healthy() with { Indexes = [new IndexPostureFacts("ByCustomer", Provisioned: true)] };
        AlarmWatch tableOnly = new("t", [Metric("WriteThrottleEvents", "Orders")]);
        AlarmWatch otherTable = new("o", [Metric("WriteThrottleEvents", "Other", "ByCustomer"), Metric("ConsumedWriteCapacityUnits", "Other", "ByCustomer")]);
        AlarmWatch throttle = new("gsi-throttle", [Metric("WriteProvisionedThroughputThrottleEvents", "Orders", "ByCustomer")]);
        AlarmWatch writeMath = new("gsi-write", [Metric("ConsumedWriteCapacityUnits", "Orders", "ByCustomer"), Metric("ProvisionedWriteCapacityUnits", "Orders", "ByCustomer")]);

        PostureFinding both = Assert.Single(Run(table, account: Account(alarms: [tableOnly, otherTable])).Findings);
        Assert.Contains("throttling alarm", both.Evidence, StringComparison.Ordinal);
        Assert.Contains("write-capacity alarm", both.Evidence, StringComparison.Ordinal);

        PostureFinding writeOnly = Assert.Single(Run(table, account: Account(alarms: [throttle])).Findings);
        Assert.DoesNotContain("throttling alarm", writeOnly.Evidence, StringComparison.Ordinal);
        Assert.Contains("gsi-throttle", writeOnly.Evidence, StringComparison.Ordinal);

        Assert.Empty(Run(table, account: Account(alarms: [throttle, writeMath])).Findings);
    }

    [Fact]
    public void An_unmonitored_gsi_of_a_table_without_segment_is_not_remediable()
    {
        var table = Healthy() with { Segment = null, Indexes = [new IndexPostureFacts("ByCustomer", false)] };
        Assert.Null(Assert.Single(Run(table).Findings).Remediation);
    }

    [Theory]
    [InlineData(EncryptionKeyType.AwsOwned, EncryptionKeyType.AwsOwned, false)]
    [InlineData(EncryptionKeyType.AwsOwned, EncryptionKeyType.AwsManaged, true)]
    [InlineData(EncryptionKeyType.AwsManaged, EncryptionKeyType.CustomerManaged, true)]
    [InlineData(EncryptionKeyType.CustomerManaged, EncryptionKeyType.AwsManaged, false)]
    public void Encryption_below_the_segment_minimum_is_a_finding(EncryptionKeyType actual, EncryptionKeyType required, bool expected)
    {
        var findings = Run(Healthy() with { Encryption = actual }, new PostureRequirements(MinimumEncryption: required)).Findings;
        Assert.Equal(expected, findings.Any(f => f.Rule == PostureRule.EncryptionBelowRequired));
    }

    [Theory]
    [InlineData(300, null)] // 75 %: below the 80 % default
    [InlineData(320, PostureSeverity.Medium)] // exactly 80 %
    [InlineData(368, PostureSeverity.High)] // 92 %
    [InlineData(399, PostureSeverity.High)]
    [InlineData(400, PostureSeverity.Critical)]
    [InlineData(401, PostureSeverity.Critical)]
    public void Item_size_headroom_by_kilobytes(int kilobytes, PostureSeverity? expected)
    {
        var item = new SampledItem("pk=c***", kilobytes * 1024L, [new AttributeBytes("payload", (kilobytes * 1024L) - 40), new AttributeBytes("pk", 40)]);
        var table = Healthy() with { ItemSizes = new ItemSizeSample(500, 120.5, [new SampledItem("pk=a***", 1000, []), item]) };

        PostureFinding? finding = Run(table).Findings.SingleOrDefault(f => f.Rule == PostureRule.ItemSizeHeadroom);

        Assert.Equal(expected, finding?.Severity);
        if (finding is not null)
        {
            Assert.Contains("payload", finding.Evidence, StringComparison.Ordinal);
            Assert.Contains("pk=c***", finding.Evidence, StringComparison.Ordinal);
            Assert.Contains("500 sampled items", finding.Evidence, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Auto_scaling_conflicts_only_where_the_suite_may_resize()
    {
        var table = Healthy() with { ScalableTargets = [new ScalableTargetFact("table/Orders", "dynamodb:table:WriteCapacityUnits")] };
        PostureFinding f = Assert.Single(Run(table).Findings);
        Assert.Equal(PostureRule.AutoScalingConflict, f.Rule);
        Assert.Contains("dynamodb:table:WriteCapacityUnits", f.Evidence, StringComparison.Ordinal);
        Assert.Empty(Run(table, new PostureRequirements(SuiteMayResize: false)).Findings);
    }

    [Theory]
    [InlineData(15, null)]
    [InlineData(16, PostureSeverity.Medium)]
    [InlineData(19, PostureSeverity.Medium)]
    [InlineData(20, PostureSeverity.High)]
    public void Gsi_quota(int indexes, PostureSeverity? expected)
    {
        IndexPostureFacts[] gsis = [.. Enumerable.Range(0, indexes).Select(i => new IndexPostureFacts($"I{i}", false))];
        // Each index is monitored so only the quota rule speaks.
        AlarmWatch[] alarms = [.. gsis.Select(g => new AlarmWatch("a-" + g.IndexName, [Metric("WriteThrottleEvents", "Orders", g.IndexName)]))];

        var findings = Run(Healthy() with { Indexes = gsis }, account: Account(alarms: alarms)).Findings;

        Assert.Equal(expected, findings.SingleOrDefault(f => f.Rule == PostureRule.IndexQuotaApproaching)?.Severity);
        Assert.DoesNotContain(findings, f => f.Rule == PostureRule.UnmonitoredIndex);
    }

    [Theory]
    [InlineData(1999, null)]
    [InlineData(2000, PostureSeverity.Medium)]
    [InlineData(2500, PostureSeverity.High)]
    public void Table_quota_is_account_wide(int tables, PostureSeverity? expected)
    {
        PostureFinding? f = Run(Healthy(), account: Account(tables)).Findings.SingleOrDefault(f => f.Rule == PostureRule.TableQuotaApproaching);
        Assert.Equal(expected, f?.Severity);
        if (f is not null)
        {
            Assert.Equal(("account/eu-west-1", (string?)null), (f.Subject, f.Segment));
        }
    }

    [Fact]
    public void Contributor_insights_off_matters_only_after_hot_key_incidents()
    {
        Assert.Empty(Run(Healthy() with { ContributorInsightsEnabled = false }).Findings);
        Assert.Empty(Run(Healthy() with { HotKeyIncidentIds = ["inc-1"] }).Findings);
        PostureFinding f = Assert.Single(Run(Healthy() with { ContributorInsightsEnabled = false, HotKeyIncidentIds = ["inc-1", "inc-2"] }).Findings);
        Assert.Equal(PostureRule.ContributorInsightsOffAfterHotKeys, f.Rule);
        Assert.Contains("inc-2", f.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_come_most_severe_first_and_every_rule_has_its_text()
    {
        var table = Healthy() with { PointInTimeRecoveryEnabled = false, DeletionProtectionEnabled = false, ContributorInsightsEnabled = false, HotKeyIncidentIds = ["i"] };
        var report = Run(table, account: Account(policies: [Policy(Statement("\"dynamodb:*\"", "\"*\""))]));

        Assert.Equal(report.Findings.OrderByDescending(f => f.Severity).Select(f => f.Key), report.Findings.Select(f => f.Key));
        Assert.Equal(PostureSeverity.Critical, report.Findings[0].Severity);
        foreach (PostureRule rule in Enum.GetValues<PostureRule>())
        {
            Assert.False(string.IsNullOrWhiteSpace(PostureRuleCatalog.WhyItMatters(rule)));
            Assert.False(string.IsNullOrWhiteSpace(PostureRuleCatalog.Fix(rule)));
        }
    }
}
