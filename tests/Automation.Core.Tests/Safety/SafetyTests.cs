using System.Runtime.CompilerServices;

using Automation.Core.Diagnosis;
using Automation.Core.Errors;
using Automation.Core.Facts;
using Automation.Core.Planning;
using Automation.Core.Runbooks;
using Automation.Core.Safety;
using Automation.Core.Segments;
using Automation.Core.Sharding;
using Automation.Core.Tests.Facts;
using Automation.Core.Tests.Guardrails;
using Automation.Core.Tests.Properties;

using FsCheck;
using FsCheck.Fluent;

using static Automation.Core.Tests.Runbooks.RunbookFolders;

using M = Automation.Core.Facts.DynamoDbMetric;

namespace Automation.Core.Tests.Safety;

/// <summary>The safety net before risky changes: which plans take an on-demand backup first, and the <c>safety</c> section.</summary>
public class SafetyTests
{
    private const string Incident = "inc-0123456789abcdef01234567";
    private static readonly DateTimeOffset Now = ThrottlingFactsBuilder.WindowEnd.AddMinutes(2);

    private static SafetySettings None(string table, string? index, string? key) => SafetySettings.Default;

    private static RemediationPlan Plan(ThrottlingFacts facts, bool dryRun = false) =>
        RemediationPlanner.Plan(ThrottleDiagnoser.Diagnose(facts), facts, TestPolicies.Defaults, Now, dryRun);

    private static ThrottlingFacts HotKey() => new ThrottlingFactsBuilder()
        .Provisioned(read: 3000, write: 6000)
        .Rate(M.ConsumedWriteCapacityUnits, 1500)
        .PerMinute(M.WriteKeyRangeThroughputThrottleEvents, 400)
        .TopKeys(ContributorInsightsRule.PartitionKeyAccessed, 5_400_000 * 1.2, null, ("customer#42", 2_400 * 3600.0))
        .TopKeys(ContributorInsightsRule.PartitionKeyThrottled, 24_000, null, ("customer#42", 0))
        .Build();

    private static ThrottlingFacts WriteExhausted() => new ThrottlingFactsBuilder()
        .Provisioned(read: 1000, write: 500)
        .Rate(M.ConsumedWriteCapacityUnits, 495)
        .PerMinute(M.WriteProvisionedThroughputThrottleEvents, 300)
        .PerMinute(M.ThrottledRequests, 300)
        .Build();

    [Theory]
    [InlineData(0, 1, false)] // no entry → one shard: still the unsharded layout
    [InlineData(1, 1, false)]
    [InlineData(0, 2, true)]  // written unsharded, now 2 shards: every item moves
    [InlineData(1, 4, true)]
    [InlineData(4, 4, false)] // same layout: nothing moves
    [InlineData(4, 8, true)]  // a count change moves every item whose suffix changes
    [InlineData(8, 1, true)]
    public void AShardingChangeNeedsAMigrationExactlyWhenTheLayoutChanges(int current, int next, bool expected) =>
        Assert.Equal(expected, ShardingMigration.NeedsMigration(current, next));

    [Fact]
    public void AShardingPlanTakesABackupNamedAfterTheIncident()
    {
        RemediationPlan plan = BackupPlanner.Attach(Plan(HotKey()), None, Incident);

        BackupRequirement backup = Assert.IsType<BackupRequirement>(plan.Backup);
        Assert.Equal("Orders", backup.TableName);
        Assert.Equal("automation-" + Incident, backup.BackupName);
        Assert.Equal([BackupPlanner.MigrationRule], backup.Rules);
        Assert.Contains("customer#42", backup.Reason, StringComparison.Ordinal);
        Assert.Contains($"backup 'automation-{Incident}' of table 'Orders' is taken first", plan.Summary, StringComparison.Ordinal);
        // Deterministic: a retry names the same backup.
        BackupRequirement again = BackupPlanner.Attach(Plan(HotKey()), None, Incident).Backup!;
        Assert.Equal((backup.BackupName, backup.Reason), (again.BackupName, again.Reason));
        Assert.Equal(backup.Rules, again.Rules);
    }

