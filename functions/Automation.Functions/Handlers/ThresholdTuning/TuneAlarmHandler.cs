using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Automation.Core.Alarms;
using Automation.Core.Facts;
using Automation.Core.Segments;
using Automation.Core.Tuning;
using Automation.Functions.Aws;
using Automation.Functions.Contracts.AlarmReconcile;
using Automation.Functions.Contracts.ThresholdTuning;
using Automation.Functions.Mapping;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.ThresholdTuning;

/// <summary>
/// <c>TuneAlarm</c>: one alarm's decision. Tune/incident runs read the alarm's incidents over the tuning window (the
/// incident table's ByTable GSI, filtered by alarm name, at most <see cref="MaxIncidents"/>) and its last change,
/// classify the incidents (<see cref="OutcomeClassifier"/>, false-alarm signals as data), and let
/// <see cref="ThresholdTuner"/> decide over the baseline (GetMetricData's answer, scaled to the alarm's period).
/// Revert runs put the change's old threshold and evaluation periods back. A change gets a deterministic id (same
/// alarm, values, incidents and previous change → same id, so a retried run records once) and the full
/// PutMetricAlarm request (<see cref="AlarmSpecBuilder.Build"/> with the tuned values, so the marker's <c>tuned=</c>
/// tells reconcile to keep it). A dry run (request or segment setting) returns neither request nor change.
/// Reads only.
/// </summary>
public sealed partial class TuneAlarmHandler(
    StepServices services, RunbookCatalogProvider runbooks, IncidentStoreProvider incidents, ThresholdChangeStoreProvider changes)
    : StepHandler<TuneAlarmInput, TuneAlarmOutput>(services)
{
    public const string StepName = "TuneAlarm";

    /// <summary>Incidents read per alarm at most (the latest are kept).</summary>
    public const int MaxIncidents = 500;

    /// <summary>What counts as a false alarm: the defaults (NotThrottling, and triage's "DynamoDB is healthy").</summary>
    public static IReadOnlyList<FalseAlarmSignal> FalseAlarmSignals => OutcomeClassifier.DefaultFalseAlarmSignals;

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => [ErrorTypes.TransientDependencyError, ErrorTypes.DeadlineExceeded];

    protected override async Task<TuneAlarmOutput> RunAsync(TuneAlarmInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        PrepareThresholdTuningOutput prepared = input.Prepared ?? throw InputError.Field("prepared", "is required (PrepareThresholdTuning's output)");
        TuningItem item = input.Item ?? throw InputError.Field("item", "is required (one of SelectTuningAlarms' items)");
        AlarmOwnerInput owner = input.Owner is { AlarmNamePrefix.Length: > 0, ManagedBy.Length: > 0 } o ? o : throw InputError.Field("owner", "needs alarmNamePrefix and managedBy");
        SegmentDefinition segment = runbooks.Catalog.Segments.FirstOrDefault(s => string.Equals(s.Name, item.Segment, StringComparison.Ordinal)) is { Alarms: not null } s
            ? s : throw InputError.Field("item.segment", $"'{item.Segment}' is not a segment with alarms");
        AlarmSettings settings = segment.Alarms!;
        AlarmKindSettings configured = settings.For(item.Kind);
        DateTimeOffset now = Services.Time.GetUtcNow();
        ThresholdChange? last = await changes.Store.LatestAsync(item.AlarmName, cancellationToken).ConfigureAwait(false);
        var target = new AlarmTarget(segment.Name, segment.Version, item.TableName, item.IndexName);
        var alarmOwner = new AlarmOwner(owner.AlarmNamePrefix, owner.ManagedBy);

        if (prepared.Mode == ThresholdTuningMode.Revert)
        {
            ThresholdChange reverted = prepared.Revert ?? throw InputError.Field("prepared.revert", "is required in a revert run");
            if (!string.Equals(reverted.AlarmName, item.AlarmName, StringComparison.Ordinal))
            {
                throw InputError.Field("item.alarmName", $"is {item.AlarmName}; the change {reverted.ChangeId} is of {reverted.AlarmName}");
            }

            string id = ChangeId("revert", item.AlarmName, reverted.ChangeId, last?.ChangeId ?? "-");
            ThresholdChange revert = ThresholdChanges.Revert(reverted, now, id) with { StartedBy = prepared.StartedBy };
            revert = revert with
            {
                OldThreshold = item.Threshold,
                OldEvaluationPeriods = item.EvaluationPeriods,
                Reason = revert.Reason + " Reason: " + prepared.RevertReason,
            };
            bool backToBase = revert.NewThreshold.Equals(configured.Threshold) && revert.NewEvaluationPeriods == configured.EvaluationPeriods;
            AlarmSpec spec = AlarmSpecBuilder.Build(alarmOwner, target, item.Kind, item.Qualifier, settings,
                backToBase ? null : revert.NewThreshold, backToBase ? null : revert.NewEvaluationPeriods);
            LogDecided(item.AlarmName, "Revert", item.Threshold, revert.NewThreshold, false);
            return new TuneAlarmOutput(PutMetricAlarmRequest.From(spec, withTags: false), revert,
                new TuningAlarmReport(item.AlarmName, item.Segment, item.Kind, "Revert", true, false, item.Threshold, revert.NewThreshold,
                    item.EvaluationPeriods, revert.NewEvaluationPeriods, revert.Reason, id, revert.IncidentIds, 0, 0, []));
        }

        bool dryRun = prepared.DryRun || settings.Tuning.DryRun;
        DateTimeOffset from = now.AddDays(-settings.Tuning.WindowDays);
        var seen = new List<Incident>();
        await foreach (Incident incident in incidents.Store.ListByTableAsync(item.TableName, from, now.AddMilliseconds(1), cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(incident.Trigger.AlarmName, item.AlarmName, StringComparison.Ordinal))
            {
                seen.Add(incident);
            }
        }

        List<Incident> window = [.. seen.OrderByDescending(i => i.OpenedAt).Take(MaxIncidents)];
        MetricSeries series = Series(item, input.Baseline);
        List<TuningOutcome> outcomes = [.. window.Select(i => OutcomeClassifier.Classify(i, series, item.Threshold, settings.Tuning.LateImpactMinutes, FalseAlarmSignals))];
        List<TimeWindow> windows = [.. window.Select(i => new TimeWindow(i.MitigationClockStart, i.ClosedAt ?? now))];
        TuningDecision decision = ThresholdTuner.Decide(new TuningInput(item.Threshold, item.EvaluationPeriods, configured, settings.Tuning, outcomes, last?.DecidedAt, series, windows, now));
        string changeId = ChangeId("tune", item.AlarmName, Number(item.Threshold), Number(decision.Threshold),
            item.EvaluationPeriods.ToString(CultureInfo.InvariantCulture), decision.EvaluationPeriods.ToString(CultureInfo.InvariantCulture),
            string.Join(",", decision.IncidentIds), last?.ChangeId ?? "-");
        ThresholdChange? change = ThresholdChanges.From(decision, changeId, item.AlarmName, item.Segment, item.Kind, item.Threshold, item.EvaluationPeriods, dryRun, now);
        change = change is null ? null : change with { StartedBy = prepared.StartedBy };
        bool apply = change is not null && !dryRun;
        PutMetricAlarmRequest? put = apply
            ? PutMetricAlarmRequest.From(AlarmSpecBuilder.Build(alarmOwner, target, item.Kind, item.Qualifier, settings, decision.Threshold, decision.EvaluationPeriods), withTags: false)
            : null;
        var classified = outcomes.Where(x => x.Kind != TuningOutcomeKind.Neutral).ToList();
        var report = new TuningAlarmReport(item.AlarmName, item.Segment, item.Kind, decision.Action.ToString(), apply, dryRun, item.Threshold, decision.Threshold,
            item.EvaluationPeriods, decision.EvaluationPeriods, decision.Reason, change?.ChangeId, decision.IncidentIds,
            classified.Count, classified.Count(x => x.Kind == TuningOutcomeKind.FalseAlarm),
            [.. window.Where(i => i.Status == IncidentStatus.Mitigated && i.TimeToMitigateMs is not null).Select(i => i.TimeToMitigateMs!.Value)]);
        LogDecided(item.AlarmName, report.Action, item.Threshold, decision.Threshold, dryRun);
        return new TuneAlarmOutput(put, apply ? change : null, report);
    }

    /// <summary>
    /// The baseline in the threshold's unit: GetMetricData's values of the result query; for count (Sum) kinds each
    /// coarse value is scaled to the alarm's period (the mean per alarm period). Missing or empty → no datapoints.
    /// </summary>
    public static MetricSeries Series(TuningItem item, IReadOnlyList<RawMetricDataResult>? results)
    {
        ArgumentNullException.ThrowIfNull(item);
        int period = item.Baseline?.PeriodSeconds ?? item.AlarmPeriodSeconds;
        double scale = IsCount(item.Kind) ? (double)item.AlarmPeriodSeconds / period : 1.0;
        RawMetricDataResult? result = (results ?? []).FirstOrDefault(r => r is not null && string.Equals(r.Id, item.Baseline?.ResultId, StringComparison.Ordinal));
        var points = new List<MetricDatapoint>();
        if (result is { Timestamps: { } ts, Values: { } values })
        {
            for (int j = 0; j < Math.Min(ts.Count, values.Count); j++)
            {
                points.Add(new MetricDatapoint(RawTimestamp.Read(ts[j], $"baseline.Timestamps[{j}]"), values[j] * scale));
            }
        }

        // The core reads only the datapoints and period; the metric name is nominal.
        return new MetricSeries(DynamoDbMetric.ThrottledRequests, item.IndexName, MetricStatistic.Sum, period, points);
    }

    /// <summary>Kinds whose threshold is a count per alarm period (Sum), as opposed to a latency, a percentage or an average.</summary>
    public static bool IsCount(AlarmKind kind) =>
        kind is not (AlarmKind.Latency or AlarmKind.ReplicationLatency or AlarmKind.ReadCapacityUtilisation or AlarmKind.WriteCapacityUtilisation or AlarmKind.UserErrors);

    /// <summary>A deterministic id over the parts: <c>tc-</c> and 20 hex digits of their SHA-256.</summary>
    public static string ChangeId(params string[] parts)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", parts)));
        return "tc-" + Convert.ToHexStringLower(hash)[..20];
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Threshold tuning: {AlarmName} {Action} {Old} → {New} (dryRun {DryRun})")]
    private partial void LogDecided(string alarmName, string action, double old, double @new, bool dryRun);
}
