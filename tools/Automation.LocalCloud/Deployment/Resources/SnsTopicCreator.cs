using System.Text.Json.Nodes;
using Automation.LocalCloud.Aws;

namespace Automation.LocalCloud.Deployment.Resources;

/// <summary>AWS::SNS::Topic → CreateTopic (e.g. the break-glass notifications the state machines publish to).
/// Ref gives the topic ARN; GetAtt TopicArn, TopicName.</summary>
public sealed class SnsTopicCreator : IResourceCreator
{
    public string ResourceType => "AWS::SNS::Topic";

    public async Task<DeployedResource> CreateAsync(string logicalId, JsonObject properties, StackContext stack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(stack);
        var name = properties["TopicName"]?.GetValue<string>() ?? stack.PhysicalName(logicalId, 256);
        var created = await stack.Aws.CallAsync(AwsService.Sns, "CreateTopic", new JsonObject { ["Name"] = name }, cancellationToken).ConfigureAwait(false);
        var arn = created["TopicArn"]?.GetValue<string>() ?? LocalAccount.Arn("sns", name);
        return new DeployedResource(logicalId, ResourceType, arn, new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["TopicArn"] = arn,
            ["TopicName"] = name,
        });
    }
}