    [Fact]
    public void ADryRunReportsTheBackupThatWouldBeTaken()
    {
        RemediationPlan plan = BackupPlanner.Attach(Plan(HotKey(), dryRun: true), None, Incident);

        Assert.NotNull(plan.Backup);
        Assert.Contains("would be taken first (dry run: none is taken)", plan.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ACapacityRaiseTakesABackupOnlyWhenTheSegmentMarksItRisky()
    {
        RemediationPlan plain = BackupPlanner.Attach(Plan(WriteExhausted()), None, Incident);
        Assert.Null(plain.Backup);

        var risky = new SafetySettings([RemediationKind.IncreaseProvisionedCapacity]);
        RemediationPlan marked = BackupPlanner.Attach(Plan(WriteExhausted()), (_, _, _) => risky, Incident);
        Assert.Equal(["safety.backupBefore: increaseProvisionedCapacity"], marked.Backup!.Rules);

        var other = new SafetySettings([RemediationKind.SwitchToOnDemand]);
        Assert.Null(BackupPlanner.Attach(Plan(WriteExhausted()), (_, _, _) => other, Incident).Backup);
    }

    [Fact]
    public void APlanThatAppliesNothingNeverTakesABackup()
    {
        ThrottlingFacts quiet = new ThrottlingFactsBuilder().Provisioned(read: 1000, write: 1000).Build();
        var everything = new SafetySettings([.. SafetySettings.Kinds.Values]);

        Assert.Null(BackupPlanner.For(Plan(quiet), (_, _, _) => everything, Incident));
    }

    [Fact]
    public void ABadIncidentIdIsRefusedNamingTheField()
    {
        var error = Assert.Throws<AutomationException>(() => BackupPlanner.For(Plan(HotKey()), None, "x y"));
        Assert.Equal(ErrorTypes.InvalidInput, error.ErrorType);
        Assert.Equal("incidentId", error.Field);
    }

    // The safety section: parsed like alarms, inherited downwards (a more specific segment adds, never removes).
    [Fact]
    public void TheSafetySectionResolvesDefaultsTableIndexAndPrefixAddingKinds()
    {
        string defaults = "version: 1\nsafety:\n  backupBefore: [switchToOnDemand]\n";
        SegmentCatalog catalog = RunbookCatalogParser.Parse(Folder(defaults,
            ("orders", Segment("orders", "{table: Orders}", "safety:\n  backupBefore: [increaseProvisionedCapacity]\n")),
            ("orders-by-status", Segment("orders-by-status", "{table: Orders, index: ByStatus}", "safety:\n  backupBefore: [raiseOnDemandMaximum]\n")),
            ("orders-acme", Segment("orders-acme", "{table: Orders, keyPrefix: 'tenant#acme'}", "safety:\n  backupBefore: [shardHotKey]\n"))));

        Assert.Equal([RemediationKind.SwitchToOnDemand], catalog.SafetyFor("Other").BackupBefore);
        Assert.Equal([RemediationKind.SwitchToOnDemand, RemediationKind.IncreaseProvisionedCapacity], catalog.SafetyFor("Orders").BackupBefore);
        Assert.Equal([RemediationKind.SwitchToOnDemand, RemediationKind.IncreaseProvisionedCapacity, RemediationKind.RaiseOnDemandMaximum],
            catalog.SafetyFor("Orders", "ByStatus").BackupBefore);
        Assert.Equal([RemediationKind.SwitchToOnDemand, RemediationKind.IncreaseProvisionedCapacity, RemediationKind.ShardHotKey],
            catalog.SafetyFor("Orders", null, "tenant#acme#1").BackupBefore);
    }

    [Theory]
    [InlineData("safety:\n  backupBefore: [capacityChange]\n", "safety.backupBefore[0]", "'capacityChange' is not a kind of plan; one of: increaseProvisionedCapacity, switchToOnDemand, raiseOnDemandMaximum, shardHotKey")]
    [InlineData("safety:\n  backupBefore: [adviseCaching]\n", "safety.backupBefore[0]", "'adviseCaching' applies nothing")]
    [InlineData("safety:\n  backupBefore: shardHotKey\n", "safety.backupBefore", "must be a list of plan kinds")]
    [InlineData("safety:\n  backup: [shardHotKey]\n", "safety.backup", "unknown field; expected one of: backupBefore")]
    [InlineData("safety:\n  backupBefore: [shardHotKey, shardHotKey]\n", "safety.backupBefore[1]", "'shardHotKey' is listed twice")]
    public void ABadSafetySectionIsALintErrorNamingTheField(string section, string path, string message)
    {
        ConfigError error = SingleError(("orders", Segment("orders", "{table: Orders}", section)));

        Assert.Equal("segments/orders.yaml", error.File);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultsYamlSafetyErrorsNameDefaultsYaml()
    {
        RunbookLintResult result = RunbookCatalogParser.Lint(Folder("version: 1\nsafety:\n  backupBefore: [everything]\n"));

        ConfigError error = Assert.Single(result.Errors);
        Assert.Equal("defaults.yaml", error.File);
        Assert.Equal("safety.backupBefore[0]", error.Path);
    }

    [Fact]
    public void TheRepositorysRunbooksMarkNothingRiskyButShardingWithAMigrationStillBacksUp()
    {
        SegmentCatalog catalog = RunbookCatalogParser.Parse(Repository());

        Assert.NotNull(catalog);
        Assert.NotNull(BackupPlanner.For(Plan(HotKey()), catalog.SafetyFor, Incident));
    }

    // Every plan that applies a sharding change moving items has a backup; none that applies nothing has one.
    private sealed record Case(RemediationPlan Plan, SafetySettings Safety, BackupRequirement? Backup);

    private static readonly Arbitrary<Case> Cases = (
        from factsAndNow in ThrottlingGenerators.FactsAndNow
        from policy in ThrottlingGenerators.Policy
        from kinds in Gen.SubListOf(SafetySettings.Kinds.Values.ToArray())
        let plan = RemediationPlanner.Plan(ThrottleDiagnoser.Diagnose(factsAndNow.Facts), factsAndNow.Facts, policy, factsAndNow.Now, false)
        let safety = new SafetySettings([.. kinds])
        select new Case(plan, safety, BackupPlanner.For(plan, (_, _, _) => safety, Incident))).ToArbitrary();

    private static void ForAll(Action<Case> property, [CallerMemberName] string name = "") =>
        PropertyCases.ForAll(Cases, property, member: name);

    [Fact]
    public void ABackupIsRequiredExactlyWhenARuleAsksForOne() => ForAll(c =>
    {
        bool applies = PlanClassifier.ActionOf(c.Plan) != PlanAction.None;
        bool migrates = c.Plan.Sharding.Any(s => ShardingMigration.NeedsMigration(0, s.ShardCount));
        bool marked = c.Safety.BackupBefore.Contains(c.Plan.Action);
        Assert.Equal(applies && (migrates || marked), c.Backup is not null);
        if (c.Backup is { } backup)
        {
            Assert.Equal(c.Plan.TableName, backup.TableName);
            Assert.Equal("automation-" + Incident, backup.BackupName);
            Assert.Matches("^[a-zA-Z0-9_.-]{3,255}$", backup.BackupName);
            Assert.Equal(migrates, backup.Rules.Contains(BackupPlanner.MigrationRule));
        }
    });
}
