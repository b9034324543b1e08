using System.Text.Json.Nodes;
using Automation.LocalCloud.Aws;

namespace Automation.LocalCloud.Deployment.Resources;

/// <summary>AWS::Logs::LogGroup → CreateLogGroup (+ retention).</summary>
public sealed class LogGroupCreator : IResourceCreator
{
    public string ResourceType => "AWS::Logs::LogGroup";

    public async Task<DeployedResource> CreateAsync(string logicalId, JsonObject properties, StackContext stack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(stack);
        var name = properties["LogGroupName"]?.GetValue<string>() ?? $"/{stack.StackName}/{logicalId}";
        await stack.Aws.CallAsync(AwsService.Logs, "CreateLogGroup", new JsonObject { ["logGroupName"] = name }, cancellationToken).ConfigureAwait(false);
        if (properties["RetentionInDays"] is { } days)
        {
            await stack.Aws.CallAsync(AwsService.Logs, "PutRetentionPolicy", new JsonObject
            {
                ["logGroupName"] = name,
                ["retentionInDays"] = days.DeepClone(),
            }, cancellationToken).ConfigureAwait(false);
        }

        return new DeployedResource(logicalId, ResourceType, name, new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["Arn"] = LocalAccount.Arn("logs", $"log-group:{name}:*"),
        });
    }
}
