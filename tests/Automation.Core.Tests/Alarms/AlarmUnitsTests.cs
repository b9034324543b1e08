using Automation.Core.Alarms;
using Automation.Core.Facts;
using Automation.Core.Runbooks;
using Automation.Core.Segments;
using Automation.Core.Tests.Runbooks;

using FsCheck;
using FsCheck.Fluent;

namespace Automation.Core.Tests.Alarms;

/// <summary>A reconcile run split into units (one per managed table, and the account alarm), and the orphans no unit covers.</summary>
public sealed class AlarmUnitsTests
{
    private static readonly AlarmOwner Owner = new("ddb-automation-", "stack-a");

    private static SegmentCatalog Catalog() => RunbookCatalogParser.Parse(RunbookFolders.Repository());

    private static TableFacts Orders() => new("Orders", ResourceStatus.Active, CapacityMode.Provisioned,
        new ProvisionedThroughputFacts(100, 50, 0, null, null), null,
        [new IndexFacts("ByStatus", ResourceStatus.Active, new ProvisionedThroughputFacts(20, 20, 0, null, null), null)]);

    private static ExistingAlarm Alarm(string table, string? index, string segment = "s", AlarmOwner? owner = null) =>
        ExistingAlarm.From(AlarmSpecBuilder.Build(owner ?? Owner, new AlarmTarget(segment, 1, table, index), AlarmKind.WriteThrottleEvents, null, AlarmDefaults.Settings));

    [Fact]
    public void A_full_run_has_one_unit_per_managed_table_in_name_order_then_the_account_alarm()
    {
        IReadOnlyList<AlarmUnit> units = AlarmUnits.For(Catalog(), Owner, null);

        Assert.Equal(["Orders", "Sessions", AlarmSpecBuilder.AccountTable], units.Select(u => u.TableName));
        Assert.Equal("ddb-automation-Orders-", units[0].AlarmNamePrefix);
        Assert.Equal("ddb-automation-account-", units[^1].AlarmNamePrefix);
        Assert.True(units[^1].IsAccount);
    }

    [Fact]
    public void A_filtered_run_has_the_tables_its_segments_cover_and_the_account_alarm_only_when_defaults_is_named()
    {
        // orders-by-status is an index segment of Orders: its table is the unit.
        Assert.Equal(["Orders"], AlarmUnits.For(Catalog(), Owner, ["orders-by-status"]).Select(u => u.TableName));
        Assert.Equal([AlarmSpecBuilder.AccountTable], AlarmUnits.For(Catalog(), Owner, [AlarmSpecBuilder.AccountSegment]).Select(u => u.TableName));
        Assert.Equal(["Sessions", AlarmSpecBuilder.AccountTable], AlarmUnits.For(Catalog(), Owner, ["sessions-dry-run", "defaults"]).Select(u => u.TableName));
    }

