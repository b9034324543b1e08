using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Automation.LocalCloud.Routing;
using Automation.LocalCloud.Scenarios.Expectations;
using Automation.Tests.LocalCloud;

namespace Automation.LocalCloud.Tests.BreakGlassSupport;

/// <summary>The IAM-authenticated access API as the router serves it: the verified caller from the header, the
/// input exactly as the mapping template builds it, and the run's end as API Gateway's answer.</summary>
[Collection(SharedLocalCloud.Name)]
public sealed class AccessApiTests(LocalCloudFixture cloud) : IDisposable
{
    private const string Alice = "arn:aws:sts::123456789012:assumed-role/OnCall/alice";
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    private async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, string? caller, string? body = null)
    {
        var stack = await SupportStack.DeployAsync(cloud);
        using var request = new HttpRequestMessage(method, new Uri(cloud.Sandbox.Endpoint, path));
        if (caller is not null)
        {
            request.Headers.Add(AccessApiContract.CallerHeader, caller);
        }

        request.Headers.Add(AccessApiContract.StackHeader, stack.Name);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    [Fact]
    public async Task The_input_carries_the_verified_caller_the_path_and_the_body_exactly()
    {
        var (status, body, _) = await SendAsync(HttpMethod.Post, "access/requests/r-42/echo", Alice, """{"minutes":30,"note":"x"}""");

        Assert.Equal((HttpStatusCode)201, status); // the output's statusCode
        var expected = JsonNode.Parse("""
            {"action":"echo","requestId":"r-42",
             "caller":{"arn":"arn:aws:sts::123456789012:assumed-role/OnCall/alice","accountId":"123456789012","sourceIp":"127.0.0.1"},
             "body":{"minutes":30,"note":"x"}}
            """);
        Assert.True(ValueMatcher.DeepEquals(body!["input"], expected), body!.ToJsonString());
    }

    [Fact]
    public async Task Get_is_the_get_action_and_a_success_without_status_code_is_200_with_the_body()
    {
        var (status, body, response) = await SendAsync(HttpMethod.Get, "access/requests/r-7", "arn:aws:iam::123456789012:user/bob");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("r-7", body!["requestId"]!.GetValue<string>());
        Assert.Equal("get", body["action"]!.GetValue<string>());
        Assert.Contains(":execution:", response.Headers.GetValues(AccessApiContract.ExecutionHeader).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_request_route_posts_with_an_empty_request_id_and_an_empty_body_by_default()
    {
        // "request" starts a hold named after body.requestId: without one the run fails, which is a 500 (unmapped error).
        var (status, body, _) = await SendAsync(HttpMethod.Post, "access/requests", Alice);

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal(["error", "cause"], body!.AsObject().Select(p => p.Key));
    }

    [Theory]
    [InlineData("InvalidInput", 400)]
    [InlineData("AccessRefused", 400)]
    [InlineData("ApprovalNotAllowed", 403)]
    [InlineData("AccessRequestNotFound", 404)]
    [InlineData("ConcurrentModification", 409)]
    [InlineData("RevokeFailed", 500)]
    public async Task A_failed_run_is_its_error_mapped_to_a_status_with_error_and_cause(string error, int expected)
    {
        var (status, body, _) = await SendAsync(HttpMethod.Post, "access/requests/r-1/fail", Alice, $$"""{"error":"{{error}}","cause":"because {{error}}"}""");

        Assert.Equal((HttpStatusCode)expected, status);
        Assert.Equal(expected, AccessApiContract.StatusFor(error));
        Assert.Equal(error, body!["error"]!.GetValue<string>());
        Assert.Equal($"because {error}", body["cause"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_the_caller_header_it_is_403_missing_authentication_token_and_nothing_runs()
    {
        var (status, body, response) = await SendAsync(HttpMethod.Post, "access/requests/r-1/echo", caller: null, "{}");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("MissingAuthenticationTokenException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal("Missing Authentication Token", body!["message"]!.GetValue<string>());
        Assert.False(response.Headers.Contains(AccessApiContract.ExecutionHeader));
    }

    [Theory]
    [InlineData("DELETE", "access/requests/r-1")]
    [InlineData("GET", "access/requests")]
    [InlineData("POST", "access/other")]
    [InlineData("POST", "access/requests/r-1/approve/extra")]
    public async Task A_route_the_api_does_not_have_is_403_as_api_gateway_answers(string method, string path)
    {
        var (status, _, response) = await SendAsync(new HttpMethod(method), path, Alice, method == "GET" ? null : "{}");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("MissingAuthenticationTokenException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task A_caller_that_is_not_an_iam_arn_or_a_body_that_is_not_json_is_refused_before_any_run()
    {
        var (badCaller, _, _) = await SendAsync(HttpMethod.Post, "access/requests/r-1/echo", "alice", "{}");
        var (badBody, _, response) = await SendAsync(HttpMethod.Post, "access/requests/r-1/echo", Alice, "{not json");

        Assert.Equal(HttpStatusCode.Forbidden, badCaller);
        Assert.Equal(HttpStatusCode.BadRequest, badBody);
        Assert.False(response.Headers.Contains(AccessApiContract.ExecutionHeader));
    }

    [Fact]
    public void The_contract_routes_map_to_actions_and_back()
    {
        Assert.Equal(("request", ""), AccessApiContract.Match("POST", "/requests"));
        Assert.Equal(("get", "r-1"), AccessApiContract.Match("GET", "/requests/r-1"));
        Assert.Equal(("approve-extension", "r-1"), AccessApiContract.Match("POST", "/requests/r-1/approve-extension"));
        Assert.Null(AccessApiContract.Match("GET", "/requests/r-1/approve"));
        foreach (var action in AccessApiContract.Actions)
        {
            var (method, path) = AccessApiContract.RequestFor(action, "r-9");
            Assert.Equal(action, AccessApiContract.Match(method, path[AccessApiContract.PathPrefix.Length..])!.Value.Action);
        }
    }
}
