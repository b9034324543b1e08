using System.Globalization;
using System.Text.Json.Nodes;
using Automation.LocalCloud.Aws;
using Automation.LocalCloud.Scenarios.Expectations;

namespace Automation.LocalCloud.Scenarios;

/// <summary>
/// Follows one execution through GetExecutionHistory, polling with backoff until it ends or the
/// deadline passes (never a fixed sleep): builds the per-state timeline, reports progress, picks
/// highlights from state outputs, sends the scenario's task-token answers when a task waits, and
/// plays its access-API calls and stops when the execution reaches their state.
/// </summary>
internal sealed class ExecutionWatcher(AwsClient aws, string executionArn, Scenario scenario, IScenarioObserver observer, ScenarioActions actions)
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(250);

    private readonly List<TimelineEntry> _timeline = [];
    private readonly Dictionary<string, JsonNode?> _lastScheduledParameters = new(StringComparer.Ordinal);
    private readonly HashSet<ScenarioInteraction> _sent = [];

    // Access and stop interactions: the n-th of a state runs at its n-th entry (token wait: its n-th TaskSubmitted).
    private readonly Dictionary<string, int> _entries = new(StringComparer.Ordinal);
    private HashSet<string>? _tokenWaitStates;

    // History event id -> the timeline entry it belongs to, through previousEventId: exact even when
    // Parallel or Map branches interleave their events.
    private readonly Dictionary<long, int> _entryOfEvent = [];
    private long _lastEventId;
    private double? _startedAt;

    /// <summary>When the execution's first history event happened (null until read).</summary>
    public DateTimeOffset? StartedAt => _startedAt is { } seconds ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000)) : null;

    public IReadOnlyList<TimelineEntry> Timeline => _timeline;

    public Dictionary<string, JsonNode?> Highlights { get; } = new(StringComparer.Ordinal);

    /// <summary>Each state's output at its last exit.</summary>
    public Dictionary<string, JsonNode?> StateOutputs { get; } = new(StringComparer.Ordinal);

    private bool _stopRequested;

    /// <summary>Unmet expectations of the interactions' access calls, and interactions that never ran.</summary>
    public List<string> InteractionFailures { get; } = [];

    /// <summary>Interactions with access calls or stop that ran (the rest never met their state).</summary>
    public HashSet<ScenarioInteraction> Played { get; } = [];

    /// <summary>Access and stop interactions whose state the execution never reached (or reached fewer times).</summary>
    public IEnumerable<string> NeverPlayed() =>
        scenario.Interactions
            .Where(i => IsEntryInteraction(i) && !Played.Contains(i))
            .Select(i => $"interaction at state {i.State} ({(i.Stop ? "stop" : string.Join(", ", i.Access.Select(a => a.Action)))}) never ran: " +
                         "the execution did not reach it (often enough)");

    /// <summary>Follows the execution; returns its final DescribeExecution, or the last one seen
    /// (status RUNNING) if the token's deadline came first.</summary>
    public async Task<JsonObject?> FollowAsync(CancellationToken token)
    {
        var delay = FirstPoll;
        JsonObject? description = null;
        try
        {
            if (scenario.Interactions.Any(IsEntryInteraction))
            {
                _tokenWaitStates = await TokenWaitStatesAsync(token).ConfigureAwait(false);
            }

            while (true)
            {
                var progressed = await ReadNewEventsAsync(token).ConfigureAwait(false);
                description = await aws.CallAsync(AwsService.StepFunctions, "DescribeExecution",
                    new JsonObject { ["executionArn"] = executionArn }, token).ConfigureAwait(false);
                if (_stopRequested && description["status"]?.GetValue<string>() == "RUNNING")
                {
                    description = await StopAsync(token).ConfigureAwait(false);
                }

                if (description["status"]?.GetValue<string>() != "RUNNING")
                {
                    await ReadNewEventsAsync(token).ConfigureAwait(false); // the last events
                    CloseOpenStates(description);
                    return description;
                }

                delay = progressed ? FirstPoll : TimeSpan.FromTicks(Math.Min(LongestPoll.Ticks, (long)(delay.Ticks * 1.5)));
                await Task.Delay(delay, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return description;
        }
    }

    private async Task<bool> ReadNewEventsAsync(CancellationToken token)
    {
        var progressed = false;
        string? nextToken = null;
        do
        {
            var request = new JsonObject { ["executionArn"] = executionArn, ["maxResults"] = 1000 };
            if (nextToken is not null)
            {
                request["nextToken"] = nextToken;
            }

            var page = await aws.CallAsync(AwsService.StepFunctions, "GetExecutionHistory", request, token).ConfigureAwait(false);
            foreach (var historyEvent in (page["events"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var id = historyEvent["id"]!.GetValue<long>();
                if (id <= _lastEventId)
                {
                    continue;
                }

                _lastEventId = id;
                progressed = true;
                await OnEventAsync(historyEvent, token).ConfigureAwait(false);
            }

            nextToken = page["nextToken"]?.GetValue<string>();
        }
        while (nextToken is not null);

        return progressed;
    }

    private async Task OnEventAsync(JsonObject historyEvent, CancellationToken token)
    {
        var type = historyEvent["type"]!.GetValue<string>();
        var id = historyEvent["id"]!.GetValue<long>();
        var time = Seconds(historyEvent["timestamp"]);
        var owner = historyEvent["previousEventId"]?.GetValue<long>() is { } previous && _entryOfEvent.TryGetValue(previous, out var previousEntry)
            ? previousEntry
            : (int?)null;
        if (owner is { } known)
        {
            _entryOfEvent[id] = known;
        }

        _startedAt ??= time;
        var offsetMs = (long)Math.Round((time - _startedAt.Value) * 1000);

        if (type.EndsWith("StateEntered", StringComparison.Ordinal))
        {
            var name = historyEvent["stateEnteredEventDetails"]?["name"]?.GetValue<string>() ?? "?";
            var stateType = type[..^"StateEntered".Length];
            _timeline.Add(new TimelineEntry { State = name, Type = stateType, StartMs = offsetMs, Status = "Running" });
            _entryOfEvent[id] = _timeline.Count - 1;
            observer.StateEntered(name, stateType);
            if (_tokenWaitStates is { } waits && !waits.Contains(name))
            {
                await PlayEntryInteractionAsync(name, token).ConfigureAwait(false);
            }
        }
        else if (type.EndsWith("StateExited", StringComparison.Ordinal))
        {
            var details = historyEvent["stateExitedEventDetails"];
            var name = details?["name"]?.GetValue<string>() ?? "?";
            var index = _timeline.FindLastIndex(e => e.State == name && e.Status == "Running");
            if (index >= 0)
            {
                var entry = _timeline[index];
                _timeline[index] = entry with
                {
                    DurationMs = offsetMs - entry.StartMs,
                    Status = entry.Error is null ? "Succeeded" : "Failed",
                };
                observer.StateExited(_timeline[index]);
            }

            if (details?["output"]?.GetValue<string>() is { } output)
            {
                ReportHighlights(output);
                StateOutputs[name] = TryParse(output);
            }

            _stopRequested |= name == scenario.StopAfter;
        }
        else if (type is "TaskScheduled" or "LambdaFunctionScheduled")
        {
            Update(owner, e => e with { Attempts = e.Attempts + 1 });
            if (historyEvent["taskScheduledEventDetails"]?["parameters"]?.GetValue<string>() is { } parameters && StateOf(owner) is { } state)
            {
                _lastScheduledParameters[state] = JsonNode.Parse(parameters);
            }
        }
        else if (type is "TaskSubmitted" && StateOf(owner) is { } waiting)
        {
            await AnswerAsync(waiting, token).ConfigureAwait(false);
            if (_tokenWaitStates?.Contains(waiting) == true)
            {
                await PlayEntryInteractionAsync(waiting, token).ConfigureAwait(false);
            }
        }
        else if (type is "TaskSucceeded" or "LambdaFunctionSucceeded")
        {
            Update(owner, e => e with { Error = null }); // a retry succeeded: the state did not fail
        }
        else if (type is "TaskFailed" or "TaskTimedOut" or "LambdaFunctionFailed" or "LambdaFunctionTimedOut")
        {
            var details = historyEvent.Where(kv => kv.Key.EndsWith("EventDetails", StringComparison.Ordinal)).Select(kv => kv.Value).FirstOrDefault();
            var error = details?["error"]?.GetValue<string>() ?? type;
            var cause = details?["cause"]?.GetValue<string>();
            Update(owner, e => e with { Error = error, AttemptErrors = [.. e.AttemptErrors, error] });
            observer.TaskFailed(StateOf(owner) ?? "?", error, cause);
        }
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    /// <summary>stopAfter: the scenario has seen what it came for; the rest of the run is not its subject.</summary>
    private async Task<JsonObject> StopAsync(CancellationToken token)
    {
        await actions.StopAsync(executionArn, "LocalCloud.StopAfter", $"The scenario stops after state {scenario.StopAfter}.", token).ConfigureAwait(false);
        return await aws.CallAsync(AwsService.StepFunctions, "DescribeExecution", new JsonObject { ["executionArn"] = executionArn }, token)
            .ConfigureAwait(false);
    }

    private static bool IsEntryInteraction(ScenarioInteraction interaction) => interaction.Access.Count > 0 || interaction.Stop;

    /// <summary>The states of the execution's state machine that wait for a task token (Resource ending in
    /// <c>.waitForTaskToken</c>, in any branch or iterator): their interactions wait for TaskSubmitted.</summary>
    private async Task<HashSet<string>> TokenWaitStatesAsync(CancellationToken token)
    {
        var machineArn = Routing.ExecutionStatusEvents.StateMachineArnOf(executionArn)
                         ?? throw new InvalidOperationException($"Not an execution ARN: {executionArn}");
        var machine = await aws.CallAsync(AwsService.StepFunctions, "DescribeStateMachine", new JsonObject { ["stateMachineArn"] = machineArn }, token)
            .ConfigureAwait(false);
        return TokenWaitStates(JsonNode.Parse(machine["definition"]!.GetValue<string>()));
    }

    public static HashSet<string> TokenWaitStates(JsonNode? definition)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        void Visit(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    if (obj["States"] is JsonObject states)
                    {
                        foreach (var (name, state) in states)
                        {
                            if (state?["Resource"] is JsonValue resource && resource.ToString().EndsWith(".waitForTaskToken", StringComparison.Ordinal))
                            {
                                found.Add(name);
                            }
                        }
                    }

                    foreach (var (_, child) in obj)
                    {
                        Visit(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Visit(item);
                    }

                    break;
                default:
                    break;
            }
        }

        Visit(definition);
        return found;
    }

    /// <summary>The next access / stop interaction of a state, at this entry of it.</summary>
    private async Task PlayEntryInteractionAsync(string state, CancellationToken token)
    {
        var entry = _entries.GetValueOrDefault(state);
        _entries[state] = entry + 1;
        var interaction = scenario.Interactions.Where(i => i.State == state && IsEntryInteraction(i)).ElementAtOrDefault(entry);
        if (interaction is null)
        {
            return;
        }

        Played.Add(interaction);
        if (interaction.Stop)
        {
            await actions.StopAsync(executionArn, "LocalCloud.Stopped", $"The scenario stops the execution at state {state}.", token).ConfigureAwait(false);
            observer.InteractionSent(state, "StopExecution");
            return;
        }

        var calls = interaction.Access;
        AccessResponse[] responses;
        if (interaction.Concurrent)
        {
            responses = await Task.WhenAll(calls.Select(call => CallAsync(call, token))).ConfigureAwait(false);
        }
        else
        {
            responses = new AccessResponse[calls.Count];
            for (var i = 0; i < calls.Count; i++)
            {
                responses[i] = await CallAsync(calls[i], token).ConfigureAwait(false);
            }
        }

        for (var i = 0; i < calls.Count; i++)
        {
            observer.InteractionSent(state, $"access {calls[i].Action} as {calls[i].As}: HTTP {responses[i].Status}{(responses[i].Error is { } e ? " " + e : string.Empty)}");
        }

        var expectations = calls.Select(c => c.ExpectResponse ?? (calls.Count == 1 ? interaction.ExpectResponse : null)).ToList();
        var where = $"interaction at state {state} (entry {entry + 1})";
        InteractionFailures.AddRange(interaction.Concurrent
            ? ResponseMatching.MatchInAnyOrder(where, calls, responses, expectations)
            : ResponseMatching.MatchInOrder(where, calls, responses, expectations));
    }

    private Task<AccessResponse> CallAsync(ScenarioAccessCall call, CancellationToken token) =>
        actions.Access.CallAsync(call.Action, call.As, call.RequestId ?? actions.DefaultRequestId, call.Body, token);

    private void ReportHighlights(string outputText)
    {
        var output = TryParse(outputText);

        foreach (var (label, path) in scenario.Highlights)
        {
            if (JsonPath.Select(output, path) is (true, var value)
                && !(Highlights.TryGetValue(label, out var known) && ValueMatcher.DeepEquals(known, value)))
            {
                Highlights[label] = value?.DeepClone();
                observer.Highlight(label, value);
            }
        }
    }

    private async Task AnswerAsync(string state, CancellationToken token)
    {
        foreach (var interaction in scenario.Interactions.Where(i => i.State == state && !_sent.Contains(i) && !IsEntryInteraction(i)))
        {
            var parameters = _lastScheduledParameters.GetValueOrDefault(state);
            if (JsonPath.Select(parameters, interaction.TokenPath) is not (true, JsonValue tokenValue))
            {
                throw new InvalidOperationException(
                    $"State {state} waits for a task token, but the task's parameters have none at {interaction.TokenPath}: {parameters?.ToJsonString()}");
            }

            // Marked first: the calls are made once even if the history is read again before the answer.
            _sent.Add(interaction);
            foreach (var call in interaction.Calls)
            {
                var (service, action, callRequest) = ScenarioCallRequest.Parse(call.Call, call.Params);
                await aws.CallAsync(service, action, callRequest, token).ConfigureAwait(false);
                observer.InteractionSent(state, call.Call);
            }

            var request = new JsonObject { ["taskToken"] = tokenValue.ToString() };
            string kind;
            if (interaction.SendTaskSuccess is { } success)
            {
                request["output"] = success.ToJsonString();
                kind = "SendTaskSuccess";
            }
            else if (interaction.SendTaskFailure is { } failure)
            {
                request["error"] = failure.Error;
                request["cause"] = failure.Cause;
                kind = "SendTaskFailure";
            }
            else
            {
                continue; // no answer: the task waits for its timeout
            }

            await aws.CallAsync(AwsService.StepFunctions, kind, request, token).ConfigureAwait(false);
            observer.InteractionSent(state, kind);
        }
    }

    /// <summary>The state an event belongs to; without a known chain, the last state still running.</summary>
    private int? EntryOf(int? owner)
    {
        if (owner is not null)
        {
            return owner;
        }

        var running = _timeline.FindLastIndex(e => e.Status == "Running");
        return running >= 0 ? running : null;
    }

    private string? StateOf(int? owner) => EntryOf(owner) is { } index ? _timeline[index].State : null;

    private void Update(int? owner, Func<TimelineEntry, TimelineEntry> update)
    {
        if (EntryOf(owner) is { } index)
        {
            _timeline[index] = update(_timeline[index]);
        }
    }

    /// <summary>States still open when the execution ended (Fail states never exit; a failed task
    /// that was not caught neither): they end with the execution.</summary>
    private void CloseOpenStates(JsonObject description)
    {
        var stop = description["stopDate"] is { } stopDate ? Seconds(stopDate) : (double?)null;
        var failed = description["status"]?.GetValue<string>() != "SUCCEEDED";
        for (var i = 0; i < _timeline.Count; i++)
        {
            var entry = _timeline[i];
            if (entry.Status != "Running")
            {
                continue;
            }

            var endMs = stop is { } s && _startedAt is { } start ? (long)Math.Round((s - start) * 1000) : entry.StartMs;
            _timeline[i] = entry with
            {
                DurationMs = Math.Max(0, endMs - entry.StartMs),
                Status = failed || entry.Type == "Fail" ? "Failed" : "Succeeded",
            };
            observer.StateExited(_timeline[i]);
        }
    }

    /// <summary>Step Functions timestamps: epoch seconds (JSON protocol) or ISO text.</summary>
    private static double Seconds(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<double>(out var seconds)
            ? seconds
            : DateTimeOffset.Parse(value!.ToString(), CultureInfo.InvariantCulture).ToUnixTimeMilliseconds() / 1000.0;
}
