using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Automation.LocalCloud.Aws;
using Automation.LocalCloud.Deployment;

namespace Automation.LocalCloud.Routing;

/// <summary>
/// The "Step Functions Execution Status Change" events AWS sends to EventBridge and moto never does:
/// for every execution of a Standard state machine of a deployed stack, one event per transition
/// (RUNNING, then one of SUCCEEDED, FAILED, TIMED_OUT, ABORTED), each exactly once, delivered to the
/// enabled rules of every deployed stack whose pattern matches (the default bus is account-wide);
/// a state-machine target gets StartExecution with the event (or its <c>Input</c> / <c>InputPath</c>).
/// </summary>
/// <remarks>
/// Deterministic rather than timed: an execution is looked at when something says it changed — the
/// router forwarding a StartExecution or StopExecution (the interpreter's, the CLI's, the access API's),
/// an execution this class starts for a rule, or a <see cref="SweepAsync"/> (the scenario runner's,
/// once the followed execution has ended, and while it waits for the others to settle). A transition
/// seen late is still delivered, in order (RUNNING before the end). One look at a time.
/// </remarks>
public sealed partial class ExecutionStatusEvents(AwsClient aws) : IDisposable
{
    public const string Source = "aws.states";
    public const string DetailType = "Step Functions Execution Status Change";

    private static readonly HashSet<string> TerminalStatuses = new(StringComparer.Ordinal) { "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED" };

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly ConcurrentDictionary<string, StackDeployment> _stacks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _emitted = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<JsonObject> _published = new();
    private readonly ConcurrentQueue<StatusEventDelivery> _deliveries = new();

    /// <summary>Every event emitted so far, oldest first.</summary>
    public IReadOnlyCollection<JsonObject> Published => _published;

    /// <summary>Every delivery to a rule target so far, oldest first.</summary>
    public IReadOnlyCollection<StatusEventDelivery> Deliveries => _deliveries;

    public void Dispose() => _oneAtATime.Dispose();

    /// <summary>A deployed stack: its state machines' executions emit events, its rules receive them.</summary>
    public void Register(StackDeployment stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        _stacks[stack.Name] = stack;
    }

    /// <summary>The deployed state machine with this ARN, or null.</summary>
    public LocalStateMachine? StateMachine(string stateMachineArn) =>
        _stacks.Values.SelectMany(s => s.StateMachines).FirstOrDefault(m => m.Arn == stateMachineArn);

    /// <summary>"arn:aws:states:R:A:execution:MACHINE:NAME" → "arn:aws:states:R:A:stateMachine:MACHINE".</summary>
    public static string? StateMachineArnOf(string executionArn)
    {
        ArgumentNullException.ThrowIfNull(executionArn);
        var match = ExecutionArn().Match(executionArn);
        return match.Success ? $"{match.Groups["prefix"].Value}stateMachine:{match.Groups["machine"].Value}" : null;
    }

    [GeneratedRegex("^(?<prefix>arn:[^:]+:states:[^:]*:[^:]*:)execution:(?<machine>[^:]+):[^:]+$")]
    private static partial Regex ExecutionArn();

