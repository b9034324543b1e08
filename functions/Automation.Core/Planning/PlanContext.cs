using Automation.Core.Diagnosis;
using Automation.Core.Facts;
using Automation.Core.Guardrails;

namespace Automation.Core.Planning;

/// <summary>The inputs of one planning run, with the metric lookup built once.</summary>
internal sealed record PlanContext(
    ThrottleDiagnosis Diagnosis,
    ThrottlingFacts Facts,
    GuardrailPolicy Policy,
    DateTimeOffset Now,
    MetricLookup Metrics)
{
    public TableFacts Table => Facts.Table;

    /// <summary>Table-level guardrails: the cost cap and mode switch rules live here.</summary>
    public GuardrailSettings TableSettings => Policy.For(Table.TableName);

    public GuardrailSettings SettingsOf(string? indexName) => Policy.For(Table.TableName, indexName);
}
