using System.Text.Json.Nodes;
using Automation.LocalCloud.Aws;

namespace Automation.LocalCloud.Deployment.Resources;

/// <summary>AWS::SQS::QueuePolicy → the Policy attribute of each listed queue (stored, not enforced).</summary>
public sealed class SqsQueuePolicyCreator : IResourceCreator
{
    public string ResourceType => "AWS::SQS::QueuePolicy";

    public async Task<DeployedResource> CreateAsync(string logicalId, JsonObject properties, StackContext stack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(stack);
        var policy = IamRoleCreator.Document(properties["PolicyDocument"]);
        foreach (var queue in properties["Queues"] as JsonArray ?? [])
        {
            await stack.Aws.CallAsync(AwsService.Sqs, "SetQueueAttributes", new JsonObject
            {
                ["QueueUrl"] = queue!.DeepClone(),
                ["Attributes"] = new JsonObject { ["Policy"] = policy },
            }, cancellationToken).ConfigureAwait(false);
        }

        return new DeployedResource(logicalId, ResourceType, $"{stack.StackName}-{logicalId}");
    }
}
