using System.Globalization;
using System.Text.Json;
using Automation.Aws.Sharding;
using Automation.Core.Errors;
using Automation.Core.Incidents;
using Automation.Core.Incidents.Contracts;
using Automation.Core.Planning;
using Automation.Core.Sharding;
using Automation.Functions.Aws;
using Automation.Functions.Contracts;
using Automation.Functions.Host;
using Automation.Sharding;
using Microsoft.Extensions.Logging;
using RegistryChange = Automation.Aws.Sharding.ShardingChange;

namespace Automation.Functions.Handlers;

/// <summary>
/// <c>ApplySharding</c>: writes each of the plan's sharding changes to the shard registry that applications read.
/// Each write is conditional on the version read just before, so a concurrent change surfaces as
/// ConcurrentModification (the state machine retries: the re-read then sees it). A re-run of the same plan for the
/// same incident writes nothing and succeeds. A dry-run plan is refused (GuardrailRefused) before any write.
/// </summary>
public sealed partial class ApplyShardingHandler(StepServices services, ShardRegistryStoreProvider registry) : IStepHandler
{
    /// <summary>
    /// How long readers also read the previous layout (the unsharded key) after a change: longer than any client's
    /// registry cache TTL plus the time to migrate existing items of a hot key.
    /// </summary>
    public static readonly TimeSpan MigrationWindow = TimeSpan.FromHours(24);

    private readonly ILogger _logger = services.Loggers.CreateLogger<ApplyShardingHandler>();

    public string Name => "ApplySharding";

    public async Task<string> HandleAsync(string inputJson, InvocationContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ApplyShardingInput input = IncidentInputs.Parse(inputJson, StepJsonContext.Default.ApplyShardingInput);
        var plan = IncidentInputs.Required(input.Plan, "plan");
        string incidentId = IncidentInputs.IncidentId(input.IncidentId);
        if (plan.DryRun)
        {
            throw new AutomationException(ErrorTypes.GuardrailRefused, $"Plan {plan.PlanId} is a dry run: the shard registry is never written for it.") { Field = "plan.dryRun" };
        }

        if (plan.Action != RemediationKind.ShardHotKey || plan.Sharding.Count == 0)
        {
            throw IncidentInputError.Field("plan.sharding", $"is empty: plan {plan.PlanId} ({plan.Action}) has no sharding change to apply");
        }

        var written = new List<ShardRegistryEntry>();
        int unchanged = 0;
        DateTimeOffset windowEnd = services.Time.GetUtcNow().Add(MigrationWindow);
        for (int i = 0; i < plan.Sharding.Count; i++)
        {
            Core.Planning.ShardingChange change = plan.Sharding[i];
            if (!string.Equals(change.Algorithm, ShardingScheme.Algorithm, StringComparison.Ordinal))
            {
                throw IncidentInputError.Field($"plan.sharding[{i}].algorithm", $"must be '{ShardingScheme.Algorithm}' (the registry's calculated strategy), got '{change.Algorithm}'");
            }

            ShardRegistryEntry? current = await registry.Store.GetAsync(change.TableName, change.PartitionKey, cancellationToken).ConfigureAwait(false);
            var registryChange = new RegistryChange(change.TableName, change.PartitionKey, change.ShardCount, ShardStrategy.Calculated, incidentId, Reason(change, plan.PlanId), windowEnd);
            ShardRegistryPutResult result = await registry.Store.PutShardingAsync(registryChange, current?.Version, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (result.Written)
            {
                written.Add(result.Entry);
            }
            else
            {
                unchanged++;
            }
        }

        LogApplied(incidentId, plan.PlanId, written.Count, unchanged);
        var output = new ApplyShardingOutput(written, unchanged);
        return JsonSerializer.Serialize(output, StepJsonContext.Default.ApplyShardingOutput);
    }

    private static string Reason(Core.Planning.ShardingChange change, string planId) => string.Create(CultureInfo.InvariantCulture,
        $"Hot key on {(change.IndexName is null ? "the table" : $"index {change.IndexName}")}: {change.ObservedUnitsPerSecond:N0} units/s against {change.PartitionLimitPerSecond:N0} per partition; {change.ShardCount} shards (plan {planId}).");

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId}: plan {PlanId} sharding applied ({WrittenCount} written, {UnchangedCount} already recorded)")]
    private partial void LogApplied(string incidentId, string planId, int writtenCount, int unchangedCount);
}
