using Automation.Functions.Handlers;

namespace Automation.Functions.Host;

/// <summary>Every step the <c>bootstrap</c> can run, by <c>_HANDLER</c> name. The runtime host and
/// the local cloud's Lambda router both dispatch through this one list.</summary>
public static class HandlerCatalog
{
    public static IReadOnlyDictionary<string, IStepHandler> Create(StepServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        IStepHandler[] handlers =
        [
            new NormalizeTriggerHandler(services, NormalizeTriggerHandler.OptionsFromEnvironment()),
        ];
        return handlers.ToDictionary(h => h.Name, StringComparer.Ordinal);
    }
}
