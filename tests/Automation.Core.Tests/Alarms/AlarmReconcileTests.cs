using Automation.Core.Alarms;
using Automation.Core.Facts;
using Automation.Core.Runbooks;
using Automation.Core.Segments;
using Automation.Core.Tests.Runbooks;

using FsCheck;
using FsCheck.Fluent;

namespace Automation.Core.Tests.Alarms;

public sealed class AlarmReconcileTests
{
    private static readonly AlarmOwner Owner = new("ddb-automation-", "stack-a");

    private static SegmentCatalog Catalog() => RunbookCatalogParser.Parse(RunbookFolders.Repository());

    private static TableFacts Orders(CapacityMode mode = CapacityMode.Provisioned) => new("Orders", ResourceStatus.Active, mode,
        new ProvisionedThroughputFacts(100, 50, 0, null, null), null,
        [
            new IndexFacts("ByCustomer", ResourceStatus.Active, new ProvisionedThroughputFacts(20, 20, 0, null, null), null),
            new IndexFacts("ByStatus", ResourceStatus.Active, new ProvisionedThroughputFacts(20, 20, 0, null, null), null),
        ]);

    [Fact]
    public void EveryTableAndEveryGsiGetsItsThrottleAlarms()
    {
        AlarmPlan plan = AlarmPlanner.Plan(Catalog(), [Orders()], Owner);
        var names = plan.Alarms.Select(a => a.Spec.AlarmName).ToHashSet();

        Assert.Contains("ddb-automation-Orders-ThrottledRequests", names);
        Assert.Contains("ddb-automation-Orders-WriteThrottleEvents", names);
        Assert.Contains("ddb-automation-Orders-ByStatus-WriteThrottleEvents", names);
        Assert.Contains("ddb-automation-Orders-ByCustomer-WriteThrottleEvents", names);
        Assert.Contains("ddb-automation-Orders-ByStatus-WriteCapacityUtilisation", names);
        Assert.Contains("ddb-automation-Orders-Latency-UpdateItem", names);
        Assert.DoesNotContain("ddb-automation-Orders-ByStatus-ThrottledRequests", names);
        Assert.Contains("ddb-automation-account-UserErrors", names);
        Assert.Equal("orders-by-status", plan.Alarms.First(a => a.Spec.AlarmName == "ddb-automation-Orders-ByStatus-WriteThrottleEvents").Target.Segment);
        Assert.Equal(75, plan.Alarms.First(a => a.Spec.AlarmName == "ddb-automation-Orders-WriteCapacityUtilisation").Spec.Threshold);
        Assert.All(plan.Alarms, a => Assert.True(AlarmMarker.TryParse(a.Spec.Description, out var m) && m == a.Spec.Marker));
    }

    [Fact]
    public void OnDemandTablesGetNoProvisionedOnlyAlarms()
    {
        AlarmPlan plan = AlarmPlanner.Plan(Catalog(), [Orders(CapacityMode.PayPerRequest)], Owner);

        Assert.DoesNotContain(plan.Alarms, a => a.Kind is AlarmKind.ReadCapacityUtilisation or AlarmKind.WriteProvisionedThroughputThrottleEvents
            or AlarmKind.ReadMaxOnDemandThroughputThrottleEvents);
    }

    [Fact]
    public void DriftIsUpdatedOrphansDeletedForeignAlarmsLeftAlone()
    {
        AlarmPlan plan = AlarmPlanner.Plan(Catalog(), [Orders()], Owner);
        AlarmSpec drifted = plan.Alarms[1].Spec with { Threshold = 99 };
        AlarmSpec orphan = AlarmSpecBuilder.Build(Owner, new AlarmTarget("gone", 1, "Gone", null), AlarmKind.ReadThrottleEvents, null, AlarmDefaults.Settings);
        var foreign = new ExistingAlarm(plan.Alarms[2].Spec.AlarmName, "hand-made", null, null, "GreaterThanThreshold", 1, null, 1, 1, null);
        var otherStack = ExistingAlarm.From(AlarmSpecBuilder.Build(Owner with { ManagedBy = "stack-b" }, new AlarmTarget("gone", 1, "Gone", null), AlarmKind.WriteThrottleEvents, null, AlarmDefaults.Settings));

        ReconcilePlan r = AlarmReconciler.Reconcile(plan, [ExistingAlarm.From(drifted), ExistingAlarm.From(orphan), foreign, otherStack], Owner);

        Assert.Equal(["Threshold"], r.Updates.Single().Drifted);
        Assert.Equal([orphan.AlarmName], r.Deletes);
        Assert.Equal(foreign.AlarmName, r.Conflicts.Single().AlarmName);
        Assert.DoesNotContain(otherStack.AlarmName, r.Deletes);
    }

