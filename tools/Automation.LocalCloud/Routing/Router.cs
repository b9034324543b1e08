using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Automation.LocalCloud.Aws;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Automation.LocalCloud.Routing;

/// <summary>
/// The local cloud's front door, on the port moto is told is its own (<c>MOTO_PORT</c>), so the Step
/// Functions interpreter's Lambda and aws-sdk calls come here, as do the Lambdas' own SDK calls
/// (AWS_ENDPOINT_URL). It answers Lambda Invoke with the real handlers, serves the APIs moto lacks
/// (Contributor Insights, GetInsightRuleReport), injects faults (throttling, refusals), reports the
/// consumed capacity of reads as DynamoDB computes it (<see cref="ReadCapacityMeter"/>), and forwards the rest to moto.
/// It also serves the break-glass access API (<see cref="AccessApi"/>, under <see cref="AccessApiContract.PathPrefix"/>),
/// fails Lambda functions and IAM actions a scenario names (<see cref="StepFaults"/>, <see cref="QueryFaults"/>), and
/// emits execution status events (<see cref="StatusEvents"/>) when a StartExecution or StopExecution passes through.
/// </summary>
public sealed partial class Router : IAsyncDisposable
{
    private const string DynamoDbTarget = "DynamoDB_20120810.";
    private const string CloudWatchTarget = "GraniteServiceVersion20100801.";
    private const string StepFunctionsTarget = "AWSStepFunctions.";

    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private Uri? _moto;
    private ExecutionStatusEvents? _statusEvents;
    private AccessApi? _access;

    private Router(WebApplication app, FunctionHost functions, ContributorInsights insights, FaultInjector faults)
    {
        _app = app;
        Functions = functions;
        Insights = insights;
        Faults = faults;
        PendingUpdates = new PendingUpdateEmulator();
        _upstream = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
        {
            Timeout = TimeSpan.FromMinutes(2),
        };
    }

    public FunctionHost Functions { get; }
    public ContributorInsights Insights { get; }
    public FaultInjector Faults { get; }
    public PendingUpdateEmulator PendingUpdates { get; }
    public StepFaultInjector StepFaults { get; } = new();
    public QueryFaultInjector QueryFaults { get; } = new();

    /// <summary>Execution status events of the deployed stacks (available once <see cref="ForwardTo"/> was called).</summary>
    public ExecutionStatusEvents StatusEvents => _statusEvents ?? throw new InvalidOperationException("The router does not forward to moto yet.");

    /// <summary>The access API (available once <see cref="ForwardTo"/> was called).</summary>
    public AccessApi Access => _access ?? throw new InvalidOperationException("The router does not forward to moto yet.");

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri Endpoint { get; private set; } = null!;

    public int Port => Endpoint.Port;

    /// <summary>Starts listening on a free loopback port. Forwarding starts once <see cref="ForwardTo"/> is called.</summary>
    public static async Task<Router> StartAsync(FunctionHost functions, ContributorInsights insights, FaultInjector faults, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        var app = builder.Build();
        var router = new Router(app, functions, insights, faults);
        app.Run(router.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        router.Endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return router;
    }

    public void ForwardTo(Uri moto)
    {
        _moto = moto;
        var direct = new AwsClient(_upstream, moto);
        _statusEvents = new ExecutionStatusEvents(direct);
        _access = new AccessApi(direct, _statusEvents);
    }

    /// <summary>Drops a table's injected faults and slow-update emulation (a scenario's, once it is over).</summary>
    public void ForgetInjections(string table)
    {
        Faults.Remove(table);
        PendingUpdates.Remove(table);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _statusEvents?.Dispose();
        _upstream.Dispose();
    }

    [GeneratedRegex("^/2015-03-31/functions/(?<name>[^/]+)/invocations$")]
    private static partial Regex InvokePath();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var body = buffer.ToArray();
        try
        {
            var path = request.Path.Value ?? string.Empty;
            if (path.StartsWith(AccessApiContract.PathPrefix + "/", StringComparison.Ordinal))
            {
                await Access.HandleAsync(context, path[AccessApiContract.PathPrefix.Length..], body).ConfigureAwait(false);
                return;
            }

            var invoke = InvokePath().Match(path);
            if (request.Method == HttpMethods.Post && invoke.Success)
            {
                await InvokeAsync(context, Uri.UnescapeDataString(invoke.Groups["name"].Value), body).ConfigureAwait(false);
                return;
            }

            var target = request.Headers["X-Amz-Target"].ToString();
            if (await TryServeOwnApiAsync(context, target, body).ConfigureAwait(false))
            {
                return;
            }

            if (target is StepFunctionsTarget + "StartExecution" or StepFunctionsTarget + "StopExecution")
            {
                await ForwardAndObserveExecutionAsync(context, body).ConfigureAwait(false);
                return;
            }

            if (await TryInjectQueryFaultAsync(context, body).ConfigureAwait(false))
            {
                return;
            }

            await ForwardAsync(context, body).ConfigureAwait(false);
        }
        catch (RouterException error)
        {
            await WriteJsonErrorAsync(context, error.Status, error.Code, error.Message).ConfigureAwait(false);
        }
    }

