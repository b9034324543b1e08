using System.Text.Json.Nodes;
using Automation.LocalCloud.Aws;

namespace Automation.LocalCloud.Deployment.Resources;

/// <summary>AWS::S3::BucketPolicy → PutBucketPolicy. moto stores the policy (GetBucketPolicy answers
/// it) but never evaluates it: e.g. a deny of <c>aws:SecureTransport: false</c> does not stop the local
/// cloud's plain-HTTP requests.</summary>
public sealed class S3BucketPolicyCreator : IResourceCreator
{
    public string ResourceType => "AWS::S3::BucketPolicy";

    public async Task<DeployedResource> CreateAsync(string logicalId, JsonObject properties, StackContext stack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(stack);
        var bucket = properties["Bucket"]?.GetValue<string>() ?? throw new InvalidOperationException($"{logicalId}: Bucket is required.");
        var document = properties["PolicyDocument"] is JsonValue text ? text.GetValue<string>() : properties["PolicyDocument"]?.ToJsonString()
                       ?? throw new InvalidOperationException($"{logicalId}: PolicyDocument is required.");
        await stack.Aws.CallAsync(AwsService.S3, "PutBucketPolicy", new JsonObject { ["Bucket"] = bucket, ["Policy"] = document }, cancellationToken)
            .ConfigureAwait(false);
        return new DeployedResource(logicalId, ResourceType, $"{stack.StackName}-{logicalId}");
    }
}
