using Automation.Core.Sharding;
using Automation.Functions.Aws;
using Automation.Functions.Contracts.ThrottlingResponse;

namespace Automation.Functions.Handlers.ThrottlingResponse;

/// <summary>
/// <c>ApplySharding</c>: writes each of the plan's sharding changes to the shard registry that applications read
/// (<see cref="ShardingRollout"/>: dry runs refused, migration window, algorithm check). Each write is conditional on
/// the version read just before, so a concurrent change surfaces as ConcurrentModification (the state machine
/// retries: the re-read then sees it). A re-run of the same plan for the same incident writes nothing and succeeds.
/// </summary>
public sealed partial class ApplyShardingHandler(StepServices services, ShardRegistryStoreProvider registry)
    : StepHandler<ApplyShardingInput, ApplyShardingOutput>(services)
{
    /// <summary>The <c>_HANDLER</c> value that selects this step (template.yaml's <c>Handler</c>).</summary>
    public const string StepName = "ApplySharding";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.ConditionalItemWrites;

    protected override async Task<ApplyShardingOutput> RunAsync(ApplyShardingInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        var (plan, incidentId) = input.Validate();
        var (written, unchanged) = await ShardingRollout.ApplyAsync(plan, incidentId, Services.Time.GetUtcNow(), registry.Store, cancellationToken).ConfigureAwait(false);
        LogApplied(incidentId, plan.PlanId, written.Count, unchanged);
        return new ApplyShardingOutput(written, unchanged);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId}: plan {PlanId} sharding applied ({WrittenCount} written, {UnchangedCount} already recorded)")]
    private partial void LogApplied(string incidentId, string planId, int writtenCount, int unchangedCount);
}
