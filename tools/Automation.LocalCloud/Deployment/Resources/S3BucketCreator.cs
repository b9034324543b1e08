using System.Text.Json.Nodes;
using Automation.LocalCloud.Aws;

namespace Automation.LocalCloud.Deployment.Resources;

/// <summary>
/// AWS::S3::Bucket → CreateBucket, then the bucket settings moto stores: BucketEncryption
/// (PutBucketEncryption), PublicAccessBlockConfiguration, OwnershipControls, LifecycleConfiguration
/// (CloudFormation's rule shape turned into the API's), VersioningConfiguration and Tags. moto stores
/// these and answers them back (GetBucketEncryption, ...), but enforces none: objects never expire,
/// public access is not evaluated, and the objects of a bucket with default encryption are reported
/// encrypted (<c>ServerSideEncryption</c>). Any other property fails the deploy and names itself.
/// Ref gives the bucket name; GetAtt Arn, DomainName, RegionalDomainName.
/// </summary>
public sealed class S3BucketCreator : IResourceCreator
{
    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "BucketName", "BucketEncryption", "PublicAccessBlockConfiguration", "OwnershipControls", "LifecycleConfiguration",
        "VersioningConfiguration", "Tags",
    };

    public string ResourceType => "AWS::S3::Bucket";

    public async Task<DeployedResource> CreateAsync(string logicalId, JsonObject properties, StackContext stack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(stack);
        var unsupported = properties.Select(p => p.Key).Where(p => !Supported.Contains(p)).ToList();
        if (unsupported.Count > 0)
        {
            throw new InvalidOperationException(
                $"{logicalId}: the local cloud cannot apply {string.Join(", ", unsupported)} to a bucket yet " +
                $"(supported: {string.Join(", ", Supported)}); extend {nameof(S3BucketCreator)}.");
        }

        // S3 names: 3-63 characters, lower case, digits, dots and hyphens.
        var name = properties["BucketName"]?.GetValue<string>() ?? stack.PhysicalName(logicalId, 63).ToLowerInvariant().Replace('_', '-');
        var aws = stack.Aws;
        try
        {
            await aws.CallAsync(AwsService.S3, "CreateBucket", new JsonObject { ["Bucket"] = name }, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException error) when (error.Code == "BucketAlreadyOwnedByYou")
        {
            // Deployed before in this local cloud (a named bucket in a second stack): settings below are applied again.
        }

        if (properties["BucketEncryption"]?["ServerSideEncryptionConfiguration"] is JsonArray rules)
        {
            await aws.CallAsync(AwsService.S3, "PutBucketEncryption", new JsonObject
            {
                ["Bucket"] = name,
                ["ServerSideEncryptionConfiguration"] = new JsonObject
                {
                    ["Rules"] = new JsonArray([.. rules.OfType<JsonObject>().Select(EncryptionRule)]),
                },
            }, cancellationToken).ConfigureAwait(false);
        }

        if (properties["PublicAccessBlockConfiguration"] is JsonObject block)
        {
            await aws.CallAsync(AwsService.S3, "PutPublicAccessBlock", new JsonObject
            {
                ["Bucket"] = name,
                ["PublicAccessBlockConfiguration"] = block.DeepClone(),
            }, cancellationToken).ConfigureAwait(false);
        }

        if (properties["OwnershipControls"] is JsonObject ownership)
        {
            await aws.CallAsync(AwsService.S3, "PutBucketOwnershipControls", new JsonObject
            {
                ["Bucket"] = name,
                ["OwnershipControls"] = ownership.DeepClone(),
            }, cancellationToken).ConfigureAwait(false);
        }

        if (properties["LifecycleConfiguration"]?["Rules"] is JsonArray lifecycle)
        {
            await aws.CallAsync(AwsService.S3, "PutBucketLifecycleConfiguration", new JsonObject
            {
                ["Bucket"] = name,
                ["LifecycleConfiguration"] = new JsonObject
                {
                    ["Rules"] = new JsonArray([.. lifecycle.OfType<JsonObject>().Select(LifecycleRule)]),
                },
            }, cancellationToken).ConfigureAwait(false);
        }

        if (properties["VersioningConfiguration"]?["Status"] is { } status)
        {
            await aws.CallAsync(AwsService.S3, "PutBucketVersioning", new JsonObject
            {
                ["Bucket"] = name,
                ["VersioningConfiguration"] = new JsonObject { ["Status"] = status.DeepClone() },
            }, cancellationToken).ConfigureAwait(false);
        }

        if (properties["Tags"] is JsonArray { Count: > 0 } tags)
        {
            await aws.CallAsync(AwsService.S3, "PutBucketTagging", new JsonObject
            {
                ["Bucket"] = name,
                ["Tagging"] = new JsonObject { ["TagSet"] = tags.DeepClone() },
            }, cancellationToken).ConfigureAwait(false);
        }

        return new DeployedResource(logicalId, ResourceType, name, new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["Arn"] = $"arn:{LocalAccount.Partition}:s3:::{name}",
            ["DomainName"] = $"{name}.s3.amazonaws.com",
            ["RegionalDomainName"] = $"{name}.s3.{LocalAccount.Region}.amazonaws.com",
        });
    }

    /// <summary>CloudFormation's ServerSideEncryptionRule → the API's (ServerSideEncryptionByDefault is
    /// ApplyServerSideEncryptionByDefault there).</summary>
    private static JsonObject EncryptionRule(JsonObject rule)
    {
        var api = new JsonObject();
        if (rule["ServerSideEncryptionByDefault"] is JsonObject byDefault)
        {
            api["ApplyServerSideEncryptionByDefault"] = byDefault.DeepClone();
        }

        if (rule["BucketKeyEnabled"] is { } bucketKey)
        {
            api["BucketKeyEnabled"] = bucketKey.DeepClone();
        }

        return api;
    }

    /// <summary>CloudFormation's lifecycle Rule → the API's LifecycleRule.</summary>
    private static JsonObject LifecycleRule(JsonObject rule)
    {
        var api = new JsonObject();
        if (rule["Id"] is { } id)
        {
            api["ID"] = id.DeepClone();
        }

        var filter = new JsonObject();
        if (rule["Prefix"] is { } prefix)
        {
            filter["Prefix"] = prefix.DeepClone();
        }

        api["Filter"] = filter;
        api["Status"] = rule["Status"]?.DeepClone() ?? "Enabled";
        var expiration = new JsonObject();
        if (rule["ExpirationInDays"] is { } days)
        {
            expiration["Days"] = days.DeepClone();
        }

        if (rule["ExpirationDate"] is { } date)
        {
            expiration["Date"] = date.DeepClone();
        }

        if (expiration.Count > 0)
        {
            api["Expiration"] = expiration;
        }

        if (rule["NoncurrentVersionExpirationInDays"] is { } noncurrent)
        {
            api["NoncurrentVersionExpiration"] = new JsonObject { ["NoncurrentDays"] = noncurrent.DeepClone() };
        }

        if (rule["AbortIncompleteMultipartUpload"]?["DaysAfterInitiation"] is { } abort)
        {
            api["AbortIncompleteMultipartUpload"] = new JsonObject { ["DaysAfterInitiation"] = abort.DeepClone() };
        }

        return api;
    }
}
