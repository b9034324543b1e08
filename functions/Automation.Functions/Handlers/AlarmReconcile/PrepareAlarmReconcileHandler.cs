using Automation.Core.Alarms;
using Automation.Core.Segments;
using Automation.Functions.Contracts.AlarmReconcile;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.AlarmReconcile;

/// <summary>
/// <c>PrepareAlarmReconcile</c>: checks the execution's input (<c>{dryRun?, segments?}</c>; a segment the runbooks
/// folder does not have is an input error naming it) and splits the run into units (<see cref="AlarmUnits"/>: one per
/// managed table the segments in scope cover, and the account alarm's), which the state machine reconciles one by one.
/// Pure over the runbooks folder.
/// </summary>
public sealed partial class PrepareAlarmReconcileHandler(StepServices services, RunbookCatalogProvider runbooks)
    : StepHandler<PrepareAlarmReconcileInput, PrepareAlarmReconcileOutput>(services)
{
    public const string StepName = "PrepareAlarmReconcile";

    /// <summary>
    /// The most units one run takes: the Map's results (one summary each) travel in the state beside the orphans, and
    /// every unit costs about 40 history events of the 25,000 an execution may have. More fails
    /// <see cref="ErrorTypes.ExecutionStateTooLarge"/> naming how to split the run.
    /// </summary>
    public const int MaxUnits = 200;

    /// <summary>What all the units' summaries together may weigh (UTF-8 JSON), shared out evenly.</summary>
    public const int UnitReportsBudgetBytes = 80_000;

    /// <summary>The most one unit's summary may weigh when the run has few units.</summary>
    public const int MaxUnitReportBytes = 40_000;

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.None;

    protected override Task<PrepareAlarmReconcileOutput> RunAsync(PrepareAlarmReconcileInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        AlarmReconcileRequest request = input.Request ?? new AlarmReconcileRequest();
        SegmentCatalog catalog = runbooks.Catalog;
        IReadOnlyList<string>? segments = Validate(catalog, request.Segments);
        AlarmOwner owner = PlanAlarmReconcileHandler.Owner(input.Owner);
        IReadOnlyList<AlarmUnit> units = AlarmUnits.For(catalog, owner, segments);
        if (units.Count > MaxUnits)
        {
            string[] half = [.. catalog.Segments.Where(s => s.Alarms is not null && (segments is null || segments.Contains(s.Name, StringComparer.Ordinal)))
                .Select(s => s.Name).Take(Math.Max(1, units.Count / 2))];
            throw new AutomationException(ErrorTypes.ExecutionStateTooLarge, string.Concat(
                FormattableString.Invariant($"The segments in scope make {units.Count:N0} units (managed tables, and the account alarm); one run reconciles at most {MaxUnits:N0} (each unit's summary "),
                "travels in the state, and each costs history events). Nothing was written. Split the run: start it with \"segments\" naming fewer segments, ",
                $"e.g. {{\"segments\": [\"{string.Join("\", \"", half)}\"]}} and then the others."));
        }

        bool dryRun = request.DryRun ?? false;
        int reportBytes = Math.Min(MaxUnitReportBytes, UnitReportsBudgetBytes / Math.Max(1, units.Count));
        LogPrepared(dryRun, segments is null ? "every segment" : string.Join(", ", segments), units.Count);
        return Task.FromResult(new PrepareAlarmReconcileOutput(
            new ReconcileRun(dryRun, segments, catalog.Version, reportBytes),
            [.. units.Select(u => new ReconcileUnitInput(u.TableName, u.AlarmNamePrefix, !u.IsAccount))],
            segments is null));
    }

    /// <summary>The filter, checked: every name a segment with alarms (or <c>defaults</c> for the account alarm), no repeats.</summary>
    public static IReadOnlyList<string>? Validate(SegmentCatalog catalog, IReadOnlyList<string>? segments)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (segments is null)
        {
            return null;
        }

        if (segments.Count == 0)
        {
            throw InputError.Field("request.segments", "must name at least one segment (leave it out to reconcile every segment)");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < segments.Count; i++)
        {
            string name = segments[i];
            if (!seen.Add(name))
            {
                throw InputError.Field($"request.segments[{i}]", $"names '{name}' twice");
            }

            if (name == AlarmSpecBuilder.AccountSegment)
            {
                continue;
            }

            SegmentDefinition? segment = catalog.Segments.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
            if (segment is null)
            {
                throw InputError.Field($"request.segments[{i}]",
                    $"'{name}' is not a segment of the runbooks folder (segments: {string.Join(", ", catalog.Segments.Select(s => s.Name))}; '{AlarmSpecBuilder.AccountSegment}' for the account alarm)");
            }

            if (segment.Alarms is null)
            {
                throw InputError.Field($"request.segments[{i}]", $"'{name}' is a key-prefix segment: it has no alarms (its table's and index's segments do)");
            }
        }

        return segments;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm reconcile: dryRun {DryRun}, {Segments}, {Units} units (managed tables and the account alarm)")]
    private partial void LogPrepared(bool dryRun, string segments, int units);
}
