using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Automation.Aws.Queries;
using Automation.Core.Errors;
using Automation.Core.Queries;
using Automation.Tests.Moto;

namespace Automation.Aws.Tests.Queries;

/// <summary>The result writer against moto's S3.</summary>
[Collection(MotoTests.Name)]
public sealed class S3QueryResultWriterTests(MotoServer moto) : IDisposable
{
    // us-east-1: moto refuses a LocationConstraint on a path-style endpoint, and us-east-1 needs none.
    private const string S3Region = "us-east-1";

    private readonly AmazonS3Client _s3 = Client(moto.ServiceUrl);

    private static AmazonS3Client Client(string endpoint) => new(
        new BasicAWSCredentials("testing", "testing"),
        new AmazonS3Config { ServiceURL = endpoint, ForcePathStyle = true, AuthenticationRegion = S3Region, MaxErrorRetry = 0 });

    public void Dispose() => _s3.Dispose();

    private async Task<string> NewBucketAsync()
    {
        string bucket = "query-results-" + Guid.NewGuid().ToString("N")[..12];
        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        return bucket;
    }

    private static (QueryPlan Plan, QueryRunResult Result) Run()
    {
        QueryPlan plan = OrdersTable.Plan("Orders", OrdersTable.ForCustomer, ("customer", "customer#1"));
        JsonObject[] items =
        [
            QueryRunner.Mask(JsonNode.Parse("""{"pk":{"S":"customer#1"},"sk":{"S":"order#0001"},"email":{"S":"a@example.com"},"total":{"N":"10"}}""")!.AsObject(), plan.Attributes),
            JsonNode.Parse("""{"pk":{"S":"customer#1"},"sk":{"S":"order#0002"},"b":{"B":"AQID"},"l":{"L":[{"BOOL":true},{"NULL":true}]}}""")!.AsObject(),
        ];
        var result = new QueryRunResult(
            StopReason.PageLimitReached, 2, items.Length, 7, 1.5, items,
            JsonNode.Parse("""{"pk":{"S":"customer#1"},"sk":{"S":"order#0002"}}""")!.AsObject(), null, []);
        return (plan, result);
    }

    [Fact]
    public async Task The_masked_result_set_is_written_encrypted_at_prefix_runId_json_and_reads_back()
    {
        string bucket = await NewBucketAsync();
        var writer = new S3QueryResultWriter(_s3, new QueryResultWriterOptions(bucket));
        (QueryPlan plan, QueryRunResult result) = Run();

        QueryResultLocation location = await writer.WriteAsync("run-1", plan, result, CancellationToken.None);

        Assert.Equal(new QueryResultLocation(bucket, "results/run-1.json"), location);
        using GetObjectResponse got = await _s3.GetObjectAsync(bucket, location.Key);
        Assert.Equal(ServerSideEncryptionMethod.AES256, got.ServerSideEncryptionMethod);
        Assert.Equal("application/json", got.Headers.ContentType);
        JsonObject document = (await JsonNode.ParseAsync(got.ResponseStream))!.AsObject();
        Assert.Equal("run-1", document["runId"]!.GetValue<string>());
        Assert.Equal("orders-for-customer", document["template"]!.GetValue<string>());
        Assert.Equal(plan.TemplateHash, document["templateHash"]!.GetValue<string>());
        Assert.Equal(2, document["segmentVersion"]!.GetValue<int>());
        Assert.Equal("PageLimitReached", document["stopReason"]!.GetValue<string>());
        Assert.Equal((2, 2, 7, 1.5), (document["pages"]!.GetValue<int>(), document["itemCount"]!.GetValue<int>(), document["scannedCount"]!.GetValue<int>(), document["consumedReadUnits"]!.GetValue<double>()));
        Assert.Equal("customer#1", document["parameters"]!["customer"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(new JsonArray([.. result.Items.Select(i => i.DeepClone())]), document["items"]));
        Assert.Equal(QueryPlanner.Masked, document["items"]![0]!["email"]!["S"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(result.LastEvaluatedKey, document["lastEvaluatedKey"]));
        Assert.Null(document["index"]);
    }

    [Fact]
    public async Task With_KMS_the_object_is_written_aws_kms_under_the_given_prefix()
    {
        string bucket = await NewBucketAsync();
        var writer = new S3QueryResultWriter(_s3, new QueryResultWriterOptions(bucket, Prefix: "runs/2026/", Encryption: ResultEncryption.Kms));
        (QueryPlan plan, QueryRunResult result) = Run();

        QueryResultLocation location = await writer.WriteAsync("run-2", plan, result, CancellationToken.None);

        Assert.Equal("runs/2026/run-2.json", location.Key);
        GetObjectMetadataResponse head = await _s3.GetObjectMetadataAsync(bucket, location.Key);
        Assert.Equal(ServerSideEncryptionMethod.AWSKMS, head.ServerSideEncryptionMethod);
    }

    [Fact]
    public async Task A_missing_bucket_is_an_InternalError_naming_the_setting()
    {
        var writer = new S3QueryResultWriter(_s3, new QueryResultWriterOptions("no-such-bucket-" + Guid.NewGuid().ToString("N")[..8]));
        (QueryPlan plan, QueryRunResult result) = Run();

        var error = await Assert.ThrowsAsync<AutomationException>(() => writer.WriteAsync("run-3", plan, result, CancellationToken.None));

        Assert.Equal(ErrorTypes.InternalError, error.ErrorType);
        Assert.Contains(QueryResultWriterOptions.BucketVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_S3_is_a_TransientDependencyError()
    {
        using AmazonS3Client offline = Client($"http://127.0.0.1:{MotoServer.FreePort()}");
        var writer = new S3QueryResultWriter(offline, new QueryResultWriterOptions("bucket"));
        (QueryPlan plan, QueryRunResult result) = Run();

        var error = await Assert.ThrowsAsync<AutomationException>(() => writer.WriteAsync("run-4", plan, result, CancellationToken.None));

        Assert.Equal(ErrorTypes.TransientDependencyError, error.ErrorType);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    public void A_run_id_that_is_not_a_plain_name_is_refused(string runId) =>
        Assert.Throws<ArgumentException>(() => new S3QueryResultWriter(_s3, new QueryResultWriterOptions("b")).KeyFor(runId));

    [Fact]
    public void Options_come_from_the_environment()
    {
        Assert.Equal(new QueryResultWriterOptions("b"), QueryResultWriterOptions.FromEnvironment(v => v == "QUERY_RESULTS_BUCKET" ? "b" : null));
        Assert.Equal(
            new QueryResultWriterOptions("b", Encryption: ResultEncryption.Kms, KmsKeyId: "alias/results"),
            QueryResultWriterOptions.FromEnvironment(v => v switch { "QUERY_RESULTS_BUCKET" => "b", "QUERY_RESULTS_KMS_KEY_ID" => "alias/results", _ => null }));
        Assert.Equal(ErrorTypes.InternalError, Assert.Throws<AutomationException>(() => QueryResultWriterOptions.FromEnvironment(_ => null)).ErrorType);
    }
}
