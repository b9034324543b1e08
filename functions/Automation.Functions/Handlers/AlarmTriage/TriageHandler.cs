using Automation.Core.Facts;
using Automation.Core.Triage;
using Automation.Functions.Contracts.AlarmTriage;
using Automation.Functions.Handlers.Incidents;
using Automation.Functions.Mapping;
using Automation.Functions.Metrics;

namespace Automation.Functions.Handlers.AlarmTriage;

/// <summary>
/// <c>Triage</c>: GetMetricData's raw answers (split into baseline and recent windows by BuildTriageQueries' times)
/// and Contributor Insights reports → <see cref="TriageFacts"/> → <see cref="TriageDiagnoser"/>. Publishes one EMF
/// <c>TriageVerdicts</c> count with dimensions Segment (table, or table/index) and Verdict. Changes nothing.
/// </summary>
public sealed partial class TriageHandler(StepServices services)
    : StepHandler<TriageInput, TriageOutput>(services)
{
    /// <summary>The <c>_HANDLER</c> value that selects this step (template.yaml's <c>Handler</c>).</summary>
    public const string StepName = "Triage";

    public const string VerdictsMetric = "TriageVerdicts";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.None;

    protected override Task<TriageOutput> RunAsync(TriageInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        var (trigger, incidentId, facts) = Validate(input);
        TriageDiagnosis diagnosis = TriageDiagnoser.Diagnose(facts);
        string outcome = Outcome(diagnosis);
        var output = new TriageOutput(
            diagnosis.Verdict,
            diagnosis.Summary,
            diagnosis.Findings,
            diagnosis.Advice,
            outcome,
            new TriageDiagnosisRecord($"Triage.{diagnosis.Verdict}", Truncate(diagnosis.Summary)));
        string segment = trigger.IndexName is null ? trigger.TableName : $"{trigger.TableName}/{trigger.IndexName}";
        Services.Metrics.Publish(new MetricBatch(
            IncidentMetrics.Namespace(),
            new Dictionary<string, string>(StringComparer.Ordinal) { ["Segment"] = segment, ["Verdict"] = diagnosis.Verdict.ToString() },
            [new MetricDatum(VerdictsMetric, 1)],
            new Dictionary<string, string>(StringComparer.Ordinal) { ["incidentId"] = incidentId, ["tableName"] = trigger.TableName }));
        LogTriaged(incidentId, trigger.TableName, trigger.IndexName, diagnosis.Verdict, diagnosis.Findings.Count);
        return Task.FromResult(output);
    }

    /// <summary>The checked input mapped to the triage facts (pure).</summary>
    public static (IncidentTrigger Trigger, string IncidentId, TriageFacts Facts) Validate(TriageInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var trigger = StepInput.Trigger(input.Trigger);
        string incidentId = StepInput.IncidentId(input.IncidentId);
        TableFacts table = DescribeTableMapper.Map(input.Table);
        if (!string.Equals(table.TableName, trigger.TableName, StringComparison.Ordinal))
        {
            throw InputError.Field("table.TableName", $"is '{table.TableName}' but the trigger is about '{trigger.TableName}'");
        }

        var queries = StepInput.Required(input.Queries, "queries");
        if (queries.Series is null || !(queries.StartTime <= queries.RecentStart && queries.RecentStart < queries.EndTime))
        {
            throw InputError.Field("queries", "needs series and startTime <= recentStart < endTime (BuildTriageQueries' output)");
        }

        var results = input.MetricDataResults ?? throw InputError.Field("metricDataResults", "is required (GetMetricData's MetricDataResults; an empty list is allowed)");
        var byId = queries.Series.ToDictionary(q => q.Id, StringComparer.Ordinal);
        var series = new List<TriageSeries>();
        for (int i = 0; i < results.Count; i++)
        {
            string path = $"metricDataResults[{i}]";
            var result = results[i] ?? throw InputError.Field(path, "is null");
            if (result.Id is null || !byId.TryGetValue(result.Id, out var query))
            {
                throw InputError.Field(path + ".Id", $"'{result.Id}' is not one of the queries' ids");
            }

            if (result.StatusCode is "InternalError" or "Forbidden")
            {
                continue;
            }

            var timestamps = result.Timestamps ?? [];
            var values = result.Values ?? [];
            if (timestamps.Count != values.Count)
            {
                throw InputError.Field(path + ".Values", $"has {values.Count} values for {timestamps.Count} timestamps");
            }

            var points = new List<MetricDatapoint>(values.Count);
            for (int j = 0; j < values.Count; j++)
            {
                if (!double.IsFinite(values[j]) || values[j] < 0)
                {
                    throw InputError.Field($"{path}.Values[{j}]", $"must be a finite number >= 0, got {values[j]}");
                }

                points.Add(new MetricDatapoint(RawTimestamp.Read(timestamps[j], $"{path}.Timestamps[{j}]"), values[j]));
            }

            series.Add(new TriageSeries(query.Metric, query.Statistic, query.Operation, query.ReceivingRegion, points, query.IndexName));
        }

        var reports = InsightRuleReportMapper.Map(input.ContributorInsights, table, queries.RecentStart, queries.EndTime);
        var facts = new TriageFacts(trigger.TableName, trigger.Kind, trigger.Operation, queries.StartTime, queries.RecentStart, queries.EndTime, series, reports);
        return (trigger, incidentId, facts);
    }

    /// <summary>The incident's outcome sentence: the verdict's summary and the first advice.</summary>
    public static string Outcome(TriageDiagnosis diagnosis)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        var advice = diagnosis.Advice.Count > 0 ? " Advice: " + diagnosis.Advice[0].Text : string.Empty;
        return Truncate(diagnosis.Summary + advice);
    }

    private static string Truncate(string s) =>
        s.Length <= StepInput.MaxSummaryLength ? s : string.Concat(s.AsSpan(0, StepInput.MaxSummaryLength - 1), "…");

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId}: table {TableName} index {IndexName} triaged {Verdict} from {FindingCount} findings")]
    private partial void LogTriaged(string incidentId, string tableName, string? indexName, TriageVerdict verdict, int findingCount);
}
