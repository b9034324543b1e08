using Automation.Core.Facts;
using Automation.Core.Planning;
using Automation.Core.Verification;
using Automation.Functions.Mapping;

namespace Automation.Functions.Contracts.ThrottlingResponse;

/// <summary>
/// VerifyMitigation's input: <c>{"diagnosis", "plan", "queries": BuildMetricQueries' verify output,
/// "metricDataResults": GetMetricData's MetricDataResults, "appliedAt"}</c>.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record VerifyMitigationInput(
    Core.Diagnosis.ThrottleDiagnosis? Diagnosis = null,
    RemediationPlan? Plan = null,
    BuildMetricQueriesOutput? Queries = null,
    IReadOnlyList<RawMetricDataResult>? MetricDataResults = null,
    DateTimeOffset? AppliedAt = null)
{
    /// <summary>The checked input, with the verify window's series mapped.</summary>
    public (Core.Diagnosis.ThrottleDiagnosis Diagnosis, RemediationPlan Plan, BuildMetricQueriesOutput Queries, IReadOnlyList<MetricSeries> Series, DateTimeOffset AppliedAt) Validate()
    {
        var diagnosis = StepInput.Required(Diagnosis, "diagnosis");
        var plan = StepInput.Required(Plan, "plan");
        BuildMetricQueriesOutput queries = StepInput.Required(Queries, "queries");
        DateTimeOffset appliedAt = StepInput.Required(AppliedAt, "appliedAt");
        return (diagnosis, plan, queries, MetricDataMapper.Map(queries, MetricDataResults), appliedAt);
    }
}

/// <summary>
/// VerifyMitigation's output, shaped as RecordIncidentStep's / CloseIncident's <c>verification</c> input
/// (<c>{verifiedAt, mitigated, summary, detail}</c>), so the state machine passes it on whole.
/// <c>detail</c> holds the outcome and the before/after numbers.
/// </summary>
public sealed record VerifyMitigationOutput(DateTimeOffset VerifiedAt, bool Mitigated, string Summary, MitigationVerification Detail);
