using Automation.Core.Diagnosis;
using Automation.Core.Facts;
using Automation.Functions.Contracts.Incidents;
using Automation.Functions.Contracts.ThrottlingResponse;
using Automation.Functions.Mapping;

namespace Automation.Functions.Handlers.ThrottlingResponse;

/// <summary>
/// <c>Diagnose</c>: raw DescribeTable, GetMetricData and GetInsightRuleReport answers → <see cref="ThrottlingFacts"/>
/// (Mapping/*) → <see cref="ThrottleDiagnoser"/>. The facts travel on to Plan and RecheckPlan.
/// </summary>
public sealed partial class DiagnoseHandler(StepServices services)
    : StepHandler<DiagnoseInput, DiagnoseOutput>(services)
{
    /// <summary>The <c>_HANDLER</c> value that selects this step (template.yaml's <c>Handler</c>).</summary>
    public const string StepName = "Diagnose";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.None;

    protected override Task<DiagnoseOutput> RunAsync(DiagnoseInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        var (incidentId, facts) = input.Validate();
        ThrottleDiagnosis diagnosis = ThrottleDiagnoser.Diagnose(facts);
        string summary = $"{diagnosis.Kind} ({diagnosis.Confidence} confidence): {diagnosis.Explanation}";
        if (input.ContributorInsights?.Status is { } status && !string.Equals(status, "ENABLED", StringComparison.Ordinal) && facts.ContributorInsights.Count == 0)
        {
            summary += $" Contributor Insights is {status}, so no hot key could be named.";
        }

        LogDiagnosed(incidentId, facts.Table.TableName, diagnosis.IndexName, diagnosis.Kind, diagnosis.Confidence, facts.Metrics.Count, facts.ContributorInsights.Count);
        return Task.FromResult(new DiagnoseOutput(diagnosis, facts, summary));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId}: table {TableName} index {IndexName} diagnosed {Kind} ({Confidence}) from {SeriesCount} series and {ReportCount} Contributor Insights reports")]
    private partial void LogDiagnosed(string incidentId, string tableName, string? indexName, DiagnosisKind kind, Confidence confidence, int seriesCount, int reportCount);
}
