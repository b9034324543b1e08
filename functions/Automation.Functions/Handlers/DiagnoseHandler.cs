using System.Text.Json;
using Automation.Core.Diagnosis;
using Automation.Core.Facts;
using Automation.Core.Incidents;
using Automation.Core.Incidents.Contracts;
using Automation.Functions.Contracts;
using Automation.Functions.Host;
using Automation.Functions.Mapping;
using Microsoft.Extensions.Logging;

namespace Automation.Functions.Handlers;

/// <summary>
/// <c>Diagnose</c>: raw DescribeTable, GetMetricData and GetInsightRuleReport answers → <see cref="ThrottlingFacts"/>
/// (Mapping/*) → <see cref="ThrottleDiagnoser"/>. The facts travel on to Plan and RecheckPlan.
/// </summary>
public sealed partial class DiagnoseHandler(StepServices services) : IStepHandler
{
    private readonly ILogger _logger = services.Loggers.CreateLogger<DiagnoseHandler>();

    public string Name => "Diagnose";

    public Task<string> HandleAsync(string inputJson, InvocationContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        DiagnoseInput input = IncidentInputs.Parse(inputJson, StepJsonContext.Default.DiagnoseInput);
        var trigger = IncidentInputs.Trigger(input.Trigger);
        string incidentId = IncidentInputs.IncidentId(input.IncidentId);
        TableFacts table = DescribeTableMapper.Map(input.Table);
        if (!string.Equals(table.TableName, trigger.TableName, StringComparison.Ordinal))
        {
            throw IncidentInputError.Field("table.TableName", $"is '{table.TableName}' but the trigger is about '{trigger.TableName}'");
        }

        DescribeTableMapper.RequireIndex(table, trigger.IndexName);
        BuildMetricQueriesOutput queries = IncidentInputs.Required(input.Queries, "queries");
        IReadOnlyList<MetricSeries> metrics = MetricDataMapper.Map(queries, input.MetricDataResults);
        IReadOnlyList<ContributorInsightsReport> reports = InsightRuleReportMapper.Map(input.ContributorInsights, table, queries.StartTime, queries.EndTime);
        var facts = new ThrottlingFacts(table, queries.StartTime, queries.EndTime, metrics, reports, input.OnDemandSwitches ?? []);

        ThrottleDiagnosis diagnosis = ThrottleDiagnoser.Diagnose(facts);
        string summary = $"{diagnosis.Kind} ({diagnosis.Confidence} confidence): {diagnosis.Explanation}";
        if (input.ContributorInsights?.Status is { } status && !string.Equals(status, "ENABLED", StringComparison.Ordinal) && reports.Count == 0)
        {
            summary += $" Contributor Insights is {status}, so no hot key could be named.";
        }

        LogDiagnosed(incidentId, table.TableName, diagnosis.IndexName, diagnosis.Kind, diagnosis.Confidence, metrics.Count, reports.Count);
        var output = new DiagnoseOutput(diagnosis, facts, summary);
        return Task.FromResult(JsonSerializer.Serialize(output, StepJsonContext.Default.DiagnoseOutput));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId}: table {TableName} index {IndexName} diagnosed {Kind} ({Confidence}) from {SeriesCount} series and {ReportCount} Contributor Insights reports")]
    private partial void LogDiagnosed(string incidentId, string tableName, string? indexName, DiagnosisKind kind, Confidence confidence, int seriesCount, int reportCount);
}
