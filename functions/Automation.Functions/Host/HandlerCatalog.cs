using Automation.Functions.Aws;
using Automation.Functions.Handlers.Incidents;
using Automation.Functions.Handlers.ThrottlingResponse;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Host;

/// <summary>Every step the <c>bootstrap</c> can run, by <c>_HANDLER</c> name. The runtime host and
/// the local cloud's Lambda router both dispatch through this one list.</summary>
public static class HandlerCatalog
{
    public static IReadOnlyDictionary<string, IStepHandler> Create(StepServices services)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Lazy: the DynamoDB client and INCIDENTS_TABLE are touched only when an incident step runs.
        var incidents = IncidentStoreProvider.FromEnvironment();
        // Lazy too: guardrails.yaml is read on the first Plan/RecheckPlan, the registry client on the first ApplySharding.
        var guardrails = GuardrailPolicyProvider.FromEnvironment();
        var shardRegistry = ShardRegistryStoreProvider.FromEnvironment(services.Loggers, services.Time);
        IStepHandler[] handlers =
        [
            new NormalizeTriggerHandler(services, NormalizeTriggerHandler.OptionsFromEnvironment()),
            new OpenIncidentHandler(services, incidents),
            new RecordIncidentStepHandler(services, incidents),
            new RequestApprovalHandler(services, incidents),
            new CloseIncidentHandler(services, incidents),
            new RecordIncidentFailureHandler(services, incidents),
            new BuildMetricQueriesHandler(services),
            new DiagnoseHandler(services),
            new PlanHandler(services, guardrails),
            new RecheckPlanHandler(services, guardrails),
            new ApplyShardingHandler(services, shardRegistry),
            new VerifyMitigationHandler(services),
        ];
        return handlers.ToDictionary(h => h.Name, StringComparer.Ordinal);
    }
}
