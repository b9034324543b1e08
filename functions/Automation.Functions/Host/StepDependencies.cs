using Automation.Functions.Aws;
using Automation.Functions.Handlers.ThrottlingResponse;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Host;

/// <summary>
/// What the steps need besides <see cref="StepServices"/>: the stores and the runbook config. Deployed, all come from
/// the environment (<see cref="FromEnvironment"/>) and are created lazily, on the first step that uses them; tests and
/// the local cloud pass their own.
/// </summary>
/// <param name="Incidents">The incidents table (INCIDENTS_TABLE).</param>
/// <param name="Runbooks">The runbooks folder: segments, query templates, guardrails (RUNBOOKS_PATH).</param>
/// <param name="ShardRegistry">The shard registry table (SHARD_REGISTRY_TABLE).</param>
/// <param name="Triggers">How alarm-started runs behave (ALARM_TRIGGERED_DRY_RUN).</param>
/// <param name="Queries">The query runbook's reader, result bucket and audit table (QUERY_RESULTS_BUCKET, QUERY_AUDIT_TABLE, QUERY_PREVIEW_ITEMS).</param>
/// <param name="Access">The break-glass request records, role path and state machine (ACCESS_REQUESTS_TABLE, BREAK_GLASS_ROLE_PATH, BREAK_GLASS_STATE_MACHINE_ARN).</param>
public sealed record StepDependencies(
    IncidentStoreProvider Incidents,
    RunbookCatalogProvider Runbooks,
    ShardRegistryStoreProvider ShardRegistry,
    TriggerOptions Triggers,
    QueryRunbookProvider Queries,
    AccessProvider Access)
{
    /// <summary>The threshold-change records (THRESHOLD_CHANGES_TABLE); deployed, read from the environment on first use.</summary>
    public ThresholdChangeStoreProvider ThresholdChanges { get; init; } = ThresholdChangeStoreProvider.FromEnvironment();

    /// <summary>The posture run records (POSTURE_RUNS_TABLE); deployed, read from the environment on first use.</summary>
    public PostureRunStoreProvider PostureRuns { get; init; } = PostureRunStoreProvider.FromEnvironment();

    /// <summary>The deployed configuration, read from the function's environment.</summary>
    public static StepDependencies FromEnvironment(StepServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new(
            IncidentStoreProvider.FromEnvironment(),
            RunbookCatalogProvider.FromEnvironment(),
            ShardRegistryStoreProvider.FromEnvironment(services.Loggers, services.Time),
            NormalizeTriggerHandler.OptionsFromEnvironment(),
            QueryRunbookProvider.FromEnvironment(),
            AccessProvider.FromEnvironment());
    }
}
