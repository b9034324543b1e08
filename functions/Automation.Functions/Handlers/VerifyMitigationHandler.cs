using System.Text.Json;
using Automation.Core.Facts;
using Automation.Core.Incidents.Contracts;
using Automation.Core.Verification;
using Automation.Functions.Contracts;
using Automation.Functions.Host;
using Automation.Functions.Mapping;
using Microsoft.Extensions.Logging;

namespace Automation.Functions.Handlers;

/// <summary>
/// <c>VerifyMitigation</c>: the verify window's GetMetricData answer → <see cref="MitigationVerifier"/>. The output is
/// RecordIncidentStep's / CloseIncident's <c>verification</c> input as is.
/// </summary>
public sealed partial class VerifyMitigationHandler(StepServices services) : IStepHandler
{
    private readonly ILogger _logger = services.Loggers.CreateLogger<VerifyMitigationHandler>();

    public string Name => "VerifyMitigation";

    public Task<string> HandleAsync(string inputJson, InvocationContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        VerifyMitigationInput input = IncidentInputs.Parse(inputJson, StepJsonContext.Default.VerifyMitigationInput);
        var diagnosis = IncidentInputs.Required(input.Diagnosis, "diagnosis");
        var plan = IncidentInputs.Required(input.Plan, "plan");
        BuildMetricQueriesOutput queries = IncidentInputs.Required(input.Queries, "queries");
        DateTimeOffset appliedAt = IncidentInputs.Required(input.AppliedAt, "appliedAt");
        IReadOnlyList<MetricSeries> series = MetricDataMapper.Map(queries, input.MetricDataResults);

        MitigationVerification verification = MitigationVerifier.Verify(diagnosis, plan, series, queries.StartTime, queries.EndTime, queries.PeriodSeconds, appliedAt);
        LogVerified(plan.PlanId, verification.Outcome, verification.Before.EventsPerMinute, verification.After.EventsPerMinute);
        var output = new VerifyMitigationOutput(services.Time.GetUtcNow(), verification.Mitigated, verification.Summary, verification);
        return Task.FromResult(JsonSerializer.Serialize(output, StepJsonContext.Default.VerifyMitigationOutput));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Plan {PlanId} verified: {Outcome} ({BeforePerMinute} throttle events/min before, {AfterPerMinute} after)")]
    private partial void LogVerified(string planId, MitigationOutcome outcome, double beforePerMinute, double afterPerMinute);
}
