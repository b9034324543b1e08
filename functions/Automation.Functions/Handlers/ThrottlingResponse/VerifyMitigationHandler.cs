using Automation.Core.Facts;
using Automation.Core.Verification;
using Automation.Functions.Contracts.Incidents;
using Automation.Functions.Contracts.ThrottlingResponse;
using Automation.Functions.Mapping;

namespace Automation.Functions.Handlers.ThrottlingResponse;

/// <summary>
/// <c>VerifyMitigation</c>: the verify window's GetMetricData answer → <see cref="MitigationVerifier"/>. The output is
/// RecordIncidentStep's / CloseIncident's <c>verification</c> input as is.
/// </summary>
public sealed partial class VerifyMitigationHandler(StepServices services)
    : StepHandler<VerifyMitigationInput, VerifyMitigationOutput>(services)
{
    /// <summary>The <c>_HANDLER</c> value that selects this step (template.yaml's <c>Handler</c>).</summary>
    public const string StepName = "VerifyMitigation";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.None;

    protected override Task<VerifyMitigationOutput> RunAsync(VerifyMitigationInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        var (diagnosis, plan, queries, series, appliedAt) = input.Validate();
        MitigationVerification verification = MitigationVerifier.Verify(diagnosis, plan, series, queries.StartTime, queries.EndTime, queries.PeriodSeconds, appliedAt);
        LogVerified(plan.PlanId, verification.Outcome, verification.Before.EventsPerMinute, verification.After.EventsPerMinute);
        return Task.FromResult(new VerifyMitigationOutput(Services.Time.GetUtcNow(), verification.Mitigated, verification.Summary, verification));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Plan {PlanId} verified: {Outcome} ({BeforePerMinute} throttle events/min before, {AfterPerMinute} after)")]
    private partial void LogVerified(string planId, MitigationOutcome outcome, double beforePerMinute, double afterPerMinute);
}
