using Automation.Core.Alarms;
using Automation.Functions.Contracts.AlarmReconcile;

namespace Automation.Functions.Handlers.AlarmReconcile;

/// <summary>
/// <c>FindOrphanAlarms</c>: on a full run, after every unit is reconciled, one DescribeAlarms page over the whole prefix:
/// keeps the names of this stack's alarms that no unit covers (<see cref="AlarmUnits.IsOrphan"/>: their table is no
/// longer managed by any segment), for FinishAlarmReconcile to delete. Names only, and at most
/// <see cref="MaxOrphans"/> a run: more stops the listing (<c>truncated</c>), and the next run deletes the rest. Pure
/// but for logs.
/// </summary>
public sealed partial class FindOrphanAlarmsHandler(StepServices services)
    : StepHandler<FindOrphanAlarmsInput, FindOrphanAlarmsOutput>(services)
{
    public const string StepName = "FindOrphanAlarms";

    /// <summary>The most orphaned alarms one run deletes (their names travel in the state twice: the report and the deletes).</summary>
    public const int MaxOrphans = 500;

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.None;

    protected override Task<FindOrphanAlarmsOutput> RunAsync(FindOrphanAlarmsInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        AlarmOwner owner = PlanAlarmReconcileHandler.Owner(input.Owner);
        if (input.Units is null)
        {
            throw InputError.Field("units", "is required (PrepareAlarmReconcile's units)");
        }

        List<AlarmUnit> units = [.. input.Units.Select((u, i) => u is null || string.IsNullOrEmpty(u.TableName) || string.IsNullOrEmpty(u.AlarmNamePrefix)
            ? throw InputError.Field($"units[{i}]", "needs tableName and alarmNamePrefix")
            : new AlarmUnit(u.TableName, u.AlarmNamePrefix))];
        var orphans = new List<string>(input.Collected ?? []);
        var seen = orphans.ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<RawMetricAlarm> page = input.Page?.MetricAlarms ?? [];
        bool truncated = false;
        for (int i = 0; i < page.Count; i++)
        {
            RawMetricAlarm a = page[i] ?? throw InputError.Field($"page.MetricAlarms[{i}]", "is null");
            ExistingAlarm alarm = PlanAlarmReconcileHandler.ToExisting(a, $"page.MetricAlarms[{i}]");
            if (!AlarmUnits.IsOrphan(alarm, owner, units) || !seen.Add(alarm.AlarmName))
            {
                continue;
            }

            if (orphans.Count >= MaxOrphans)
            {
                truncated = true;
                break;
            }

            orphans.Add(alarm.AlarmName);
        }

        string? next = truncated || string.IsNullOrEmpty(input.Page?.NextToken) ? null : input.Page!.NextToken;
        LogFound(page.Count, orphans.Count, next is not null, truncated);
        return Task.FromResult(new FindOrphanAlarmsOutput(orphans, next, next is not null, truncated, orphans.Count));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm reconcile: {Page} alarms on this page, {Orphans} orphaned alarms found so far, more pages {More}, truncated {Truncated}")]
    private partial void LogFound(int page, int orphans, bool more, bool truncated);
}
