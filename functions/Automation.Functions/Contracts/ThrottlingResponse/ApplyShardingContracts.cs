using Automation.Core.Planning;
using Automation.Sharding;

namespace Automation.Functions.Contracts.ThrottlingResponse;

/// <summary>ApplySharding's input: <c>{"plan", "incidentId"}</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ApplyShardingInput(RemediationPlan? Plan = null, string? IncidentId = null)
{
    /// <summary>The plan and incident id, checked.</summary>
    public (RemediationPlan Plan, string IncidentId) Validate() =>
        (StepInput.Required(Plan, "plan"), StepInput.IncidentId(IncidentId));
}

/// <summary>ApplySharding's output: the registry entries written now, and how many already held the same decision.</summary>
public sealed record ApplyShardingOutput(IReadOnlyList<ShardRegistryEntry> Written, int Unchanged);
