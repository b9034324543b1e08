using Automation.Core.Alarms;
using Automation.Core.Segments;
using Automation.Functions.Contracts.AlarmReconcile;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.AlarmReconcile;

/// <summary>
/// <c>PrepareAlarmReconcile</c>: checks the execution's input (<c>{dryRun?, segments?}</c>; a segment the runbooks
/// folder does not have is an input error naming it) and lists the managed tables the segments in scope cover, for the
/// state machine to describe. Pure over the runbooks folder.
/// </summary>
public sealed partial class PrepareAlarmReconcileHandler(StepServices services, RunbookCatalogProvider runbooks)
    : StepHandler<PrepareAlarmReconcileInput, PrepareAlarmReconcileOutput>(services)
{
    public const string StepName = "PrepareAlarmReconcile";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.None;

    protected override Task<PrepareAlarmReconcileOutput> RunAsync(PrepareAlarmReconcileInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        AlarmReconcileRequest request = input.Request ?? new AlarmReconcileRequest();
        SegmentCatalog catalog = runbooks.Catalog;
        IReadOnlyList<string>? segments = Validate(catalog, request.Segments);
        IReadOnlyList<string> tables = AlarmPlanner.ManagedTables(catalog);
        if (segments is not null)
        {
            var inScope = catalog.Segments.Where(s => segments.Contains(s.Name, StringComparer.Ordinal) && s.Covers.KeyPrefix is null)
                .Select(s => s.Covers.Table).ToHashSet(StringComparer.Ordinal);
            tables = [.. tables.Where(inScope.Contains)];
        }

        bool dryRun = request.DryRun ?? false;
        LogPrepared(dryRun, segments is null ? "every segment" : string.Join(", ", segments), tables.Count);
        return Task.FromResult(new PrepareAlarmReconcileOutput(dryRun, segments, tables, catalog.Version));
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm reconcile: dryRun {DryRun}, {Segments}, {Tables} managed tables to describe")]
    private partial void LogPrepared(bool dryRun, string segments, int tables);
}
