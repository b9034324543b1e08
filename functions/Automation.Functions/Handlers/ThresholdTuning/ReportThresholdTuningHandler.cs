using System.Globalization;
using Automation.Functions.Contracts.ThresholdTuning;
using Automation.Functions.Handlers.Incidents;
using Automation.Functions.Metrics;

namespace Automation.Functions.Handlers.ThresholdTuning;

/// <summary>
/// <c>ReportThresholdTuning</c>: the execution's output (what changed and why, per alarm) and the EMF metrics per
/// segment (namespace <c>DynamoDBRunbookAutomation</c>, dimension <c>Segment</c>): <see cref="ThresholdChangesMetric"/>
/// (changes applied, 0 in a dry run), <see cref="FalseAlarmRateMetric"/> (percent of the window's classified
/// incidents that were false alarms; only when some were classified) and <see cref="TimeToMitigateMetric"/> (the mean
/// time to mitigate of the window's mitigated incidents, ms; only when there were some). Pure but for metrics.
/// </summary>
public sealed partial class ReportThresholdTuningHandler(StepServices services)
    : StepHandler<ReportThresholdTuningInput, ThresholdTuningReport>(services)
{
    public const string StepName = "ReportThresholdTuning";
    public const string ThresholdChangesMetric = "ThresholdChanges";
    public const string FalseAlarmRateMetric = "FalseAlarmRate";

    /// <summary>Not <c>TimeToMitigate</c>: IncidentMetrics publishes that name (per DiagnosisKind) in the same namespace.</summary>
    public const string TimeToMitigateMetric = "TuningWindowTimeToMitigate";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.None;

    protected override Task<ThresholdTuningReport> RunAsync(ReportThresholdTuningInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        PrepareThresholdTuningOutput prepared = input.Prepared ?? throw InputError.Field("prepared", "is required (PrepareThresholdTuning's output)");
        IReadOnlyList<TuningAlarmReport> results = [.. (input.Results ?? []).Select((r, i) => r ?? throw InputError.Field($"results[{i}]", "is null"))];
        int changed = results.Count(r => r.Applied);
        int proposed = results.Count(r => !r.Applied && r.Action != "Keep");
        var report = new ThresholdTuningReport(prepared.Mode, prepared.DryRun, prepared.StartedBy, changed, proposed, results.Count - changed - proposed,
            results, input.Skipped ?? [], prepared.Note);
        foreach (MetricBatch batch in Metrics(report))
        {
            Services.Metrics.Publish(batch);
        }

        LogReported(prepared.Mode, changed, proposed, report.Kept, report.Skipped.Count);
        return Task.FromResult(report);
    }

    /// <summary>One EMF document per segment of the run.</summary>
    public static IReadOnlyList<MetricBatch> Metrics(ThresholdTuningReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        string ns = IncidentMetrics.Namespace();
        var batches = new List<MetricBatch>();
        foreach (IGrouping<string, TuningAlarmReport> segment in report.Alarms.GroupBy(r => r.Segment, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var metrics = new List<MetricDatum> { new(ThresholdChangesMetric, segment.Count(r => r.Applied)) };
            int classified = segment.Sum(r => r.Classified);
            if (classified > 0)
            {
                metrics.Add(new MetricDatum(FalseAlarmRateMetric, 100.0 * segment.Sum(r => r.FalseAlarms) / classified, "Percent"));
            }

            long[] ttm = [.. segment.SelectMany(r => r.MitigatedTimesToMitigateMs)];
            if (ttm.Length > 0)
            {
                metrics.Add(new MetricDatum(TimeToMitigateMetric, ttm.Average(), "Milliseconds"));
            }

            batches.Add(new MetricBatch(ns, new Dictionary<string, string> { ["Segment"] = segment.Key }, metrics,
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["workflow"] = "threshold-tuning",
                    ["mode"] = report.Mode.ToString(),
                    ["dryRun"] = report.DryRun ? "true" : "false",
                    ["alarms"] = segment.Count().ToString(CultureInfo.InvariantCulture),
                }));
        }

        return batches;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Threshold tuning ({Mode}): {Changed} changed, {Proposed} proposed (dry run), {Kept} kept, {Skipped} skipped")]
    private partial void LogReported(ThresholdTuningMode mode, int changed, int proposed, int kept, int skipped);
}
