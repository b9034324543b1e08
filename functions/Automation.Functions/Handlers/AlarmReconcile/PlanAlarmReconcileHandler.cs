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
/// <c>PlanAlarmReconcile</c>: one unit of the run (<see cref="AlarmUnits"/>: a managed table with its GSIs, or the
/// account alarm), one pass: the unit's desired alarms (<see cref="AlarmPlanner"/>) against the alarms under its prefix
/// (<see cref="AlarmReconciler"/>), as PutMetricAlarm / DeleteAlarms / PutDashboard requests for the state machine
/// (none in a dry run), and the unit's report. A pass carries at most <see cref="PassWriteBudgetBytes"/> of writes; a
/// unit with more says <c>hasMore</c>, and the state machine writes them, lists the unit's alarms again and plans the
/// rest (what it wrote now reads back unchanged). Pure but for logs.
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
    /// The most one pass's PutMetricAlarm and PutDashboard requests weigh (UTF-8 JSON): the pass's result shares the
    /// unit's state with its table, its report and the report carried from the passes before.
    /// </summary>
    public const int PassWriteBudgetBytes = 100_000;

    /// <summary>
    /// Passes after which a unit that still has writes fails <see cref="ErrorTypes.ConcurrentModification"/>: what
    /// earlier passes wrote does not read back as written, so something else keeps changing the unit's alarms.
    /// </summary>
    public const int MaxPasses = 12;

    /// <summary>The largest result (this step's output, serialized) the step hands back; more fails <see cref="ErrorTypes.ExecutionStateTooLarge"/>.</summary>
    public const int MaxPlanBytes = 200_000;

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.None;

    protected override Task<PlanAlarmReconcileOutput> RunAsync(PlanAlarmReconcileInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        SegmentCatalog catalog = runbooks.Catalog;
        ReconcileRun run = input.Run ?? throw InputError.Field("run", "is required (PrepareAlarmReconcile's run)");
        IReadOnlyList<string>? filter = PrepareAlarmReconcileHandler.Validate(catalog, run.Segments);
        AlarmOwner owner = Owner(input.Owner);
        string region = string.IsNullOrWhiteSpace(input.Region) ? throw InputError.Field("region", "is required") : input.Region;
        ReconcileUnitInput unit = input.Unit ?? throw InputError.Field("unit", "is required (one of PrepareAlarmReconcile's units)");
        if (string.IsNullOrEmpty(unit.TableName))
        {
            throw InputError.Field("unit.tableName", "is required");
        }

        UnitReconcileReport? carried = input.Carried;
        if (carried is not null && !string.Equals(carried.TableName, unit.TableName, StringComparison.Ordinal))
        {
            throw InputError.Field("carried.tableName", $"is '{carried.TableName}', not the unit's '{unit.TableName}'");
        }

        int pass = (carried?.Passes ?? 0) + 1;
        var (facts, missing) = Facts(unit, input.Table, region);
        AlarmPlan plan = AlarmPlanner.Plan(catalog, facts, owner, filter, unit.TableName);
        IReadOnlyList<ExistingAlarm> existing = [.. (input.Alarms ?? []).Select((a, i) => ToExisting(a, $"alarms[{i}]"))];
        ReconcilePlan changes = AlarmReconciler.Reconcile(plan, existing, owner, filter, unit.TableName);
        var doneBoards = new HashSet<string>(carried?.Dashboards ?? [], StringComparer.Ordinal);
        List<DashboardSpec> boards = [.. catalog.Segments
            .Where(s => s.Alarms is { Enabled: true } && s.Covers.KeyPrefix is null
                && string.Equals(s.Covers.Table, unit.TableName, StringComparison.Ordinal)
                && (filter is null || filter.Contains(s.Name, StringComparer.Ordinal)))
            .Select(s => DashboardBuilder.Build(owner.AlarmNamePrefix, s, region, IncidentMetrics.Namespace(), owner.ManagedBy, facts.FirstOrDefault()))
            .OfType<DashboardSpec>()
            .Where(d => !doneBoards.Contains(d.DashboardName))];

        bool dryRun = run.DryRun;
        var batch = dryRun ? Batch.All(changes, boards) : Batch.Fill(changes, boards, PassWriteBudgetBytes);
        if (batch.HasMore && pass >= MaxPasses)
        {
            throw new AutomationException(ErrorTypes.ConcurrentModification, FormattableString.Invariant(
                $"Table '{unit.TableName}': after {pass} passes there are still {changes.Creates.Count + changes.Updates.Count} alarms to write; what the earlier passes wrote does not read back as written, so something else is changing these alarms. The alarms written so far stay; find what rewrites them and run reconcile again."));
        }

        UnitReconcileReport report = Accumulate(carried, unit.TableName, pass, batch, changes, missing);
        UnitReconcileReport summary = Trim(report, run.ReportBytes);
        var output = new PlanAlarmReconcileOutput(
            dryRun,
            dryRun ? [] : [.. batch.Creates.Select(c => PutMetricAlarmRequest.From(c, withTags: true)), .. batch.Updates.Select(u => PutMetricAlarmRequest.From(u.Spec, withTags: false))],
            dryRun ? [] : [.. changes.Deletes.Chunk(DeleteBatchSize).Select(c => new DeleteAlarmsRequest(c))],
            dryRun ? [] : [.. batch.Dashboards.Select(d => new PutDashboardRequest(d.DashboardName, d.DashboardBody))],
            report,
            summary,
            batch.HasMore);
        EnsureFits(output, unit.TableName);
        LogPlanned(unit.TableName, pass, dryRun, batch.Creates.Count, batch.Updates.Count, changes.Deletes.Count, changes.Conflicts.Count, batch.HasMore);
        // Every name, pass by pass: the report's lists may be cut to fit the state, the log's never are.
        List<string> createdNames = [.. batch.Creates.Select(c => c.AlarmName)];
        List<string> updatedNames = [.. batch.Updates.Select(u => u.Spec.AlarmName)];
        LogNames(unit.TableName, pass, createdNames, updatedNames, changes.Deletes);
        return Task.FromResult(output);
    }

    /// <summary>The result's size as the state machine carries it (UTF-8 JSON, the step's own serialization).</summary>
    public static int SizeOf(PlanAlarmReconcileOutput output) =>
        System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(output, Contracts.StepJsonContext.Default.PlanAlarmReconcileOutput).Length;

    /// <summary>The summary's size (UTF-8 JSON).</summary>
    public static int SizeOf(UnitReconcileReport report) =>
        System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(report, Contracts.StepJsonContext.Default.UnitReconcileReport).Length;

    /// <summary>
    /// Fails <see cref="ErrorTypes.ExecutionStateTooLarge"/> when one pass's result would not fit the state limit (a table
    /// with more alarms than a unit can carry), naming the size and the bound. Nothing of this pass has been written.
    /// </summary>
    public static void EnsureFits(PlanAlarmReconcileOutput output, string table)
    {
        ArgumentNullException.ThrowIfNull(output);
        int size = SizeOf(output);
        if (size > MaxPlanBytes)
        {
            throw new AutomationException(ErrorTypes.ExecutionStateTooLarge, FormattableString.Invariant(
                $"Table '{table}': one reconcile pass is {size:N0} bytes ({output.Puts.Count:N0} alarm writes, {output.Report.Counts.Conflicts:N0} conflicts, {output.Report.Deleted.Count:N0} deletes); Step Functions carries at most {StateLimitBytes:N0} bytes between states and this step allows {MaxPlanBytes:N0}. Nothing of this pass was written. Turn off alarm kinds the table does not need in its segment file (alarms.<kind>.enabled: false), or remove alarms under its prefix that are not the suite's."));
        }
    }

    /// <summary>The unit's report after this pass: what earlier passes wrote, and what this one writes.</summary>
    private static UnitReconcileReport Accumulate(UnitReconcileReport? carried, string table, int pass, Batch batch, ReconcilePlan changes, bool missing)
    {
        var writtenBefore = new HashSet<string>(StringComparer.Ordinal);
        writtenBefore.UnionWith(carried?.Created ?? []);
        writtenBefore.UnionWith((carried?.Updated ?? []).Select(u => u.AlarmName));
        List<string> created = [.. (carried?.Created ?? []).Concat(batch.Creates.Select(c => c.AlarmName)).Distinct(StringComparer.Ordinal)];
        List<AlarmUpdateReport> updated = [.. (carried?.Updated ?? []).Concat(batch.Updates.Select(u => new AlarmUpdateReport(u.Spec.AlarmName, u.Drifted)))
            .DistinctBy(u => u.AlarmName, StringComparer.Ordinal)];
        List<string> deleted = [.. (carried?.Deleted ?? []).Concat(changes.Deletes).Distinct(StringComparer.Ordinal)];
        List<AlarmConflictReport> conflicts = [.. (carried?.Conflicts ?? []).Concat(changes.Conflicts.Select(c => new AlarmConflictReport(c.AlarmName, c.Reason)))
            .DistinctBy(c => c.AlarmName, StringComparer.Ordinal)];
        List<string> kept = [.. (carried?.KeptTuned ?? []).Concat(changes.KeptTuned).Distinct(StringComparer.Ordinal)];
        List<string> dashboards = [.. (carried?.Dashboards ?? []).Concat(batch.Dashboards.Select(d => d.DashboardName)).Distinct(StringComparer.Ordinal)];
        int unchanged = changes.Unchanged.Count(n => !writtenBefore.Contains(n));
        var counts = new AlarmReconcileCounts(created.Count, updated.Count, deleted.Count, conflicts.Count, unchanged, kept.Count, dashboards.Count, missing ? 1 : 0);
        return new UnitReconcileReport(table, pass, counts, created, updated, deleted, conflicts, kept, dashboards, missing);
    }

    /// <summary>
    /// <paramref name="report"/> cut to <paramref name="budgetBytes"/>: every name list to the longest common length that
    /// fits (the counts stay whole), <c>truncated</c> when anything was cut.
    /// </summary>
    public static UnitReconcileReport Trim(UnitReconcileReport report, int budgetBytes)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (SizeOf(report) <= budgetBytes)
        {
            return report;
        }

        UnitReconcileReport Cut(int k) => report with
        {
            Created = [.. report.Created.Take(k)],
            Updated = [.. report.Updated.Take(k)],
            Deleted = [.. report.Deleted.Take(k)],
            Conflicts = [.. report.Conflicts.Take(k)],
            KeptTuned = [.. report.KeptTuned.Take(k)],
            Dashboards = [.. report.Dashboards.Take(k)],
            Truncated = true,
        };

        int low = 0;
        int high = new[] { report.Created.Count, report.Updated.Count, report.Deleted.Count, report.Conflicts.Count, report.KeptTuned.Count, report.Dashboards.Count }.Max();
        while (low < high)
        {
            int mid = (low + high + 1) / 2;
            if (SizeOf(Cut(mid)) <= budgetBytes)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return Cut(low);
    }

    /// <summary>The template's owner, checked (every reconcile step takes it from the state machine).</summary>
    public static AlarmOwner Owner(AlarmOwnerInput? owner)
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

    private static (List<TableFacts> Facts, bool Missing) Facts(ReconcileUnitInput unit, DescribedTable? described, string region)
    {
        if (!unit.Describe)
        {
            return ([], false);
        }

        DescribedTable t = described ?? throw InputError.Field("table", "is required for a table unit (DescribeTable's answer, or the error that made the table missing)");
        if (t.Table is null)
        {
            return ([], true);
        }

        TableFacts f = DescribeTableMapper.Map(t.Table, "table.table");
        if (!string.Equals(f.TableName, unit.TableName, StringComparison.Ordinal))
        {
            throw InputError.Field("table.table.TableName", $"is '{f.TableName}', not the unit's table '{unit.TableName}'");
        }

        return ([f with { ReplicaRegions = [.. f.ReplicaRegions.Where(r => !string.Equals(r, region, StringComparison.Ordinal))] }], false);
    }

    /// <summary>What one pass writes: the dashboards first, then creates, then updates, up to the budget.</summary>
    private sealed record Batch(IReadOnlyList<DashboardSpec> Dashboards, IReadOnlyList<AlarmSpec> Creates, IReadOnlyList<AlarmUpdate> Updates, bool HasMore)
    {
        public static Batch All(ReconcilePlan changes, IReadOnlyList<DashboardSpec> boards) => new(boards, changes.Creates, changes.Updates, false);

        public static Batch Fill(ReconcilePlan changes, IReadOnlyList<DashboardSpec> boards, int budget)
        {
            int used = 0;
            bool Fits(int size)
            {
                if (used > 0 && used + size > budget)
                {
                    return false;
                }

                used += size;
                return true;
            }

            var d = new List<DashboardSpec>();
            var c = new List<AlarmSpec>();
            var u = new List<AlarmUpdate>();
            foreach (DashboardSpec board in boards)
            {
                if (!Fits(Json(new PutDashboardRequest(board.DashboardName, board.DashboardBody))))
                {
                    return new(d, c, u, true);
                }

                d.Add(board);
            }

            foreach (AlarmSpec spec in changes.Creates)
            {
                if (!Fits(Json(PutMetricAlarmRequest.From(spec, withTags: true))))
                {
                    return new(d, c, u, true);
                }

                c.Add(spec);
            }

            foreach (AlarmUpdate update in changes.Updates)
            {
                if (!Fits(Json(PutMetricAlarmRequest.From(update.Spec, withTags: false))))
                {
                    return new(d, c, u, true);
                }

                u.Add(update);
            }

            return new(d, c, u, false);
        }

        private static int Json(PutDashboardRequest r) =>
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(r, Contracts.StepJsonContext.Default.PutDashboardRequest).Length + 1;

        private static int Json(PutMetricAlarmRequest r) =>
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(r, Contracts.StepJsonContext.Default.PutMetricAlarmRequest).Length + 1;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm reconcile of {Table}, pass {Pass} (dryRun {DryRun}): {Created} to create, {Updated} to update, {Deleted} to delete, {Conflicts} conflicts, more passes {HasMore}")]
    private partial void LogPlanned(string table, int pass, bool dryRun, int created, int updated, int deleted, int conflicts, bool hasMore);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm reconcile of {Table}, pass {Pass}: created {Created}, updated {Updated}, deleted {Deleted}")]
    private partial void LogNames(string table, int pass, IReadOnlyList<string> created, IReadOnlyList<string> updated, IReadOnlyList<string> deleted);
}