    /// <summary>Emits (and delivers) whatever is due for one execution: RUNNING if not yet sent, and its end if it has ended.</summary>
    public async Task ObserveAsync(string executionArn, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await DrainAsync(new Queue<string>([executionArn]), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Lists the executions of these state machines and emits every transition not sent yet.
    /// Returns the listed executions (ARN → status), as seen before the emission.</summary>
    public async Task<IReadOnlyDictionary<string, ExecutionSummary>> SweepAsync(IEnumerable<string> stateMachineArns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateMachineArns);
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var listed = new Dictionary<string, ExecutionSummary>(StringComparer.Ordinal);
            var due = new Queue<string>();
            foreach (var machineArn in stateMachineArns.Distinct(StringComparer.Ordinal))
            {
                foreach (var execution in await ListExecutionsAsync(aws, machineArn, cancellationToken).ConfigureAwait(false))
                {
                    listed[execution.ExecutionArn] = execution;
                    var emitted = _emitted.GetValueOrDefault(execution.ExecutionArn);
                    if (emitted is null || (emitted == "RUNNING" && execution.Status != "RUNNING"))
                    {
                        due.Enqueue(execution.ExecutionArn);
                    }
                }
            }

            // Oldest first, so events come in the order the executions started.
            var ordered = new Queue<string>(due.OrderBy(arn => listed[arn].StartDate));
            await DrainAsync(ordered, cancellationToken).ConfigureAwait(false);
            return listed;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Every execution of a state machine (all pages of ListExecutions).</summary>
    public static async Task<IReadOnlyList<ExecutionSummary>> ListExecutionsAsync(AwsClient client, string stateMachineArn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var executions = new List<ExecutionSummary>();
        string? nextToken = null;
        do
        {
            var request = new JsonObject { ["stateMachineArn"] = stateMachineArn, ["maxResults"] = 1000 };
            if (nextToken is not null)
            {
                request["nextToken"] = nextToken;
            }

            var page = await client.CallAsync(AwsService.StepFunctions, "ListExecutions", request, cancellationToken).ConfigureAwait(false);
            foreach (var item in (page["executions"] as JsonArray ?? []).OfType<JsonObject>())
            {
                executions.Add(new ExecutionSummary(
                    item["executionArn"]!.GetValue<string>(),
                    stateMachineArn,
                    item["name"]?.GetValue<string>() ?? string.Empty,
                    item["status"]?.GetValue<string>() ?? "RUNNING",
                    Milliseconds(item["startDate"]) ?? 0));
            }

            nextToken = page["nextToken"]?.GetValue<string>();
        }
        while (nextToken is not null);

        return executions;
    }

    private async Task DrainAsync(Queue<string> due, CancellationToken cancellationToken)
    {
        while (due.TryDequeue(out var executionArn))
        {
            if (StateMachineArnOf(executionArn) is not { } machineArn || StateMachine(machineArn) is not { IsStandard: true })
            {
                continue; // not one of the stacks' Standard state machines (Express runs emit no events in AWS either)
            }

            JsonObject description;
            try
            {
                description = await aws.CallAsync(AwsService.StepFunctions, "DescribeExecution",
                    new JsonObject { ["executionArn"] = executionArn }, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException error) when (AwsClient.IsNotFound(error))
            {
                continue;
            }

            var status = description["status"]?.GetValue<string>() ?? "RUNNING";
            var emitted = _emitted.GetValueOrDefault(executionArn);
            if (emitted is null)
            {
                _emitted[executionArn] = "RUNNING";
                await EmitAsync(StatusEvent(description, "RUNNING"), due, cancellationToken).ConfigureAwait(false);
            }

            if (TerminalStatuses.Contains(status) && !TerminalStatuses.Contains(_emitted[executionArn]))
            {
                _emitted[executionArn] = status;
                await EmitAsync(StatusEvent(description, status), due, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The event as EventBridge delivers it (dates in epoch milliseconds, input and output as JSON text).</summary>
    public static JsonObject StatusEvent(JsonObject description, string status)
    {
        ArgumentNullException.ThrowIfNull(description);
        var executionArn = description["executionArn"]!.GetValue<string>();
        var running = status == "RUNNING";
        var startDate = Milliseconds(description["startDate"]);
        var stopDate = running ? null : Milliseconds(description["stopDate"]);
        var time = DateTimeOffset.FromUnixTimeMilliseconds(stopDate ?? startDate ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var output = !running && status == "SUCCEEDED" ? description["output"]?.GetValue<string>() : null;
        return new JsonObject
        {
            ["version"] = "0",
            ["id"] = Guid.NewGuid().ToString(),
            ["detail-type"] = DetailType,
            ["source"] = Source,
            ["account"] = LocalAccount.AccountId,
            ["time"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["region"] = LocalAccount.Region,
            ["resources"] = new JsonArray(executionArn),
            ["detail"] = new JsonObject
            {
                ["executionArn"] = executionArn,
                ["stateMachineArn"] = description["stateMachineArn"]?.DeepClone() ?? StateMachineArnOf(executionArn),
                ["name"] = description["name"]?.DeepClone(),
                ["status"] = status,
                ["startDate"] = startDate,
                ["stopDate"] = stopDate,
                ["input"] = description["input"]?.DeepClone(),
                ["output"] = output,
                ["inputDetails"] = new JsonObject { ["included"] = true },
                ["outputDetails"] = output is null ? null : new JsonObject { ["included"] = true },
                ["error"] = running ? null : description["error"]?.DeepClone(),
                ["cause"] = running ? null : description["cause"]?.DeepClone(),
            },
        };
    }

    private async Task EmitAsync(JsonObject statusEvent, Queue<string> due, CancellationToken cancellationToken)
    {
        _published.Enqueue(statusEvent);
        var executionArn = statusEvent["detail"]!["executionArn"]!.GetValue<string>();
        var status = statusEvent["detail"]!["status"]!.GetValue<string>();
        foreach (var rule in _stacks.Values.SelectMany(s => s.Rules)
                     .Where(r => r.Enabled && r.Pattern is not null && EventPatternMatcher.Matches(r.Pattern, statusEvent)))
        {
            foreach (var target in rule.Targets.Where(t => t.Arn.Contains(":states:", StringComparison.Ordinal)))
            {
                var input = TargetInput(target, statusEvent);
                try
                {
                    var started = await aws.CallAsync(AwsService.StepFunctions, "StartExecution", new JsonObject
                    {
                        ["stateMachineArn"] = target.Arn,
                        ["name"] = ExecutionName(rule.Name),
                        ["input"] = input?.ToJsonString() ?? "{}",
                    }, cancellationToken).ConfigureAwait(false);
                    var startedArn = started["executionArn"]!.GetValue<string>();
                    _deliveries.Enqueue(new StatusEventDelivery(executionArn, status, rule.Name, target.Arn, startedArn, null));
                    due.Enqueue(startedArn);
                }
                catch (AwsServiceException error)
                {
                    // EventBridge would retry and then drop it; here the failure is kept for the report.
                    _deliveries.Enqueue(new StatusEventDelivery(executionArn, status, rule.Name, target.Arn, null, $"{error.Code}: {error.Message}"));
                }
            }
        }
    }

    /// <summary>A rule target's input: the whole event, its constant <c>Input</c>, or the event at <c>InputPath</c>.</summary>
    public static JsonNode? TargetInput(EventTarget target, JsonObject @event)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Input is not null
            ? JsonNode.Parse(target.Input)
            : target.InputPath is not null
                ? Scenarios.Expectations.JsonPath.Select(@event, target.InputPath).Value?.DeepClone()
                : @event.DeepClone();
    }

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex NotNameCharacter();

    private static string ExecutionName(string ruleName)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var name = NotNameCharacter().Replace(ruleName, "-");
        var limit = 80 - suffix.Length - 1;
        return $"{(name.Length > limit ? name[..limit] : name)}-{suffix}";
    }

    /// <summary>Step Functions timestamps (epoch seconds in the JSON protocol, or ISO text) in epoch milliseconds.</summary>
    public static long? Milliseconds(JsonNode? value) =>
        value switch
        {
            null => null,
            JsonValue v when v.TryGetValue<double>(out var seconds) => (long)Math.Round(seconds * 1000),
            JsonValue v when v.TryGetValue<long>(out var whole) => whole * 1000,
            _ => DateTimeOffset.Parse(value.ToString(), CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(),
        };
}

/// <summary>One execution as ListExecutions shows it.</summary>
public sealed record ExecutionSummary(string ExecutionArn, string StateMachineArn, string Name, string Status, long StartDate);

/// <summary>A status event delivered to a rule's state-machine target: the execution it started, or why it could not.</summary>
public sealed record StatusEventDelivery(string ExecutionArn, string Status, string Rule, string TargetArn, string? StartedExecutionArn, string? Error);
