using Automation.Core.Triggers;
using Automation.Functions.Aws;
using Automation.Functions.Host;
using Automation.Functions.Runbooks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Automation.Tests.Fakes;

/// <summary>
/// The handler catalog over stores and config that throw if touched: for tests that only read the catalog (names,
/// declarations) or that prove a step fails before any I/O.
/// </summary>
internal static class StoreFreeCatalog
{
    public static IReadOnlyDictionary<string, IStepHandler> Create() => HandlerCatalog.Create(Services(), Dependencies());

    /// <summary>The one step <paramref name="name"/>, over the same untouchable stores and config.</summary>
    public static IStepHandler CreateStep(string? name) => HandlerCatalog.CreateStep(name, Services(), Dependencies());

    /// <summary>Stores and config that throw if touched.</summary>
    public static StepDependencies Dependencies() => new(
        new IncidentStoreProvider(() => throw Untouchable("incident store"), _ => throw Untouchable("incident store")),
        new RunbookCatalogProvider(() => throw Untouchable("runbooks")),
        new ShardRegistryStoreProvider(() => throw Untouchable("shard registry")),
        new TriggerOptions(AlarmTriggeredDryRun: false) { AlarmNamePrefix = "ddb-automation-" },
        new QueryRunbookProvider(
            () => throw Untouchable("query reader"),
            () => throw Untouchable("query results bucket"),
            () => throw Untouchable("query audit table"),
            () => throw Untouchable("query preview setting")),
        new AccessProvider(
            () => throw Untouchable("access requests table"),
            () => throw Untouchable("break-glass role path"),
            () => throw Untouchable("break-glass state machine")))
    {
        ThresholdChanges = new ThresholdChangeStoreProvider(() => throw Untouchable("threshold changes table")),
    };

    private static StepServices Services() => new(NullLoggerFactory.Instance, new DiscardMetrics(), TimeProvider.System);

    private static InvalidOperationException Untouchable(string what) => new($"This test must not reach the {what}.");
}
