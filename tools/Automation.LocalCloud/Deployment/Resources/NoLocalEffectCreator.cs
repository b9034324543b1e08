using System.Text.Json.Nodes;

namespace Automation.LocalCloud.Deployment.Resources;

/// <summary>Resource types that change nothing the local cloud can observe (resource policies on
/// Lambda, async-invoke settings): recorded so references to them resolve, nothing is created.</summary>
public sealed class NoLocalEffectCreator(string resourceType) : IResourceCreator
{
    public static readonly IReadOnlyList<string> Types =
    [
        "AWS::Lambda::Permission", "AWS::Lambda::EventInvokeConfig",
        "AWS::ApiGateway::RestApi", "AWS::ApiGateway::Deployment", "AWS::ApiGateway::Stage",
    ];

    public string ResourceType { get; } = resourceType;

    public Task<DeployedResource> CreateAsync(string logicalId, JsonObject properties, StackContext stack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return Task.FromResult(new DeployedResource(logicalId, ResourceType, $"{stack.StackName}-{logicalId}"));
    }
}
