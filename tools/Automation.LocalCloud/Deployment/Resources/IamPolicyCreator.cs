using System.Text.Json.Nodes;
using Automation.LocalCloud.Aws;

namespace Automation.LocalCloud.Deployment.Resources;

/// <summary>AWS::IAM::Policy (an inline policy) → PutRolePolicy on each listed role.</summary>
public sealed class IamPolicyCreator : IResourceCreator
{
    public string ResourceType => "AWS::IAM::Policy";

    public async Task<DeployedResource> CreateAsync(string logicalId, JsonObject properties, StackContext stack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(stack);
        var name = properties["PolicyName"]!.GetValue<string>();
        foreach (var role in properties["Roles"] as JsonArray ?? [])
        {
            await stack.Aws.CallAsync(AwsService.Iam, "PutRolePolicy", new JsonObject
            {
                ["RoleName"] = role!.DeepClone(),
                ["PolicyName"] = name,
                ["PolicyDocument"] = IamRoleCreator.Document(properties["PolicyDocument"]),
            }, cancellationToken).ConfigureAwait(false);
        }

        return new DeployedResource(logicalId, ResourceType, $"{stack.StackName}-{logicalId}");
    }
}
