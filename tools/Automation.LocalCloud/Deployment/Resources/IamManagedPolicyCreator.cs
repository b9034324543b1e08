using System.Text.Json.Nodes;
using Automation.LocalCloud.Aws;

namespace Automation.LocalCloud.Deployment.Resources;

/// <summary>AWS::IAM::ManagedPolicy → CreatePolicy, attached to the listed roles (e.g. the
/// permissions boundary the workflows must put on every role they create).</summary>
public sealed class IamManagedPolicyCreator : IResourceCreator
{
    public string ResourceType => "AWS::IAM::ManagedPolicy";

    public async Task<DeployedResource> CreateAsync(string logicalId, JsonObject properties, StackContext stack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(stack);
        var name = properties["ManagedPolicyName"]?.GetValue<string>() ?? stack.PhysicalName(logicalId, 128);
        var request = new JsonObject
        {
            ["PolicyName"] = name,
            ["PolicyDocument"] = IamRoleCreator.Document(properties["PolicyDocument"]),
        };
        foreach (var key in new[] { "Path", "Description" })
        {
            if (properties[key] is { } value)
            {
                request[key] = value.DeepClone();
            }
        }

        var created = await stack.Aws.CallAsync(AwsService.Iam, "CreatePolicy", request, cancellationToken).ConfigureAwait(false);
        var arn = created["Policy"]!["Arn"]!.GetValue<string>();
        foreach (var role in properties["Roles"] as JsonArray ?? [])
        {
            await stack.Aws.CallAsync(AwsService.Iam, "AttachRolePolicy", new JsonObject
            {
                ["RoleName"] = role!.DeepClone(),
                ["PolicyArn"] = arn,
            }, cancellationToken).ConfigureAwait(false);
        }

        return new DeployedResource(logicalId, ResourceType, arn, new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["PolicyArn"] = arn,
            ["PolicyId"] = created["Policy"]!["PolicyId"]?.DeepClone(),
        });
    }
}
