using System.Text.Json.Nodes;

namespace Automation.LocalCloud.Deployment.Resources;

/// <summary>Creates one CloudFormation resource type in the local cloud from its resolved properties.
/// One creator per type; a template using a type with no creator fails to deploy, naming the type.</summary>
public interface IResourceCreator
{
    string ResourceType { get; }

    Task<DeployedResource> CreateAsync(string logicalId, JsonObject properties, StackContext stack, CancellationToken cancellationToken);
}
