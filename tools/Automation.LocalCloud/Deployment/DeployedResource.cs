using System.Text.Json.Nodes;

namespace Automation.LocalCloud.Deployment;

/// <summary>A resource created in the local cloud: what <c>Ref</c> and <c>Fn::GetAtt</c> give for it.</summary>
public sealed record DeployedResource(
    string LogicalId,
    string Type,
    string PhysicalId,
    IReadOnlyDictionary<string, JsonNode?> Attributes)
{
    public DeployedResource(string logicalId, string type, string physicalId)
        : this(logicalId, type, physicalId, new Dictionary<string, JsonNode?>(StringComparer.Ordinal))
    {
    }

    public string Attribute(string name) =>
        Attributes.TryGetValue(name, out var value) && value is JsonValue text
            ? text.ToString()
            : throw new InvalidOperationException($"{LogicalId} ({Type}) has no attribute '{name}' in the local cloud.");
}
