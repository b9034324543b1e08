using Amazon.S3;
using Amazon.S3.Model;
using Automation.Tests.LocalCloud;

namespace Automation.LocalCloud.Tests.Routing;

/// <summary>A handler's S3 client (the query runbook's result writer) reaches moto through the router,
/// configured only by the environment, and the bucket's default encryption is reported on its objects.</summary>
[Collection(SharedLocalCloud.Name)]
public sealed class S3ThroughRouterTests(LocalCloudFixture cloud)
{
    [Fact]
    public async Task An_sdk_s3_client_configured_only_by_the_environment_writes_and_reads_results()
    {
        var bucket = cloud.Stack.Resource("QueryResultsBucket").PhysicalId;
        var key = $"results/sdk-{Guid.NewGuid():N}.json";
        using var client = new AmazonS3Client(new AmazonS3Config { MaxErrorRetry = 0 });

        var put = await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            ContentBody = """{"items":[{"pk":"customer#7"}]}""",
            ContentType = "application/json",
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
        });
        using var get = await client.GetObjectAsync(bucket, key);
        using var reader = new StreamReader(get.ResponseStream);
        var body = await reader.ReadToEndAsync();
        var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "results/sdk-" });

        Assert.Equal(System.Net.HttpStatusCode.OK, put.HttpStatusCode);
        Assert.Equal("""{"items":[{"pk":"customer#7"}]}""", body);
        Assert.Equal(ServerSideEncryptionMethod.AES256, get.ServerSideEncryptionMethod);
        Assert.Contains(listed.S3Objects, o => o.Key == key);
    }
}