    [Fact]
    public void Every_alarm_name_of_a_table_starts_with_its_unit_prefix_even_when_the_name_is_cut()
    {
        Gen<string> names = Gen.Elements("Orders", "a", "Ledger-Archive", "t.x_y-z").SelectMany(seed => Gen.Choose(0, 250).Select(n => seed + new string('x', n)));
        Prop.ForAll(names.ToArbitrary(), Gen.Elements<string?>(null, "ByStatus", new string('i', 200)).ToArbitrary(), (table, index) =>
        {
            string prefix = AlarmUnits.NamePrefix(Owner.AlarmNamePrefix, table);
            string name = Alarm(table, index).AlarmName;
            return name.StartsWith(prefix, StringComparison.Ordinal) && prefix.Length <= AlarmSpecBuilder.MaxNameLength && name.Length <= AlarmSpecBuilder.MaxNameLength;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_unit_plans_only_its_table_and_the_account_unit_only_the_account_alarm()
    {
        SegmentCatalog catalog = Catalog();
        AlarmPlan orders = AlarmPlanner.Plan(catalog, [Orders()], Owner, null, "Orders");
        AlarmPlan account = AlarmPlanner.Plan(catalog, [], Owner, null, AlarmSpecBuilder.AccountTable);
        AlarmPlan whole = AlarmPlanner.Plan(catalog, [Orders()], Owner);

        Assert.All(orders.Alarms, a => Assert.Equal("Orders", a.Target.TableName));
        Assert.Empty(orders.MissingTables);   // Sessions is another unit's, not missing from this one
        Assert.Equal(["ddb-automation-account-UserErrors"], account.Alarms.Select(a => a.Spec.AlarmName));
        Assert.Equal(whole.Alarms.Select(a => a.Spec.AlarmName).Order(), orders.Alarms.Concat(account.Alarms).Select(a => a.Spec.AlarmName).Order());
    }

    [Fact]
    public void A_unit_never_deletes_an_alarm_of_another_table_listed_under_its_prefix()
    {
        SegmentCatalog catalog = Catalog();
        AlarmPlan plan = AlarmPlanner.Plan(catalog, [Orders()], Owner, null, "Orders");
        ExistingAlarm archive = Alarm("Orders-Archive", null);   // "ddb-automation-Orders-Archive-..." is under "ddb-automation-Orders-"
        ExistingAlarm stale = Alarm("Orders", "Gone");           // Orders' own, of a GSI that no longer exists

        ReconcilePlan changes = AlarmReconciler.Reconcile(plan, [archive, stale], Owner, null, "Orders");

        Assert.StartsWith(AlarmUnits.NamePrefix(Owner.AlarmNamePrefix, "Orders"), archive.AlarmName, StringComparison.Ordinal);
        Assert.Equal([stale.AlarmName], changes.Deletes);
    }

    [Fact]
    public void An_orphan_is_this_stacks_alarm_under_the_prefix_that_no_unit_covers()
    {
        IReadOnlyList<AlarmUnit> units = AlarmUnits.For(Catalog(), Owner, null);

        Assert.True(AlarmUnits.IsOrphan(Alarm("Retired", null), Owner, [.. units]));
        Assert.False(AlarmUnits.IsOrphan(Alarm("Orders", "ByStatus"), Owner, [.. units]));
        Assert.False(AlarmUnits.IsOrphan(Alarm("Retired", null, owner: new AlarmOwner("ddb-automation-", "stack-b")), Owner, [.. units]));
        Assert.False(AlarmUnits.IsOrphan(new ExistingAlarm("ddb-automation-Retired-mine", "a team's own", null, null, null, 1, null, 1, 1, null), Owner, [.. units]));
        Assert.False(AlarmUnits.IsOrphan(Alarm("Retired", null) with { AlarmName = "other-prefix-Retired" }, Owner, [.. units]));
    }

    [Fact]
    public void Units_and_orphans_partition_this_stacks_alarms_so_each_is_seen_by_exactly_one_unit_or_the_orphan_sweep()
    {
        string[] tables = ["Orders", "Orders-Archive", "Sessions", "Gone", "account", "Ord"];
        IReadOnlyList<AlarmUnit> units = AlarmUnits.For(Catalog(), Owner, null);
        Prop.ForAll(Gen.Elements(tables).ToArbitrary(), Gen.Elements<string?>(null, "ByStatus", "Archive").ToArbitrary(), (table, index) =>
        {
            ExistingAlarm alarm = Alarm(table, index);
            var marker = AlarmReconciler.Ours(alarm, Owner)!;
            int owners = units.Count(u => u.TableName == marker.TableName && alarm.AlarmName.StartsWith(u.AlarmNamePrefix, StringComparison.Ordinal));
            return owners + (AlarmUnits.IsOrphan(alarm, Owner, [.. units]) ? 1 : 0) == 1;
        }).QuickCheckThrowOnFailure();
    }
}