    private async Task InvokeAsync(HttpContext context, string functionName, byte[] body)
    {
        var function = Functions.Find(functionName)
                       ?? throw new RouterException(404, "ResourceNotFoundException", $"Function not found: {functionName}");
        var payload = body.Length == 0 ? "{}" : Encoding.UTF8.GetString(body);
        var invocationType = context.Request.Headers["X-Amz-Invocation-Type"].ToString();
        if (invocationType == "DryRun")
        {
            context.Response.StatusCode = 204;
            return;
        }

        if (StepFaults.Decide(function.Name) is { } injected)
        {
            // As Lambda reports a handler that threw; the handler does not run.
            context.Response.StatusCode = invocationType == "Event" ? 202 : 200;
            if (invocationType != "Event")
            {
                context.Response.Headers["X-Amz-Executed-Version"] = "$LATEST";
                context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
                context.Response.Headers["X-Amz-Function-Error"] = "Unhandled";
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(injected, context.RequestAborted).ConfigureAwait(false);
            }

            return;
        }

        if (invocationType == "Event")
        {
            // Asynchronous invocation: accepted now, run in the background as Lambda would.
            _ = Task.Run(() => Functions.InvokeAsync(function, payload, CancellationToken.None));
            context.Response.StatusCode = 202;
            return;
        }

        var result = await Functions.InvokeAsync(function, payload, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = 200;
        context.Response.Headers["X-Amz-Executed-Version"] = "$LATEST";
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        context.Response.ContentType = "application/json";
        if (result.Error is not null)
        {
            context.Response.Headers["X-Amz-Function-Error"] = "Unhandled";
        }

        await context.Response.WriteAsync(result.Error is null ? result.Output ?? "null" : result.ErrorDocument(), context.RequestAborted)
            .ConfigureAwait(false);
    }

    private async Task<bool> TryServeOwnApiAsync(HttpContext context, string target, byte[] body)
    {
        if (target.StartsWith(DynamoDbTarget, StringComparison.Ordinal))
        {
            var action = target[DynamoDbTarget.Length..];
            var request = ParseObject(body);
            if (action is "UpdateContributorInsights" or "DescribeContributorInsights"
                && await TableMissingAsync(context, request).ConfigureAwait(false) is { } missing)
            {
                // DynamoDB answers ResourceNotFoundException for a table that does not exist: pass moto's on.
                context.Response.StatusCode = (int)missing.StatusCode;
                context.Response.ContentType = "application/x-amz-json-1.0";
                context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
                await missing.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
                missing.Dispose();
                return true;
            }

            JsonObject? answer = action switch
            {
                "UpdateContributorInsights" => Insights.Update(request),
                "DescribeContributorInsights" => Insights.Describe(request),
                "ListContributorInsights" => Insights.List(request),
                _ => null,
            };
            if (answer is not null)
            {
                await WriteJsonAsync(context, 200, answer).ConfigureAwait(false);
                return true;
            }

            if (Faults.Decide(action, request) is { } fault)
            {
                await WriteJsonErrorAsync(context, 400, $"com.amazonaws.dynamodb.v20120810#{fault.ErrorCode}", fault.Message)
                    .ConfigureAwait(false);
                return true;
            }

            if (action is "UpdateTable" or "DescribeTable" && request["TableName"]?.GetValue<string>() is { } table
                && PendingUpdates.Watches(table))
            {
                await ServeSlowUpdateAsync(context, action, table, request, body).ConfigureAwait(false);
                return true;
            }

            if (ReadCapacityMeter.Measures(action, request))
            {
                await ServeMeasuredReadAsync(context, action, request, body).ConfigureAwait(false);
                return true;
            }

            return false;
        }

        if (target == CloudWatchTarget + "GetInsightRuleReport")
        {
            await WriteJsonAsync(context, 200, Insights.Report(ParseObject(body))).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    /// <summary>moto's DescribeTable answer when the table does not exist, else null.</summary>
    private async Task<HttpResponseMessage?> TableMissingAsync(HttpContext context, JsonObject request)
    {
        var answer = await SendDynamoDbAsync(context, "DescribeTable", new JsonObject { ["TableName"] = request["TableName"]?.DeepClone() })
            .ConfigureAwait(false);
        if (answer.StatusCode == HttpStatusCode.BadRequest)
        {
            return answer;
        }

        answer.Dispose();
        return null;
    }

    /// <summary>A DynamoDB request of the router's own to moto, under the caller's credentials (region).</summary>
    private async Task<HttpResponseMessage> SendDynamoDbAsync(HttpContext context, string action, JsonObject request)
    {
        var moto = _moto ?? throw new RouterException(503, "ServiceUnavailable", "The local cloud is still starting.");
        using var message = new HttpRequestMessage(HttpMethod.Post, moto)
        {
            Content = new StringContent(request.ToJsonString()),
        };
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.0");
        message.Headers.TryAddWithoutValidation("X-Amz-Target", DynamoDbTarget + action);
        message.Headers.TryAddWithoutValidation("Authorization", context.Request.Headers.Authorization.ToString());
        return await _upstream.SendAsync(message, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>A read that asks for ConsumedCapacity: moto's answer with DynamoDB's cost (<see cref="ReadCapacityMeter"/>).</summary>
    private async Task ServeMeasuredReadAsync(HttpContext context, string action, JsonObject request, byte[] body)
    {
        using var answer = await SendUpstreamAsync(context, body).ConfigureAwait(false);
        var text = await answer.Content.ReadAsStringAsync(context.RequestAborted).ConfigureAwait(false);
        var rewritten = false;
        if (answer.IsSuccessStatusCode && JsonNode.Parse(text) is JsonObject result)
        {
            var meter = new ReadCapacityMeter(async (readAction, readRequest, _) =>
            {
                using var read = await SendDynamoDbAsync(context, readAction, readRequest).ConfigureAwait(false);
                var readText = await read.Content.ReadAsStringAsync(context.RequestAborted).ConfigureAwait(false);
                return read.IsSuccessStatusCode && JsonNode.Parse(readText) is JsonObject readAnswer
                    ? readAnswer
                    : throw new RouterException((int)read.StatusCode, "InternalServerError",
                        $"The local cloud's {readAction} to measure consumed capacity failed: {readText}");
            });
            await meter.CorrectAsync(action, request, result, context.RequestAborted).ConfigureAwait(false);
            text = result.ToJsonString();
            rewritten = true;
        }

        CopyStatusAndHeaders(answer, context.Response);
        if (rewritten)
        {
            // DynamoDB's checksum of the body; SDKs verify it only when present.
            context.Response.Headers.Remove("x-amz-crc32");
        }

        await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>UpdateTable and DescribeTable of a table whose updates take time (<see cref="PendingUpdateEmulator"/>).</summary>
    private async Task ServeSlowUpdateAsync(HttpContext context, string action, string table, JsonObject request, byte[] body)
    {
        using var answer = await SendUpstreamAsync(context, body).ConfigureAwait(false);
        var text = await answer.Content.ReadAsStringAsync(context.RequestAborted).ConfigureAwait(false);
        var rewritten = false;
        if (answer.IsSuccessStatusCode && action == "UpdateTable")
        {
            PendingUpdates.Updated(table, request);
        }
        else if (answer.IsSuccessStatusCode && JsonNode.Parse(text) is JsonObject description
                 && PendingUpdates.Describing(table, description))
        {
            text = description.ToJsonString();
            rewritten = true;
        }

        CopyStatusAndHeaders(answer, context.Response);
        if (rewritten)
        {
            // DynamoDB's checksum of the body; SDKs verify it only when present.
            context.Response.Headers.Remove("x-amz-crc32");
        }

        await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>StartExecution / StopExecution: forwarded, then the execution's status events are emitted (and delivered
    /// to the stacks' rules) before the caller gets the answer, so a stop's ABORTED event has reached its rules by then.</summary>
    private async Task ForwardAndObserveExecutionAsync(HttpContext context, byte[] body)
    {
        using var answer = await SendUpstreamAsync(context, body).ConfigureAwait(false);
        var text = await answer.Content.ReadAsStringAsync(context.RequestAborted).ConfigureAwait(false);
        if (answer.IsSuccessStatusCode && _statusEvents is not null)
        {
            var executionArn = (JsonNode.Parse(text) as JsonObject)?["executionArn"]?.GetValue<string>()
                               ?? ParseObject(body)["executionArn"]?.GetValue<string>();
            if (executionArn is not null)
            {
                await _statusEvents.ObserveAsync(executionArn, context.RequestAborted).ConfigureAwait(false);
            }
        }

        CopyStatusAndHeaders(answer, context.Response);
        await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
    }

    [GeneratedRegex(@"Credential=[^/]+/[^/]+/[^/]+/(?<service>[^/]+)/aws4_request")]
    private static partial Regex CredentialScope();

    /// <summary>A query-protocol request (IAM: form-encoded <c>Action=...</c>) that a scenario wants to fail.</summary>
    private async Task<bool> TryInjectQueryFaultAsync(HttpContext context, byte[] body)
    {
        var request = context.Request;
        if (request.Method != HttpMethods.Post
            || request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true
            || CredentialScope().Match(request.Headers.Authorization.ToString()) is not { Success: true } scope
            || !QueryFaults.Watches(scope.Groups["service"].Value))
        {
            return false;
        }

        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        if (!form.TryGetValue("Action", out var action) || QueryFaults.Decide(scope.Groups["service"].Value, action.ToString()) is not { } fault)
        {
            return false;
        }

        var requestId = Guid.NewGuid().ToString();
        context.Response.StatusCode = QueryFaultInjector.StatusOf(fault);
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync(QueryFaultInjector.ErrorDocument(fault, requestId), context.RequestAborted).ConfigureAwait(false);
        return true;
    }

    private async Task ForwardAsync(HttpContext context, byte[] body)
    {
        using var answer = await SendUpstreamAsync(context, body, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        CopyStatusAndHeaders(answer, context.Response);
        await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static void CopyStatusAndHeaders(HttpResponseMessage answer, HttpResponse response)
    {
        response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                response.Headers[name] = values.ToArray();
            }
        }
    }

    private async Task<HttpResponseMessage> SendUpstreamAsync(HttpContext context, byte[] body,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var moto = _moto ?? throw new RouterException(503, "ServiceUnavailable", "The local cloud is still starting.");
        var incoming = context.Request;
        using var outgoing = new HttpRequestMessage(new HttpMethod(incoming.Method),
            new Uri(moto, incoming.Path.Value + incoming.QueryString.Value));
        if (body.Length > 0 || incoming.ContentLength is not null)
        {
            outgoing.Content = new ByteArrayContent(body);
        }

        foreach (var (name, values) in incoming.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!outgoing.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                outgoing.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        return await _upstream.SendAsync(outgoing, completion, context.RequestAborted).ConfigureAwait(false);
    }

    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Expect", "Upgrade",
        "Proxy-Connection", "TE", "Trailer",
    };

    private static JsonObject ParseObject(byte[] body)
    {
        if (body.Length == 0)
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(body) as JsonObject ?? [];
        }
        catch (JsonException error)
        {
            throw new RouterException(400, "SerializationException", error.Message);
        }
    }

    private static Task WriteJsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        // Every AWS answer carries one; SDKs (and moto's interpreter, on errors) read it.
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        context.Response.ContentType = "application/x-amz-json-1.0";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static Task WriteJsonErrorAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.Headers["x-amzn-ErrorType"] = type[(type.LastIndexOf('#') + 1)..];
        return WriteJsonAsync(context, status, new JsonObject { ["__type"] = type, ["message"] = message });
    }
}
