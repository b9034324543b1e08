using Automation.Functions.Aws;
using Automation.Functions.Handlers;

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
        IStepHandler[] handlers =
        [
            new NormalizeTriggerHandler(services, NormalizeTriggerHandler.OptionsFromEnvironment()),
            new OpenIncidentHandler(services, incidents),
            new RecordIncidentStepHandler(services, incidents),
            new RequestApprovalHandler(services, incidents),
            new CloseIncidentHandler(services, incidents),
            new RecordIncidentFailureHandler(services, incidents),
        ];
        return handlers.ToDictionary(h => h.Name, StringComparer.Ordinal);
    }
}
