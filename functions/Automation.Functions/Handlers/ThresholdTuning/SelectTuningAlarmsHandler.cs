using Automation.Core.Alarms;
using Automation.Core.Segments;
using Automation.Functions.Contracts.AlarmReconcile;
using Automation.Functions.Contracts.ThresholdTuning;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.ThresholdTuning;

/// <summary>
/// <c>SelectTuningAlarms</c>: from the alarms under the prefix (CollectAlarms' entries), the ones this run tunes: the
/// stack's own (marker <c>managed-by</c>), in the request's segment and alarm filters, whose segment still has the
/// kind enabled; each with the GetMetricData request of its baseline at a coarse period (at most
/// <see cref="MaxBaselinePoints"/> datapoints over the window, so the state never nears 256 KB). The account-level
/// UserErrors anomaly alarm is not tuned (its threshold is a band width, not a metric value). Pure.
/// </summary>
public sealed partial class SelectTuningAlarmsHandler(StepServices services, RunbookCatalogProvider runbooks)
    : StepHandler<SelectTuningAlarmsInput, SelectTuningAlarmsOutput>(services)
{
    public const string StepName = "SelectTuningAlarms";

    /// <summary>Datapoints per baseline query at most (1440 × ~40 bytes ≈ 58 KB per Map iteration).</summary>
    public const int MaxBaselinePoints = 1440;

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.None;

    protected override Task<SelectTuningAlarmsOutput> RunAsync(SelectTuningAlarmsInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        PrepareThresholdTuningOutput prepared = input.Prepared ?? throw InputError.Field("prepared", "is required (PrepareThresholdTuning's output)");
        AlarmOwnerInput owner = input.Owner is { AlarmNamePrefix.Length: > 0, ManagedBy.Length: > 0 } o ? o : throw InputError.Field("owner", "needs alarmNamePrefix and managedBy");
        SegmentCatalog catalog = runbooks.Catalog;
        DateTimeOffset now = Services.Time.GetUtcNow();
        var items = new List<TuningItem>();
        var skipped = new List<TuningSkip>();
        IReadOnlyList<RawMetricAlarm> alarms = input.Alarms ?? [];
        var found = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < alarms.Count; i++)
        {
            RawMetricAlarm a = alarms[i] ?? throw InputError.Field($"alarms[{i}]", "is null");
            string name = string.IsNullOrEmpty(a.AlarmName) ? throw InputError.Field($"alarms[{i}].AlarmName", "is required") : a.AlarmName;
            if (prepared.AlarmNames is { } names && !names.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            found.Add(name);
            if (!AlarmMarker.TryParse(a.AlarmDescription, out AlarmMarker? marker) || marker is null
                || !string.Equals(marker.ManagedBy, owner.ManagedBy, StringComparison.Ordinal))
            {
                skipped.Add(new(name, $"not this stack's alarm (no marker managed-by={owner.ManagedBy}): never touched"));
                continue;
            }

            if (prepared.Segments is { } segments && !segments.Contains(marker.Segment, StringComparer.Ordinal))
            {
                continue;
            }

            if (Select(a, marker, catalog, prepared, now, out string? why) is { } item)
            {
                items.Add(item);
            }
            else
            {
                skipped.Add(new(name, why!));
            }
        }

        foreach (string missing in (prepared.AlarmNames ?? []).Where(n => !found.Contains(n)))
        {
            skipped.Add(new(missing, "no such alarm under the prefix"));
        }

        LogSelected(items.Count, skipped.Count);
        return Task.FromResult(new SelectTuningAlarmsOutput(items, skipped, items.Count));
    }

    private static TuningItem? Select(RawMetricAlarm a, AlarmMarker marker, SegmentCatalog catalog, PrepareThresholdTuningOutput prepared, DateTimeOffset now, out string? why)
    {
        why = null;
        if (marker.Kind == AlarmKind.UserErrors || marker.TableName == AlarmSpecBuilder.AccountTable)
        {
            why = "the account-level UserErrors anomaly alarm is not tuned (its threshold is a band width)";
            return null;
        }

        SegmentDefinition? segment = catalog.Segments.FirstOrDefault(s => string.Equals(s.Name, marker.Segment, StringComparison.Ordinal));
        if (segment?.Alarms is not { Enabled: true } settings || !settings.For(marker.Kind).Enabled)
        {
            why = $"segment '{marker.Segment}' no longer asks for this alarm (alarm-reconcile deletes it)";
            return null;
        }

        double? threshold = a.Threshold;
        if (threshold is not { } current || !double.IsFinite(current) || a.EvaluationPeriods is not { } periods || periods < 1)
        {
            why = "the alarm has no static threshold and evaluation periods";
            return null;
        }

        string? qualifier = marker.Operation ?? marker.Region;
        var target = new AlarmTarget(segment.Name, segment.Version, marker.TableName, marker.IndexName);
        AlarmSpec spec = AlarmSpecBuilder.Build(new AlarmOwner("x", marker.ManagedBy), target, marker.Kind, qualifier, settings);
        BaselineQuery? baseline = prepared.Mode == ThresholdTuningMode.Revert ? null : Baseline(spec, settings.PeriodSeconds, settings.Tuning.WindowDays, now);
        return new TuningItem(a.AlarmName!, marker.Segment, marker.Kind, marker.TableName, marker.IndexName, qualifier, current, periods, settings.PeriodSeconds, baseline);
    }

    /// <summary>The coarse period: the alarm's, or the smallest multiple of 60 s that keeps the window within <see cref="MaxBaselinePoints"/>.</summary>
    public static int CoarsePeriod(int alarmPeriodSeconds, int windowDays)
    {
        long window = (long)Math.Max(1, windowDays) * 86_400;
        long needed = (window + MaxBaselinePoints - 1) / MaxBaselinePoints;
        long rounded = (needed + 59) / 60 * 60;
        return (int)Math.Max(Math.Max(60, alarmPeriodSeconds), rounded);
    }

    /// <summary>The alarm's metric (or metric math) at the coarse period over the window.</summary>
    public static BaselineQuery Baseline(AlarmSpec spec, int alarmPeriodSeconds, int windowDays, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int period = CoarsePeriod(alarmPeriodSeconds, windowDays);
        List<AlarmMetricDataQueryRequest> queries;
        string resultId;
        if (spec.Metric is { } m)
        {
            resultId = "baseline";
            queries = [new AlarmMetricDataQueryRequest(resultId, null,
                new AlarmMetricStatRequest(new AlarmMetricRequest(m.Namespace, m.MetricName, [.. m.Dimensions.Select(AlarmDimensionRequest.From)]), period, m.Stat), null, true)];
        }
        else
        {
            IReadOnlyList<SpecMetricQuery> math = spec.Metrics ?? [];
            resultId = math.LastOrDefault(q => q.ReturnData)?.Id ?? throw new InvalidOperationException($"{spec.AlarmName}: no query returns data");
            queries = [.. math.Select(q => AlarmMetricDataQueryRequest.From(q.MetricStat is { } s ? q with { MetricStat = s with { Period = period }, ReturnData = q.Id == resultId } : q with { ReturnData = q.Id == resultId }))];
        }

        DateTimeOffset end = TruncateTo(now, period);
        return new BaselineQuery(queries, end.AddDays(-Math.Max(1, windowDays)), end, period, resultId);
    }

    private static DateTimeOffset TruncateTo(DateTimeOffset t, int periodSeconds)
    {
        long s = t.ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeSeconds(s - (s % periodSeconds));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Threshold tuning: {Items} alarms to tune, {Skipped} left out")]
    private partial void LogSelected(int items, int skipped);
}
