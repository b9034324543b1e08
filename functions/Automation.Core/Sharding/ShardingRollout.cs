using System.Globalization;
using Automation.Core.Errors;
using Automation.Core.Planning;

namespace Automation.Core.Sharding;

/// <summary>
/// Turns an approved write-sharding plan into shard-registry assignments, and writes them through the port. The
/// policy is here: a dry-run plan is never written (<c>GuardrailRefused</c>), a plan without sharding changes or with
/// another algorithm than the registry's calculated strategy is invalid input, and readers keep reading the previous
/// layout for <see cref="MigrationWindow"/>.
/// </summary>
public static class ShardingRollout
{
    /// <summary>
    /// How long readers also read the previous layout (the unsharded key) after a change: longer than any client's
    /// registry cache TTL plus the time to migrate existing items of a hot key.
    /// </summary>
    public static readonly TimeSpan MigrationWindow = TimeSpan.FromHours(24);

    /// <summary>The assignments of <paramref name="plan"/>, in plan order.</summary>
    /// <exception cref="AutomationException"><c>GuardrailRefused</c> for a dry run; <c>InvalidInput</c> naming the field otherwise.</exception>
    public static IReadOnlyList<ShardAssignment> Assignments(RemediationPlan plan, string incidentId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.DryRun)
        {
            throw new AutomationException(ErrorTypes.GuardrailRefused, $"Plan {plan.PlanId} is a dry run: the shard registry is never written for it.") { Field = "plan.dryRun" };
        }

        if (plan.Action != RemediationKind.ShardHotKey || plan.Sharding.Count == 0)
        {
            throw InputError.Field("plan.sharding", $"is empty: plan {plan.PlanId} ({plan.Action}) has no sharding change to apply");
        }

        DateTimeOffset windowEnd = now.Add(MigrationWindow);
        var assignments = new List<ShardAssignment>(plan.Sharding.Count);
        for (int i = 0; i < plan.Sharding.Count; i++)
        {
            ShardingChange change = plan.Sharding[i];
            if (!string.Equals(change.Algorithm, ShardingScheme.Algorithm, StringComparison.Ordinal))
            {
                throw InputError.Field($"plan.sharding[{i}].algorithm", $"must be '{ShardingScheme.Algorithm}' (the registry's calculated strategy), got '{change.Algorithm}'");
            }

            assignments.Add(new ShardAssignment(change.TableName, change.PartitionKey, change.ShardCount, change.Algorithm, incidentId, Reason(change, plan.PlanId), windowEnd));
        }

        return assignments;
    }

    /// <summary>Writes every assignment of <paramref name="plan"/>; returns the entries written and how many already held the same decision.</summary>
    public static async Task<(IReadOnlyList<TEntry> Written, int Unchanged)> ApplyAsync<TEntry>(
        RemediationPlan plan, string incidentId, DateTimeOffset now, IShardRegistryWriter<TEntry> registry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var written = new List<TEntry>();
        int unchanged = 0;
        foreach (ShardAssignment assignment in Assignments(plan, incidentId, now))
        {
            var (wrote, entry) = await registry.WriteAsync(assignment, cancellationToken).ConfigureAwait(false);
            if (wrote)
            {
                written.Add(entry);
            }
            else
            {
                unchanged++;
            }
        }

        return (written, unchanged);
    }

    private static string Reason(ShardingChange change, string planId) => string.Create(CultureInfo.InvariantCulture,
        $"Hot key on {(change.IndexName is null ? "the table" : $"index {change.IndexName}")}: {change.ObservedUnitsPerSecond:N0} units/s against {change.PartitionLimitPerSecond:N0} per partition; {change.ShardCount} shards (plan {planId}).");
}
