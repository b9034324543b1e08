using Automation.Core.Alarms;
using Automation.Core.Facts;
using Automation.Core.Segments;
using Automation.Functions.Contracts.AlarmReconcile;
using Automation.Functions.Handlers.Incidents;
using Automation.Functions.Mapping;
using Automation.Functions.Metrics;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.AlarmReconcile;

/// <summary>
/// <c>PlanAlarmReconcile</c>: the segments' desired alarms (<see cref="AlarmPlanner"/>) against the alarms under the
/// prefix (<see cref="AlarmReconciler"/>), as PutMetricAlarm / DeleteAlarms / PutDashboard requests for the state
/// machine (none in a dry run) and a report of what changes. Publishes the counts as EMF metrics. Pure but for logs
/// and metrics.
/// </summary>
public sealed partial class PlanAlarmReconcileHandler(StepServices services, RunbookCatalogProvider runbooks)
    : StepHandler<PlanAlarmReconcileInput, PlanAlarmReconcileOutput>(services)
{
    public const string StepName = "PlanAlarmReconcile";

    /// <summary>DeleteAlarms takes at most this many names per call (DeleteDashboards: the same batches).</summary>
    public const int DeleteBatchSize = 100;

    /// <summary>Step Functions' limit on a state's data (and a task's result), UTF-8 bytes.</summary>
    public const int StateLimitBytes = 256 * 1024;

    /// <summary>
    /// The largest plan (this step's output, serialized) the step hands back: the state limit less room for the
    /// Lambda integration's envelope and the state's other fields. A bigger plan fails
    /// <see cref="ErrorTypes.ExecutionStateTooLarge"/> before anything is written.
    /// </summary>
    public const int MaxPlanBytes = 240_000;

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.None;

    protected override Task<PlanAlarmReconcileOutput> RunAsync(PlanAlarmReconcileInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        SegmentCatalog catalog = runbooks.Catalog;
        PrepareAlarmReconcileOutput prepared = input.Prepared ?? throw InputError.Field("prepared", "is required (PrepareAlarmReconcile's output)");
        IReadOnlyList<string>? filter = PrepareAlarmReconcileHandler.Validate(catalog, prepared.Segments);
        var owner = Owner(input.Owner);
        string region = string.IsNullOrWhiteSpace(input.Region) ? throw InputError.Field("region", "is required") : input.Region;
        var (facts, missing) = Facts(input.Tables ?? [], region);
        AlarmPlan plan = AlarmPlanner.Plan(catalog, facts, owner, filter);
        plan = plan with { MissingTables = [.. plan.MissingTables.Concat(missing).Distinct(StringComparer.Ordinal)] };
        IReadOnlyList<ExistingAlarm> existing = [.. (input.Alarms ?? []).Select((a, i) => ToExisting(a, $"alarms[{i}]"))];
        ReconcilePlan changes = AlarmReconciler.Reconcile(plan, existing, owner, filter);
        List<DashboardSpec> dashboards = [.. catalog.Segments
            .Where(s => s.Alarms is { Enabled: true } && (filter is null || filter.Contains(s.Name, StringComparer.Ordinal)))
            .Select(s => DashboardBuilder.Build(owner.AlarmNamePrefix, s, region, IncidentMetrics.Namespace(), owner.ManagedBy,
                facts.FirstOrDefault(f => string.Equals(f.TableName, s.Covers.Table, StringComparison.Ordinal))))
            .OfType<DashboardSpec>()];
        IReadOnlyList<string> dashboardDeletes = DashboardReconciler.Deletes(catalog,
            [.. (input.Dashboards ?? []).Select((d, i) => ToExisting(d, $"dashboards[{i}]"))], owner, filter);
        bool dryRun = prepared.DryRun;
        var report = new AlarmReconcileReport(
            dryRun,
            plan.Segments,
            new AlarmReconcileCounts(changes.Creates.Count, changes.Updates.Count, changes.Deletes.Count, changes.Conflicts.Count,
                changes.Unchanged.Count, changes.KeptTuned.Count, dashboards.Count, plan.MissingTables.Count, dashboardDeletes.Count),
            [.. changes.Creates.Select(c => c.AlarmName)],
            [.. changes.Updates.Select(u => new AlarmUpdateReport(u.Spec.AlarmName, u.Drifted))],
            changes.Deletes,
            [.. changes.Conflicts.Select(c => new AlarmConflictReport(c.AlarmName, c.Reason))],
            changes.KeptTuned,
            [.. dashboards.Select(d => d.DashboardName)],
            plan.MissingTables,
            prepared.RunbooksVersion,
            dashboardDeletes);
        List<PutMetricAlarmRequest> puts = dryRun
            ? []
            : [.. changes.Creates.Select(c => PutMetricAlarmRequest.From(c, withTags: true)), .. changes.Updates.Select(u => PutMetricAlarmRequest.From(u.Spec, withTags: false))];
        List<DeleteAlarmsRequest> deletes = dryRun ? [] : [.. changes.Deletes.Chunk(DeleteBatchSize).Select(c => new DeleteAlarmsRequest(c))];
        List<PutDashboardRequest> boards = dryRun ? [] : [.. dashboards.Select(d => new PutDashboardRequest(d.DashboardName, d.DashboardBody))];
        List<DeleteDashboardsRequest> boardDeletes = dryRun ? [] : [.. dashboardDeletes.Chunk(DeleteBatchSize).Select(c => new DeleteDashboardsRequest(c))];
        var output = new PlanAlarmReconcileOutput(dryRun, puts, deletes, boards, report, boardDeletes);
        EnsureFits(output, plan.Segments);
        Publish(report);
        LogPlanned(dryRun, report.Counts.Created, report.Counts.Updated, report.Counts.Deleted, report.Counts.Conflicts, report.Counts.Unchanged, report.Counts.MissingTables);
        return Task.FromResult(output);
    }

    /// <summary>The plan's size as the state machine carries it (UTF-8 JSON, the step's own serialization).</summary>
    public static int SizeOf(PlanAlarmReconcileOutput output) =>
        System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(output, Contracts.StepJsonContext.Default.PlanAlarmReconcileOutput).Length;

    /// <summary>
    /// Fails <see cref="ErrorTypes.ExecutionStateTooLarge"/> when the plan would not fit the state limit, naming its size,
    /// the bound, about how many alarm writes fit, and how to split the run (<c>segments</c>). Nothing has been written.
    /// </summary>
    public static void EnsureFits(PlanAlarmReconcileOutput output, IReadOnlyList<string> segments)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(segments);
        int size = SizeOf(output);
        if (size <= MaxPlanBytes)
        {
            return;
        }

        int writes = output.Puts.Count;
        int perWrite = writes == 0 ? 0 : size / writes;
        string fit = perWrite == 0 ? string.Empty : $" (about {MaxPlanBytes / perWrite:N0} alarm writes of this size fit in one run)";
        string[] tableSegments = [.. segments.Where(s => s != AlarmSpecBuilder.AccountSegment)];
        string half = string.Join("\", \"", tableSegments.Take(Math.Max(1, tableSegments.Length / 2)));
        throw new AutomationException(ErrorTypes.ExecutionStateTooLarge, string.Concat(
                FormattableString.Invariant($"The reconcile plan is {size:N0} bytes ({writes:N0} alarm writes, {output.Dashboards.Count:N0} dashboards); Step Functions carries at most "),
                FormattableString.Invariant($"{StateLimitBytes:N0} bytes between states and this step allows {MaxPlanBytes:N0}{fit}. Nothing was written. Split the run: start it "),
                FormattableString.Invariant($"with \"segments\" naming fewer segments, e.g. {{\"segments\": [\"{half}\"]}} and then the others (or a dry run first: it carries no requests).")));
    }

    private static AlarmOwner Owner(AlarmOwnerInput? owner)
    {
        if (owner is null || string.IsNullOrWhiteSpace(owner.AlarmNamePrefix))
        {
            throw InputError.Field("owner.alarmNamePrefix", "is required (the template's AlarmNamePrefix)");
        }

        if (string.IsNullOrWhiteSpace(owner.ManagedBy))
        {
            throw InputError.Field("owner.managedBy", "is required (the stack name)");
        }

        return new AlarmOwner(owner.AlarmNamePrefix, owner.ManagedBy);
    }

    private static (List<TableFacts> Facts, List<string> Missing) Facts(IReadOnlyList<DescribedTable> tables, string region)
    {
        var facts = new List<TableFacts>();
        var missing = new List<string>();
        for (int i = 0; i < tables.Count; i++)
        {
            DescribedTable t = tables[i] ?? throw InputError.Field($"tables[{i}]", "is null");
            if (t.Table is null)
            {
                missing.Add(t.TableName);
                continue;
            }

            TableFacts f = DescribeTableMapper.Map(t.Table, $"tables[{i}].table");
            facts.Add(f with { ReplicaRegions = [.. f.ReplicaRegions.Where(r => !string.Equals(r, region, StringComparison.Ordinal))] });
        }

        return (facts, missing);
    }

    /// <summary>A collected dashboard as the dashboard reconciler compares it.</summary>
    public static ExistingDashboard ToExisting(FoundDashboard d, string field)
    {
        if (d is null || string.IsNullOrEmpty(d.DashboardName))
        {
            throw InputError.Field(field + ".dashboardName", "is required");
        }

        return new ExistingDashboard(d.DashboardName,
            string.IsNullOrEmpty(d.ManagedBy) || string.IsNullOrEmpty(d.Segment) ? null : new DashboardMarker(d.ManagedBy, d.Segment));
    }

    /// <summary>A DescribeAlarms entry as the reconciler compares it.</summary>
    public static ExistingAlarm ToExisting(RawMetricAlarm a, string field)
    {
        ArgumentNullException.ThrowIfNull(a);
        string name = string.IsNullOrEmpty(a.AlarmName) ? throw InputError.Field(field + ".AlarmName", "is required") : a.AlarmName;
        SpecMetric? metric = a.MetricName is null
            ? null
            : new SpecMetric(a.Namespace ?? string.Empty, a.MetricName, Dimensions(a.Dimensions), a.Period ?? 0, a.Statistic, a.ExtendedStatistic);
        IReadOnlyList<SpecMetricQuery>? metrics = a.Metrics is { Count: > 0 } list
            ? [.. list.Select(q => new SpecMetricQuery(
                q.Id ?? string.Empty,
                q.Expression,
                q.MetricStat is { } s
                    ? new SpecMetric(s.Metric?.Namespace ?? string.Empty, s.Metric?.MetricName ?? string.Empty, Dimensions(s.Metric?.Dimensions), s.Period ?? 0, s.Stat, null)
                    : null,
                q.Label,
                q.ReturnData ?? true))]
            : null;
        return new ExistingAlarm(name, a.AlarmDescription, metric, metrics, a.ComparisonOperator, a.Threshold, a.ThresholdMetricId,
            a.EvaluationPeriods ?? 0, a.DatapointsToAlarm, a.TreatMissingData, a.ActionsEnabled ?? true);
    }

    private static List<SpecDimension> Dimensions(IReadOnlyList<AlarmDimensionRequest>? dimensions) =>
        [.. (dimensions ?? []).Select(d => new SpecDimension(d.Name, d.Value))];

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm reconcile (dryRun {DryRun}): {Created} to create, {Updated} to update, {Deleted} to delete, {Conflicts} conflicts, {Unchanged} unchanged, {Missing} tables missing")]
    private partial void LogPlanned(bool dryRun, int created, int updated, int deleted, int conflicts, int unchanged, int missing);
}
