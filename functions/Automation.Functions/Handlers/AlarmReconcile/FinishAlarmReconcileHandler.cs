using Automation.Core.Alarms;
using Automation.Core.Segments;
using Automation.Functions.Contracts.AlarmReconcile;
using Automation.Functions.Handlers.Incidents;
using Automation.Functions.Metrics;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.AlarmReconcile;

/// <summary>
/// <c>FinishAlarmReconcile</c>: after every unit is reconciled, the run's last writes and its report: the orphaned
/// alarms (FindOrphanAlarms; full runs only) as DeleteAlarms batches, the suite's dashboards of removed or disabled
/// segments (<see cref="DashboardReconciler"/>) as DeleteDashboards batches (neither in a dry run), and one report over
/// every unit. Publishes the run's counts as EMF metrics. Pure but for logs and metrics.
/// </summary>
public sealed partial class FinishAlarmReconcileHandler(StepServices services, RunbookCatalogProvider runbooks)
    : StepHandler<FinishAlarmReconcileInput, FinishAlarmReconcileOutput>(services)
{
    public const string StepName = "FinishAlarmReconcile";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.None;

    protected override Task<FinishAlarmReconcileOutput> RunAsync(FinishAlarmReconcileInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        SegmentCatalog catalog = runbooks.Catalog;
        ReconcileRun run = input.Run ?? throw InputError.Field("run", "is required (PrepareAlarmReconcile's run)");
        IReadOnlyList<string>? filter = PrepareAlarmReconcileHandler.Validate(catalog, run.Segments);
        AlarmOwner owner = PlanAlarmReconcileHandler.Owner(input.Owner);
        IReadOnlyList<UnitReconcileReport> units = input.Units ?? throw InputError.Field("units", "is required (the units' summaries)");
        for (int i = 0; i < units.Count; i++)
        {
            if (units[i] is null || string.IsNullOrEmpty(units[i].TableName) || units[i].Counts is null)
            {
                throw InputError.Field($"units[{i}]", "needs tableName and counts (PlanAlarmReconcile's summary)");
            }
        }

        // Orphans are deleted only when every segment was in scope (a filtered run cannot tell removed from out of scope).
        IReadOnlyList<string> orphans = filter is null ? input.Orphans?.Orphans ?? [] : [];
        IReadOnlyList<string> dashboardDeletes = DashboardReconciler.Deletes(catalog,
            [.. (input.Dashboards ?? []).Select((d, i) => PlanAlarmReconcileHandler.ToExisting(d, $"dashboards[{i}]"))], owner, filter);

        int Sum(Func<AlarmReconcileCounts, int> count) => units.Sum(u => count(u.Counts));
        var counts = new AlarmReconcileCounts(
            Sum(c => c.Created), Sum(c => c.Updated), Sum(c => c.Deleted) + orphans.Count, Sum(c => c.Conflicts), Sum(c => c.Unchanged),
            Sum(c => c.KeptTuned), Sum(c => c.Dashboards), units.Count(u => u.Missing), dashboardDeletes.Count);
        var report = new AlarmReconcileReport(
            run.DryRun,
            AlarmPlanner.Scope(catalog, filter),
            counts,
            [.. units.SelectMany(u => u.Created)],
            [.. units.SelectMany(u => u.Updated)],
            [.. units.SelectMany(u => u.Deleted).Concat(orphans)],
            [.. units.SelectMany(u => u.Conflicts)],
            [.. units.SelectMany(u => u.KeptTuned)],
            [.. units.SelectMany(u => u.Dashboards)],
            [.. units.Where(u => u.Missing).Select(u => u.TableName)],
            run.RunbooksVersion,
            dashboardDeletes,
            units.Count,
            units.Any(u => u.Truncated),
            filter is null && input.Orphans is { Truncated: true });
        bool dryRun = run.DryRun;
        var output = new FinishAlarmReconcileOutput(
            dryRun,
            dryRun ? [] : [.. orphans.Chunk(PlanAlarmReconcileHandler.DeleteBatchSize).Select(c => new DeleteAlarmsRequest(c))],
            dryRun ? [] : [.. dashboardDeletes.Chunk(PlanAlarmReconcileHandler.DeleteBatchSize).Select(c => new DeleteDashboardsRequest(c))],
            report);
        Publish(report);
        LogFinished(dryRun, units.Count, counts.Created, counts.Updated, counts.Deleted, orphans.Count, counts.Conflicts, counts.Unchanged, counts.MissingTables, counts.DashboardsDeleted);
        return Task.FromResult(output);
    }

    private void Publish(AlarmReconcileReport report)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["dryRun"] = report.DryRun ? "true" : "false",
            ["runbooksVersion"] = report.RunbooksVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        Services.Metrics.Publish(new MetricBatch(IncidentMetrics.Namespace(),
            new Dictionary<string, string> { ["Workflow"] = "alarm-reconcile" },
            [
                new("AlarmsCreated", report.DryRun ? 0 : report.Counts.Created),
                new("AlarmsUpdated", report.DryRun ? 0 : report.Counts.Updated),
                new("AlarmsDeleted", report.DryRun ? 0 : report.Counts.Deleted),
                new("AlarmDrift", report.Counts.Created + report.Counts.Updated + report.Counts.Deleted),
                new("AlarmConflicts", report.Counts.Conflicts),
                new("ManagedTablesMissing", report.Counts.MissingTables),
            ],
            properties));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm reconcile finished (dryRun {DryRun}): {Units} units, {Created} created, {Updated} updated, {Deleted} deleted ({Orphans} orphaned), {Conflicts} conflicts, {Unchanged} unchanged, {Missing} tables missing, {DashboardsDeleted} dashboards deleted")]
    private partial void LogFinished(bool dryRun, int units, int created, int updated, int deleted, int orphans, int conflicts, int unchanged, int missing, int dashboardsDeleted);
}