    [Fact]
    public void ATunedThresholdIsKeptUntilTheFileChangesIt()
    {
        AlarmPlan plan = AlarmPlanner.Plan(Catalog(), [Orders()], Owner);
        DesiredAlarm d = plan.Alarms.First(a => a.Kind == AlarmKind.Latency);
        AlarmSpec tuned = AlarmSpecBuilder.Build(Owner, d.Target, d.Kind, d.Qualifier, d.Settings, 60, 4);

        ReconcilePlan r = AlarmReconciler.Reconcile(plan, [ExistingAlarm.From(tuned)], Owner);

        Assert.Contains(tuned.AlarmName, r.Unchanged);
        Assert.Contains(tuned.AlarmName, r.KeptTuned);

        AlarmSpec tunedFromOldBase = AlarmSpecBuilder.Build(Owner, d.Target, d.Kind, d.Qualifier,
            d.Settings with { Kinds = d.Settings.Kinds.ToDictionary(k => k.Key, k => k.Key == d.Kind ? k.Value with { Threshold = 45 } : k.Value) }, 60, 4);
        ReconcilePlan r2 = AlarmReconciler.Reconcile(plan, [ExistingAlarm.From(tunedFromOldBase)], Owner);
        Assert.Equal(d.Spec.Threshold, r2.Updates.Single(u => u.Spec.AlarmName == tuned.AlarmName).Spec.Threshold);
    }

    [Fact]
    public void ReconcileIsIdempotentAndNeverTouchesForeignAlarms()
    {
        SegmentCatalog catalog = Catalog();
        Prop.ForAll(Gen.Choose(0, 1 << 20).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            AlarmPlan plan = AlarmPlanner.Plan(catalog, [Orders(random.Next(2) == 0 ? CapacityMode.Provisioned : CapacityMode.PayPerRequest)], Owner);
            var existing = new List<ExistingAlarm>();
            foreach (DesiredAlarm d in plan.Alarms)
            {
                switch (random.Next(4))
                {
                    case 0: existing.Add(ExistingAlarm.From(d.Spec)); break;
                    case 1: existing.Add(ExistingAlarm.From(d.Spec) with { EvaluationPeriods = d.Spec.EvaluationPeriods + 1 }); break;
                    case 2: existing.Add(new ExistingAlarm(d.Spec.AlarmName, null, null, null, "LessThanThreshold", 1, null, 1, 1, null)); break;
                    default: break;
                }
            }

            existing.Add(ExistingAlarm.From(AlarmSpecBuilder.Build(Owner, new AlarmTarget("gone", 1, "Gone", null), AlarmKind.ReadThrottleEvents, null, AlarmDefaults.Settings)));
            var foreign = existing.Where(e => AlarmReconciler.Ours(e, Owner) is null).Select(e => e.AlarmName).ToHashSet();
            ReconcilePlan first = AlarmReconciler.Reconcile(plan, existing, Owner);
            var after = existing.Where(e => !first.Deletes.Contains(e.AlarmName)).ToDictionary(e => e.AlarmName);
            foreach (AlarmSpec s in first.Creates.Concat(first.Updates.Select(u => u.Spec)))
            {
                after[s.AlarmName] = ExistingAlarm.From(s);
            }

            ReconcilePlan second = AlarmReconciler.Reconcile(plan, [.. after.Values], Owner);
            return second.IsEmpty
                && !first.Deletes.Any(foreign.Contains)
                && !first.Updates.Any(u => foreign.Contains(u.Spec.AlarmName))
                && !first.Creates.Any(c => existing.Any(e => e.AlarmName == c.AlarmName));
        }).QuickCheckThrowOnFailure();
    }
}
