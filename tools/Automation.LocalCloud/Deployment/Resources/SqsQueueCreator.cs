using System.Text.Json.Nodes;
using Automation.LocalCloud.Aws;

namespace Automation.LocalCloud.Deployment.Resources;

/// <summary>AWS::SQS::Queue → CreateQueue (e.g. the dead-letter queue of an EventBridge target).
/// Ref gives the queue URL; GetAtt Arn, QueueName, QueueUrl.</summary>
public sealed class SqsQueueCreator : IResourceCreator
{
    // CloudFormation properties that are queue attributes of the same name.
    private static readonly string[] Attributes =
    [
        "DelaySeconds", "MaximumMessageSize", "MessageRetentionPeriod", "ReceiveMessageWaitTimeSeconds",
        "VisibilityTimeout", "FifoQueue", "ContentBasedDeduplication", "KmsMasterKeyId", "SqsManagedSseEnabled",
    ];

    public string ResourceType => "AWS::SQS::Queue";

    public async Task<DeployedResource> CreateAsync(string logicalId, JsonObject properties, StackContext stack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(stack);
        var fifo = properties["FifoQueue"]?.ToString() == "true";
        var name = properties["QueueName"]?.GetValue<string>() ?? stack.PhysicalName(logicalId, fifo ? 75 : 80) + (fifo ? ".fifo" : string.Empty);
        var attributes = new JsonObject();
        foreach (var key in Attributes.Where(properties.ContainsKey))
        {
            attributes[key] = properties[key]!.ToString();
        }

        if (properties["RedrivePolicy"] is { } redrive)
        {
            attributes["RedrivePolicy"] = redrive is JsonValue text ? text.ToString() : redrive.ToJsonString();
        }

        var created = await stack.Aws.CallAsync(AwsService.Sqs, "CreateQueue", new JsonObject { ["QueueName"] = name, ["Attributes"] = attributes }, cancellationToken)
            .ConfigureAwait(false);
        var url = created["QueueUrl"]!.GetValue<string>();
        return new DeployedResource(logicalId, ResourceType, url, new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["Arn"] = LocalAccount.Arn("sqs", name),
            ["QueueName"] = name,
            ["QueueUrl"] = url,
        });
    }
}
