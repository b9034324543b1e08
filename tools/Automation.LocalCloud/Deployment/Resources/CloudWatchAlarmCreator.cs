using System.Text.Json.Nodes;
using Automation.LocalCloud.Aws;

namespace Automation.LocalCloud.Deployment.Resources;

/// <summary>AWS::CloudWatch::Alarm → PutMetricAlarm (the property names are the API's).
/// moto never evaluates it: scenarios set its state.</summary>
public sealed class CloudWatchAlarmCreator : IResourceCreator
{
    public string ResourceType => "AWS::CloudWatch::Alarm";

    public async Task<DeployedResource> CreateAsync(string logicalId, JsonObject properties, StackContext stack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(stack);
        var name = properties["AlarmName"]?.GetValue<string>() ?? stack.PhysicalName(logicalId, 255);
        var request = (JsonObject)properties.DeepClone();
        request["AlarmName"] = name;
        await stack.Aws.CallAsync(AwsService.CloudWatch, "PutMetricAlarm", request, cancellationToken).ConfigureAwait(false);
        return new DeployedResource(logicalId, ResourceType, name, new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["Arn"] = LocalAccount.Arn("cloudwatch", $"alarm:{name}"),
        });
    }
}
