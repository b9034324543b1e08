using Automation.Functions.Handlers.Incidents;
using Automation.Functions.Handlers.QueryRunbook;
using Automation.Functions.Handlers.ThrottlingResponse;

namespace Automation.Functions.Host;

/// <summary>
/// Every step the <c>bootstrap</c> can run, by <c>_HANDLER</c> name: the one list of steps. The runtime host, the local
/// cloud's Lambda router and the event-fixture test dispatch through it; the template tests hold template.yaml's
/// <c>Handler</c> values, the IAM expectations and the state machines' Retry policies to it.
/// </summary>
public static class HandlerCatalog
{
    /// <summary>The catalog with the deployed configuration (<see cref="StepDependencies.FromEnvironment"/>).</summary>
    public static IReadOnlyDictionary<string, IStepHandler> Create(StepServices services) =>
        Create(services, StepDependencies.FromEnvironment(services));

    /// <summary>The catalog over the given stores and config.</summary>
    public static IReadOnlyDictionary<string, IStepHandler> Create(StepServices services, StepDependencies dependencies)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dependencies);
        IStepHandler[] handlers =
        [
            // Shared by every workflow: the incident record.
            new OpenIncidentHandler(services, dependencies.Incidents),
            new RecordIncidentStepHandler(services, dependencies.Incidents),
            new RequestApprovalHandler(services, dependencies.Incidents),
            new CloseIncidentHandler(services, dependencies.Incidents),
            new RecordIncidentFailureHandler(services, dependencies.Incidents),

            // throttling-response
            new NormalizeTriggerHandler(services, dependencies.Triggers),
            new BuildMetricQueriesHandler(services),
            new DiagnoseHandler(services),
            new PlanHandler(services, dependencies.Runbooks),
            new RecheckPlanHandler(services, dependencies.Runbooks),
            new ApplyShardingHandler(services, dependencies.ShardRegistry),
            new VerifyMitigationHandler(services),

            // query-runbook
            new ValidateQueryHandler(services, dependencies.Runbooks),
            new CheckQuerySchemaHandler(services, dependencies.Runbooks),
            new RunQueryHandler(services, dependencies.Runbooks, dependencies.Queries),
            new RunBoundedScanHandler(services, dependencies.Runbooks, dependencies.Queries),
            new RecordQueryRunHandler(services, dependencies.Incidents, dependencies.Queries),
            new RecordQueryFailureHandler(services, dependencies.Incidents, dependencies.Queries),
        ];
        return handlers.ToDictionary(h => h.Name, StringComparer.Ordinal);
    }
}
