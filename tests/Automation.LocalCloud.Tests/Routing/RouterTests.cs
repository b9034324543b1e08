using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Automation.LocalCloud.Aws;
using Automation.LocalCloud.Routing;
using Automation.LocalCloud.Scenarios;
using Automation.Tests.LocalCloud;
using Automation.Tests.Shared;

namespace Automation.LocalCloud.Tests.Routing;

/// <summary>The router, seen from the Step Functions interpreter and from an SDK client: errors
/// reported as Lambda does (Retry/Catch see them), throttling injected, the APIs moto lacks served.</summary>
[Collection(SharedLocalCloud.Name)]
public sealed class RouterTests(LocalCloudFixture cloud)
{
    private static Scenario Probe(string name) =>
        ScenarioLoader.Load(RepoPaths.Combine("tests", "Automation.LocalCloud.Tests", "Routing", "Probes", name));

    [Fact]
    public async Task Retry_and_Catch_see_the_handler_error_type()
    {
        var before = cloud.Sandbox.Router.Functions.Invocations.Count(i => i.ErrorType == "InvalidTrigger");

        var result = await cloud.Sandbox.PlayAsync(Probe("retry-through-router.yaml"));

        Assert.True(result.Passed, string.Join("\n", result.Failures));
        var normalize = Assert.Single(result.Timeline, e => e.State == "Normalize");
        Assert.Equal(3, normalize.Attempts); // the first try and MaxAttempts: 2 retries
        Assert.Equal("InvalidTrigger", normalize.Error);
        Assert.True(cloud.Sandbox.Router.Functions.Invocations.Count(i => i.ErrorType == "InvalidTrigger") >= before + 3);
    }

    [Fact]
    public async Task Injected_throttling_is_retried_and_insights_come_from_the_scenario()
    {
        var result = await cloud.Sandbox.PlayAsync(Probe("services-through-router.yaml"));

        Assert.True(result.Passed, string.Join("\n", result.Failures));
        var write = Assert.Single(result.Timeline, e => e.State == "Write");
        Assert.Equal(2, write.Attempts); // throttled once, then written
        Assert.Equal(["DynamoDb.ProvisionedThroughputExceededException"], write.AttemptErrors);
        Assert.Null(write.Error); // the retry succeeded: the state did not fail
        Assert.Equal("Succeeded", write.Status);
    }

    [Fact]
    public async Task A_task_token_wait_is_answered_by_the_scenario()
    {
        var result = await cloud.Sandbox.PlayAsync(Probe("approval-through-token.yaml"));

        Assert.True(result.Passed, string.Join("\n", result.Failures));
    }

    [Fact]
    public async Task An_sdk_client_configured_only_by_the_environment_reaches_the_local_cloud()
    {
        // What a handler's own client does: no ServiceURL in code, AWS_ENDPOINT_URL from the environment.
        Assert.Equal(cloud.Sandbox.Endpoint.ToString().TrimEnd('/'), Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"));
        var table = $"sdk-env-{Guid.NewGuid():N}"[..20];
        await cloud.Sandbox.Aws.CallAsync(AwsService.DynamoDb, "CreateTable", new JsonObject
        {
            ["TableName"] = table,
            ["BillingMode"] = "PAY_PER_REQUEST",
            ["AttributeDefinitions"] = new JsonArray(new JsonObject { ["AttributeName"] = "pk", ["AttributeType"] = "S" }),
            ["KeySchema"] = new JsonArray(new JsonObject { ["AttributeName"] = "pk", ["KeyType"] = "HASH" }),
        });
        cloud.Sandbox.Router.Faults.Add(new FaultRule(table, ["PutItem"], Times: null));
        using var client = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { MaxErrorRetry = 0 });

        var put = () => client.PutItemAsync(table, new Dictionary<string, AttributeValue> { ["pk"] = new("a") });
        await Assert.ThrowsAsync<ProvisionedThroughputExceededException>(put);

        cloud.Sandbox.Router.Faults.Remove(table);
        await put();
        var read = await client.GetItemAsync(table, new Dictionary<string, AttributeValue> { ["pk"] = new("a") });
        Assert.True(read.IsItemSet);
    }

    [Fact]
    public async Task Invoking_an_unknown_function_is_a_lambda_not_found_error()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(cloud.Sandbox.Endpoint, "2015-03-31/functions/no-such-function/invocations"), new StringContent("{}"));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("ResourceNotFoundException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task A_handler_failure_is_answered_as_lambda_does()
    {
        var function = Assert.Single(cloud.Stack.Functions, f => f.Handler == "NormalizeTrigger");
        using var http = new HttpClient();
        using var response = await http.PostAsync(
            new Uri(cloud.Sandbox.Endpoint, $"2015-03-31/functions/{Uri.EscapeDataString(function.Arn)}/invocations"),
            new StringContent("""{"neither":"alarm nor manual request"}"""));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("InvalidTrigger", error["errorType"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(error["errorMessage"]!.GetValue<string>()));
        Assert.IsType<JsonArray>(error["stackTrace"]);
    }
}
