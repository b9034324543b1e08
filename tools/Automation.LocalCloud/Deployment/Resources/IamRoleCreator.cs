using System.Text.Json.Nodes;
using Automation.LocalCloud.Aws;

namespace Automation.LocalCloud.Deployment.Resources;

/// <summary>AWS::IAM::Role → CreateRole (path, permissions boundary, tags), PutRolePolicy for each
/// inline policy, AttachRolePolicy for each managed policy. moto stores them; it does not enforce them.</summary>
public sealed class IamRoleCreator : IResourceCreator
{
    public string ResourceType => "AWS::IAM::Role";

    public async Task<DeployedResource> CreateAsync(string logicalId, JsonObject properties, StackContext stack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(stack);
        var name = properties["RoleName"]?.GetValue<string>() ?? stack.PhysicalName(logicalId, 64);
        var request = new JsonObject
        {
            ["RoleName"] = name,
            ["AssumeRolePolicyDocument"] = Document(properties["AssumeRolePolicyDocument"]),
        };
        foreach (var key in new[] { "Path", "PermissionsBoundary", "Description", "MaxSessionDuration", "Tags" })
        {
            if (properties[key] is { } value)
            {
                request[key] = value.DeepClone();
            }
        }

        var created = await stack.Aws.CallAsync(AwsService.Iam, "CreateRole", request, cancellationToken).ConfigureAwait(false);
        foreach (var policy in (properties["Policies"] as JsonArray ?? []).OfType<JsonObject>())
        {
            await stack.Aws.CallAsync(AwsService.Iam, "PutRolePolicy", new JsonObject
            {
                ["RoleName"] = name,
                ["PolicyName"] = policy["PolicyName"]!.DeepClone(),
                ["PolicyDocument"] = Document(policy["PolicyDocument"]),
            }, cancellationToken).ConfigureAwait(false);
        }

        foreach (var arn in properties["ManagedPolicyArns"] as JsonArray ?? [])
        {
            await stack.Aws.CallAsync(AwsService.Iam, "AttachRolePolicy", new JsonObject
            {
                ["RoleName"] = name,
                ["PolicyArn"] = arn!.DeepClone(),
            }, cancellationToken).ConfigureAwait(false);
        }

        var role = created["Role"]!;
        return new DeployedResource(logicalId, ResourceType, name, new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["Arn"] = role["Arn"]?.DeepClone(),
            ["RoleId"] = role["RoleId"]?.DeepClone(),
        });
    }

    /// <summary>IAM takes policy documents as JSON text. moto refuses a document without
    /// <c>Version</c> (IAM takes it as 2008-10-17), and SAM's policy templates write none, so the
    /// local copy gets 2012-10-17: the only difference is policy variables, which SAM does not use.</summary>
    internal static string Document(JsonNode? document)
    {
        var parsed = document is JsonValue text ? JsonNode.Parse(text.ToString()) : document?.DeepClone();
        if (parsed is JsonObject policy && !policy.ContainsKey("Version"))
        {
            policy.Insert(0, "Version", "2012-10-17");
        }

        return parsed?.ToJsonString() ?? "{}";
    }
}
