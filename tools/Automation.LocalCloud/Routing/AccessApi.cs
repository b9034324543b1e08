using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Automation.LocalCloud.Aws;
using Automation.LocalCloud.Deployment;
using Microsoft.AspNetCore.Http;

namespace Automation.LocalCloud.Routing;

/// <summary>
/// Serves the IAM-authenticated access API (<see cref="AccessApiContract"/>) as API Gateway would in front of the
/// Express state machine: the caller header is the verified identity, the input is built exactly as the mapping
/// template builds it (spec §4), the state machine runs to completion (StartExecution, then DescribeExecution until
/// it ends: moto has no StartSyncExecution), and its end becomes the HTTP answer.
/// </summary>
public sealed partial class AccessApi(AwsClient aws, ExecutionStatusEvents statusEvents)
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentQueue<LocalStateMachine> _machines = new();

    /// <summary>A deployed stack; its <see cref="AccessApiContract.StateMachineLogicalId"/> (if any) serves the API.</summary>
    public void Register(StackDeployment stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        foreach (var machine in stack.StateMachines.Where(m => m.LogicalId == AccessApiContract.StateMachineLogicalId))
        {
            _machines.Enqueue(machine);
        }
    }

    [GeneratedRegex(@"^arn:aws[a-z-]*:(iam|sts)::(?<account>\d{12}):(user|role|assumed-role|federated-user|root)(/\S*)?$")]
    private static partial Regex IamArn();

    /// <summary>The API's input for a verified caller, exactly as the mapping template builds it.</summary>
    public static JsonObject Input(string action, string requestId, string callerArn, JsonNode? body)
    {
        ArgumentNullException.ThrowIfNull(callerArn);
        var account = IamArn().Match(callerArn) is { Success: true } match ? match.Groups["account"].Value : string.Empty;
        return new JsonObject
        {
            ["action"] = action,
            ["requestId"] = requestId,
            ["caller"] = new JsonObject
            {
                ["arn"] = callerArn,
                ["accountId"] = account,
                ["sourceIp"] = AccessApiContract.SourceIp,
            },
            ["body"] = body?.DeepClone() ?? new JsonObject(),
        };
    }

    public async Task HandleAsync(HttpContext context, string path, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var route = AccessApiContract.Match(request.Method, path);
        var caller = request.Headers[AccessApiContract.CallerHeader].ToString();
        if (route is null || caller.Length == 0)
        {
            // API Gateway answers this both for an unsigned request and for a route it does not have.
            await WriteGatewayErrorAsync(context, 403, "MissingAuthenticationTokenException", "Missing Authentication Token").ConfigureAwait(false);
            return;
        }

        if (!IamArn().IsMatch(caller))
        {
            await WriteGatewayErrorAsync(context, 403, "UnrecognizedClientException", "The security token included in the request is invalid.")
                .ConfigureAwait(false);
            return;
        }

        JsonNode? payload = null;
        if (body.Length > 0)
        {
            try
            {
                payload = JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                await WriteGatewayErrorAsync(context, 400, "BadRequestException", "Invalid request body: not JSON").ConfigureAwait(false);
                return;
            }
        }

        var stackName = request.Headers[AccessApiContract.StackHeader].ToString();
        var machine = _machines.Reverse().FirstOrDefault(m => stackName.Length == 0 || m.StackName == stackName);
        if (machine is null)
        {
            await WriteGatewayErrorAsync(context, 404, "NotFoundException",
                $"No deployed stack{(stackName.Length == 0 ? string.Empty : $" named {stackName}")} has a state machine {AccessApiContract.StateMachineLogicalId}.")
                .ConfigureAwait(false);
            return;
        }

        var (action, requestId) = route.Value;
        var outcome = await RunAsync(machine, Input(action, requestId, caller, payload), context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers[AccessApiContract.ExecutionHeader] = outcome.ExecutionArn;
        await WriteJsonAsync(context, outcome.Status, outcome.Body).ConfigureAwait(false);
    }

    /// <summary>Runs the API state machine once and turns its end into an HTTP status and body.</summary>
    private async Task<(int Status, JsonNode? Body, string ExecutionArn)> RunAsync(LocalStateMachine machine, JsonObject input, CancellationToken cancellationToken)
    {
        var action = input["action"]!.GetValue<string>();
        var name = $"access-{NotNameCharacter().Replace(action, "-")}-{Guid.NewGuid():N}";
        var started = await aws.CallAsync(AwsService.StepFunctions, "StartExecution", new JsonObject
        {
            ["stateMachineArn"] = machine.Arn,
            ["name"] = name.Length <= 80 ? name : name[..80],
            ["input"] = input.ToJsonString(),
        }, cancellationToken).ConfigureAwait(false);
        var executionArn = started["executionArn"]!.GetValue<string>();
        if (machine.IsStandard)
        {
            await statusEvents.ObserveAsync(executionArn, cancellationToken).ConfigureAwait(false);
        }

        var clock = Stopwatch.StartNew();
        var delay = FirstPoll;
        while (true)
        {
            var description = await aws.CallAsync(AwsService.StepFunctions, "DescribeExecution",
                new JsonObject { ["executionArn"] = executionArn }, cancellationToken).ConfigureAwait(false);
            var status = description["status"]?.GetValue<string>();
            if (status != "RUNNING")
            {
                if (machine.IsStandard)
                {
                    await statusEvents.ObserveAsync(executionArn, cancellationToken).ConfigureAwait(false);
                }

                var (code, answer) = Answer(status, description);
                return (code, answer, executionArn);
            }

            if (clock.Elapsed > AccessApiContract.IntegrationTimeout)
            {
                return (504, new JsonObject { ["message"] = "Endpoint request timed out" }, executionArn);
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(LongestPoll.Ticks, delay.Ticks * 2));
        }
    }

    /// <summary>The API Gateway integration response: a SUCCEEDED run's <c>statusCode</c> and <c>body</c>; a FAILED
    /// run's error mapped to a status, with <c>{error, cause}</c>.</summary>
    public static (int Status, JsonNode? Body) Answer(string? status, JsonObject description)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (status == "SUCCEEDED")
        {
            var output = description["output"]?.GetValue<string>() is { } text ? JsonNode.Parse(text) : null;
            var code = output?["statusCode"] switch
            {
                JsonValue v when v.TryGetValue<int>(out var number) => number,
                JsonValue v when int.TryParse(v.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => AccessApiContract.DefaultStatusCode,
            };
            return (code, output?["body"]?.DeepClone() ?? new JsonObject());
        }

        var error = description["error"]?.GetValue<string>() ?? (status == "TIMED_OUT" ? "States.Timeout" : status ?? "Unknown");
        return (AccessApiContract.StatusFor(status == "FAILED" ? error : null), new JsonObject
        {
            ["error"] = error,
            ["cause"] = description["cause"]?.DeepClone(),
        });
    }

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex NotNameCharacter();

    private static Task WriteGatewayErrorAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.Headers["x-amzn-ErrorType"] = type;
        return WriteJsonAsync(context, status, new JsonObject { ["message"] = message });
    }

    private static Task WriteJsonAsync(HttpContext context, int status, JsonNode? body)
    {
        context.Response.StatusCode = status;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body?.ToJsonString() ?? "null", context.RequestAborted);
    }
}
