using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Automation.LocalCloud.Aws;
using Automation.LocalCloud.Deployment;
using Automation.LocalCloud.Hosting;
using Automation.LocalCloud.Routing;
using Automation.LocalCloud.Scenarios.Expectations;

namespace Automation.LocalCloud.Scenarios;

/// <summary>
/// Plays one scenario against a deployed stack: arrange (tables, items, metrics, Contributor
/// Insights, throttling), trigger (alarm state change delivered through the stack's EventBridge
/// rules, or a manual start), follow the execution history live (answering task-token waits), then
/// check the expected outcome against the execution and the local cloud's state.
/// </summary>
public sealed partial class ScenarioRunner(Sandbox cloud, StackDeployment stack, IScenarioObserver observer)
{
    private static readonly string[] TerminalStatuses = ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"];

    private AwsClient Aws => cloud.Aws;

    public async Task<ScenarioResult> RunAsync(Scenario original, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(original);
        var injected = new Injections();
        if (original.Arrange.Runbooks is { } runbooks)
        {
            var folder = Path.GetFullPath(runbooks, Path.GetDirectoryName(original.SourcePath) ?? Directory.GetCurrentDirectory());
            if (!Directory.Exists(folder))
            {
                throw new FormatException($"{original.SourcePath}: arrange.runbooks: folder '{folder}' does not exist.");
            }

            cloud.Router.Functions.EnvironmentOverrides = new Dictionary<string, string>(StringComparer.Ordinal) { ["RUNBOOKS_PATH"] = folder };
        }

        try
        {
            return await PlayAsync(original, injected, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            cloud.Router.Functions.EnvironmentOverrides = null;
            // Injected faults belong to this play only: later plays may use the same table, function or service.
            foreach (var table in injected.Tables)
            {
                cloud.Router.ForgetInjections(table);
            }

            foreach (var function in injected.Functions)
            {
                cloud.Router.StepFaults.Remove(function);
            }

            foreach (var service in injected.Services)
            {
                cloud.Router.QueryFaults.Remove(service);
            }
        }
    }

    /// <summary>What a play injected into the router, removed when it ends.</summary>
    private sealed class Injections
    {
        public List<string> Tables { get; } = [];
        public List<string> Functions { get; } = [];
        public HashSet<string> Services { get; } = new(StringComparer.Ordinal);
    }

    private async Task<ScenarioResult> PlayAsync(Scenario original, Injections injected, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(original.TimeoutSeconds));
        var token = deadline.Token;

        var runId = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HHmmssfff}{Random.Shared.Next(0x1000, 0xFFFF):x4}");
        var variables = new ScenarioVariables(stack, runId);
        var document = ScenarioDocument(original);
        var scenario = Expand(document, variables, original);
        var workflowArn = stack.StateMachineArn(scenario.Workflow);

        injected.Tables.AddRange(scenario.Arrange.Throttling.Select(t => t.Table)
            .Concat(scenario.Arrange.Faults.Where(f => f.Service == "dynamodb").Select(f => f.Table!))
            .Concat(scenario.Arrange.PendingUpdates.Select(p => p.Table)));
        await ArrangeAsync(scenario.Arrange, injected, token).ConfigureAwait(false);
        await ArrangeHistoryAsync(scenario.Arrange, runId, token).ConfigureAwait(false);
        observer.Arranged(scenario, stack);

        // What ran before this play is not its subject: only executions started from here on are waited for and reported.
        // The first sweep announces what earlier plays left unannounced (which may start executions); the second lists those too.
        var machines = stack.StateMachines.Select(m => m.Arn).ToList();
        await cloud.Router.StatusEvents.SweepAsync(machines, token).ConfigureAwait(false);
        var before = (await cloud.Router.StatusEvents.SweepAsync(machines, token).ConfigureAwait(false)).Keys.ToHashSet(StringComparer.Ordinal);
        var access = new AccessApiClient(AccessHttp, cloud.Router.Endpoint, stack.Name);
        var actions = new ScenarioActions(access, StopExecutionAsync, null);

        var triggeredAt = DateTimeOffset.UtcNow;
        DateTimeOffset? firstStartedAt = null;
        var extraFailures = new List<string>();
        AccessResponse? response = null;
        List<string> matchedRules = [];
        ExecutionWatcher? watcher = null;
        JsonObject? description = null;

        if (scenario.Trigger.Access is { } call)
        {
            response = await access.CallAsync(call.Action, call.As, call.RequestId, call.Body, token).ConfigureAwait(false);
            observer.AccessCalled("trigger", call.Action, call.As, response);
            var answer = response.Body as JsonObject;
            variables.RequestId = answer?["requestId"]?.ToString() ?? call.RequestId;
            if (!response.IsSuccess || answer?["executionArn"] is not JsonValue startedArn)
            {
                return await NotStartedAsync(scenario, document, original, variables, before, response, clock, matchedRules, token, cancellationToken)
                    .ConfigureAwait(false);
            }

            variables.ExecutionArn = startedArn.ToString();
            variables.ExecutionName = variables.ExecutionArn[(variables.ExecutionArn.LastIndexOf(':') + 1)..];
            if (ExecutionStatusEvents.StateMachineArnOf(variables.ExecutionArn) != workflowArn)
            {
                extraFailures.Add($"the access API started {variables.ExecutionArn}, not an execution of {scenario.Workflow}");
            }

            observer.ExecutionStarted(variables.ExecutionName, variables.ExecutionArn, matchedRules);
            var played = Expand(document, variables, original);
            watcher = new ExecutionWatcher(Aws, variables.ExecutionArn, played, observer, actions with { DefaultRequestId = variables.RequestId });
            description = await watcher.FollowAsync(token).ConfigureAwait(false);
            firstStartedAt = watcher.StartedAt;
        }
        else
        {
            var (input, matched) = await TriggerInputAsync(scenario, workflowArn, token).ConfigureAwait(false);
            matchedRules = matched;
            if (input is null)
            {
                var reason = $"the alarm event matched no enabled rule of stack {stack.Name} targeting {scenario.Workflow}";
                observer.NotDelivered(reason);
                var failures = scenario.Expect.Delivered ? new List<string> { $"not delivered: {reason}" } : [];
                var notDelivered = new ScenarioResult
                {
                    Scenario = scenario.Name,
                    Workflow = scenario.Workflow,
                    ExecutionStatus = "NOT_STARTED",
                    Passed = failures.Count == 0,
                    DurationMs = clock.ElapsedMilliseconds,
                    Delivered = false,
                    MatchedRules = matchedRules,
                    Failures = failures,
                };
                observer.Finished(notDelivered);
                return notDelivered;
            }

            // At-least-once delivery: the same event again, after the previous execution ended; the last one is checked.
            for (var delivery = 1; delivery <= scenario.Trigger.Deliveries; delivery++)
            {
                var suffix = delivery == scenario.Trigger.Deliveries ? string.Empty : $"-delivery{delivery}";
                variables.ExecutionName = ExecutionName(scenario.Name, runId + suffix);
                var started = await Aws.CallAsync(AwsService.StepFunctions, "StartExecution", new JsonObject
                {
                    ["stateMachineArn"] = workflowArn,
                    ["name"] = variables.ExecutionName,
                    ["input"] = input.ToJsonString(),
                }, token).ConfigureAwait(false);
                variables.ExecutionArn = started["executionArn"]!.GetValue<string>();
                await cloud.Router.StatusEvents.ObserveAsync(variables.ExecutionArn, token).ConfigureAwait(false);
                observer.ExecutionStarted(variables.ExecutionName, variables.ExecutionArn, matchedRules);

                watcher = new ExecutionWatcher(Aws, variables.ExecutionArn, Expand(document, variables, original), observer, actions);
                description = await watcher.FollowAsync(token).ConfigureAwait(false);
                firstStartedAt ??= watcher.StartedAt;
            }
        }

        // Expectations may name the execution: expand them now that it exists.
        var expect = Expand(document, variables, original).Expect;
        var status = description?["status"]?.GetValue<string>() ?? "RUNNING";
        var output = description?["output"]?.GetValue<string>() is { } text ? JsonNode.Parse(text) : null;
        var error = description?["error"]?.GetValue<string>();
        var cause = description?["cause"]?.GetValue<string>();
        var ended = TerminalStatuses.Contains(status);
        var (executions, settleFailures) = ended
            ? await SettleAsync(before, variables.ExecutionArn, token, cancellationToken).ConfigureAwait(false)
            : ([], []);
        var checker = new ExpectationChecker(Aws);
        var checkFailures = ended
            ? await checker.CheckAsync(expect, status, output, error, cause, watcher!.Timeline, watcher.StateOutputs, token).ConfigureAwait(false)
            : [$"the execution was still {status} when the scenario's {scenario.TimeoutSeconds} s ran out"];
        checkFailures.InsertRange(0, extraFailures);
        if (response is not null && expect.Response is { } expectedResponse)
        {
            checkFailures.AddRange(ResponseMatching.Mismatches(expectedResponse, response).Select(why => $"access response {why} ({ResponseMatching.Describe(response)})"));
        }

        checkFailures.AddRange(watcher!.InteractionFailures);
        if (ended)
        {
            checkFailures.AddRange(watcher.NeverPlayed());
        }

        checkFailures.AddRange(settleFailures);
        checkFailures.AddRange(ExpectationChecker.CheckExecutions(expect.Executions, executions));

        var highlights = new Dictionary<string, JsonNode?>(watcher.Highlights, StringComparer.Ordinal);
        foreach (var (label, path) in scenario.Highlights)
        {
            if (Expectations.JsonPath.Select(output, path) is (true, var value))
            {
                highlights[label] = value?.DeepClone();
            }
        }

        var result = new ScenarioResult
        {
            Scenario = scenario.Name,
            Workflow = scenario.Workflow,
            ExecutionName = variables.ExecutionName,
            ExecutionArn = variables.ExecutionArn,
            ExecutionStatus = status,
            Passed = checkFailures.Count == 0,
            DurationMs = clock.ElapsedMilliseconds,
            TriggerToStartMs = scenario.Trigger.Deliveries == 1 && firstStartedAt is { } executionStarted
                ? (long)Math.Round((executionStarted - triggeredAt).TotalMilliseconds)
                : null,
            Delivered = true,
            MatchedRules = matchedRules,
            Timeline = [.. watcher.Timeline],
            Output = output,
            Error = error,
            Cause = cause,
            Highlights = highlights,
            Response = response,
            Executions = executions,
            Failures = checkFailures,
        };
        observer.Finished(result);
        return result;
    }

    /// <summary>The access API refused the trigger (or answered without an execution): nothing was started.</summary>
    private async Task<ScenarioResult> NotStartedAsync(Scenario scenario, JsonObject document, Scenario original, ScenarioVariables variables,
        HashSet<string> before, AccessResponse response, Stopwatch clock, List<string> matchedRules, CancellationToken token, CancellationToken outer)
    {
        var expect = Expand(document, variables, original).Expect;
        observer.NotDelivered($"the access API answered {ResponseMatching.Describe(response)} and started no execution");
        var failures = new List<string>();
        if (expect.Status is not null)
        {
            failures.Add($"execution status: none was started (the access API answered {ResponseMatching.Describe(response)}), expected {expect.Status}");
        }

        failures.AddRange(ResponseMatching.Mismatches(expect.Response, response).Select(why => $"access response {why} ({ResponseMatching.Describe(response)})"));
        var (executions, settleFailures) = await SettleAsync(before, null, token, outer).ConfigureAwait(false);
        failures.AddRange(settleFailures);
        failures.AddRange(ExpectationChecker.CheckExecutions(expect.Executions, executions));
        var checker = new ExpectationChecker(Aws);
        failures.AddRange(await checker.CheckStateAsync(expect.State, token).ConfigureAwait(false));
        var result = new ScenarioResult
        {
            Scenario = scenario.Name,
            Workflow = scenario.Workflow,
            ExecutionStatus = "NOT_STARTED",
            Passed = failures.Count == 0,
            DurationMs = clock.ElapsedMilliseconds,
            Delivered = false,
            MatchedRules = matchedRules,
            Response = response,
            Executions = executions,
            Failures = failures,
        };
        observer.Finished(result);
        return result;
    }

    private static readonly HttpClient AccessHttp = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>StopExecution, then the ABORTED status event at once (as AWS emits it when the run stops).</summary>
    private async Task StopExecutionAsync(string executionArn, string error, string cause, CancellationToken token)
    {
        await Aws.CallAsync(AwsService.StepFunctions, "StopExecution", new JsonObject
        {
            ["executionArn"] = executionArn,
            ["error"] = error,
            ["cause"] = cause,
        }, token).ConfigureAwait(false);
        await cloud.Router.StatusEvents.ObserveAsync(executionArn, token).ConfigureAwait(false);
    }

    /// <summary>
    /// After the followed execution: sweeps the stack's executions (emitting every status event due, which may start
    /// more), until every execution that started during the play has ended and a sweep finds nothing new — bounded by
    /// the scenario's deadline. Returns those executions (the followed one aside), in start order.
    /// </summary>
    private async Task<(List<ExecutionReport> Executions, List<string> Failures)> SettleAsync(HashSet<string> before, string? followed,
        CancellationToken deadline, CancellationToken outer)
    {
        var machines = stack.StateMachines.Select(m => m.Arn).ToList();
        IReadOnlyDictionary<string, ExecutionSummary> listed = new Dictionary<string, ExecutionSummary>();
        var failures = new List<string>();
        var delay = TimeSpan.FromMilliseconds(20);
        var previous = -1;
        bool New(ExecutionSummary e) => !before.Contains(e.ExecutionArn) && e.ExecutionArn != followed;
        try
        {
            while (true)
            {
                listed = await cloud.Router.StatusEvents.SweepAsync(machines, deadline).ConfigureAwait(false);
                var running = listed.Values.Any(e => New(e) && e.Status == "RUNNING");
                if (!running && listed.Count == previous)
                {
                    break;
                }

                previous = listed.Count;
                if (running)
                {
                    await Task.Delay(delay, deadline).ConfigureAwait(false);
                    delay = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(250).Ticks, (long)(delay.Ticks * 1.5)));
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !outer.IsCancellationRequested)
        {
            var still = listed.Values.Where(e => New(e) && e.Status == "RUNNING").Select(e => e.Name).ToList();
            failures.Add($"executions still running when the scenario's timeout ran out: {(still.Count == 0 ? "(not listed yet)" : string.Join(", ", still))}");
        }

        var reports = new List<ExecutionReport>();
        foreach (var execution in listed.Values.Where(New).OrderBy(e => e.StartDate))
        {
            var description = await Aws.CallAsync(AwsService.StepFunctions, "DescribeExecution",
                new JsonObject { ["executionArn"] = execution.ExecutionArn }, outer).ConfigureAwait(false);
            reports.Add(new ExecutionReport
            {
                Name = execution.Name,
                StateMachine = stack.StateMachines.FirstOrDefault(m => m.Arn == execution.StateMachineArn)?.LogicalId ?? execution.StateMachineArn,
                Status = description["status"]?.GetValue<string>() ?? execution.Status,
                ExecutionArn = execution.ExecutionArn,
                Error = description["error"]?.GetValue<string>(),
                Cause = description["cause"]?.GetValue<string>(),
                Input = description["input"]?.GetValue<string>() is { } input ? ParseOrText(input) : null,
                Output = description["output"]?.GetValue<string>() is { } output ? ParseOrText(output) : null,
            });
        }

        observer.Settled(reports);
        return (reports, failures);
    }

    private static JsonNode? ParseOrText(string text)
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

    private static JsonObject ScenarioDocument(Scenario scenario) =>
        scenario.SourcePath is { } path
            ? ScenarioLoader.ReadDocument(path)
            : System.Text.Json.JsonSerializer.SerializeToNode(scenario, ScenarioJsonContext.Default.Scenario)!.AsObject();

    private static Scenario Expand(JsonObject document, ScenarioVariables variables, Scenario original) =>
        ScenarioLoader.Parse((JsonObject)variables.Expand(document)!) with
        {
            Name = original.Name,
            SourcePath = original.SourcePath,
        };

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex NotNameCharacter();

    private static string ExecutionName(string scenario, string runId)
    {
        var name = NotNameCharacter().Replace(scenario, "-");
        var limit = 80 - runId.Length - 1;
        return $"{(name.Length > limit ? name[..limit] : name)}-{runId}";
    }

    private async Task ArrangeAsync(ScenarioArrange arrange, Injections injected, CancellationToken token)
    {
        foreach (var role in arrange.Iam?.Roles ?? [])
        {
            await RecreateRoleAsync(role, token).ConfigureAwait(false);
        }

        foreach (var fault in arrange.StepFaults)
        {
            var function = stack.Resource(fault.Function);
            if (function.Type != "AWS::Lambda::Function")
            {
                throw new FormatException($"arrange.stepFaults: '{fault.Function}' is a {function.Type}, not a Lambda function.");
            }

            injected.Functions.Add(function.PhysicalId);
            cloud.Router.StepFaults.Add(new StepFaultRule(function.PhysicalId, fault.Error,
                fault.Message ?? $"{fault.Error} injected by the local cloud (arrange.stepFaults)", fault.Times));
        }

        foreach (var fault in arrange.Faults.Where(f => f.Service == "iam"))
        {
            injected.Services.Add("iam");
            cloud.Router.QueryFaults.Add(new QueryFaultRule("iam", fault.Operations, fault.Error, fault.Times, fault.Message));
        }

        foreach (var table in arrange.Tables)
        {
            var name = table.Definition["TableName"]?.GetValue<string>()
                       ?? throw new FormatException("arrange.tables[].definition needs a TableName.");
            // A table left with deletion protection on (a posture scenario, or its remediation) cannot be deleted until it is off.
            try
            {
                await Aws.CallAsync(AwsService.DynamoDb, "UpdateTable", new JsonObject { ["TableName"] = name, ["DeletionProtectionEnabled"] = false }, token).ConfigureAwait(false);
            }
            catch (AwsServiceException)
            {
                // No such table (or nothing to change): DeleteTable below says what it needs to.
            }

            await DeleteIfExistsAsync(AwsService.DynamoDb, "DeleteTable", new JsonObject { ["TableName"] = name }, token).ConfigureAwait(false);
            cloud.Router.Insights.Forget(name);
            // Metrics an earlier play put for a table of this name would be read as this table's history.
            await cloud.ForgetMetricsAsync("TableName", name, token).ConfigureAwait(false);
            cloud.Router.ForgetInjections(name);
            await Aws.CallAsync(AwsService.DynamoDb, "CreateTable", (JsonObject)table.Definition.DeepClone(), token).ConfigureAwait(false);
            foreach (var chunk in table.Items.Select(DynamoDbJson.MarshalItem).Concat(table.Generate.SelectMany(ItemGenerator.Items)).Chunk(25))
            {
                await Aws.CallAsync(AwsService.DynamoDb, "BatchWriteItem", new JsonObject
                {
                    ["RequestItems"] = new JsonObject
                    {
                        [name] = new JsonArray([.. chunk.Select(item => (JsonNode?)new JsonObject
                        {
                            ["PutRequest"] = new JsonObject { ["Item"] = item },
                        })]),
                    },
                }, token).ConfigureAwait(false);
            }
        }

        var now = DateTimeOffset.UtcNow;
        foreach (var metric in arrange.Metrics)
        {
            var data = metric.Datapoints.Select(point => (JsonNode?)new JsonObject
            {
                ["MetricName"] = metric.MetricName,
                ["Dimensions"] = new JsonArray([.. metric.Dimensions.Select(d => (JsonNode?)new JsonObject { ["Name"] = d.Key, ["Value"] = d.Value })]),
                ["Timestamp"] = (now - TimeSpan.FromMinutes(point.MinutesAgo)).ToUnixTimeMilliseconds() / 1000.0,
                ["Value"] = point.Value,
                ["Unit"] = metric.Unit,
            });
            await Aws.CallAsync(AwsService.CloudWatch, "PutMetricData", new JsonObject
            {
                ["Namespace"] = metric.Namespace,
                ["MetricData"] = new JsonArray([.. data]),
            }, token).ConfigureAwait(false);
        }

        if (!string.IsNullOrEmpty(arrange.ClearAlarms))
        {
            await ClearAlarmsAsync(arrange.ClearAlarms, token).ConfigureAwait(false);
        }

        foreach (var alarm in arrange.Alarms)
        {
            await Aws.CallAsync(AwsService.CloudWatch, "PutMetricAlarm", (JsonObject)alarm.DeepClone(), token).ConfigureAwait(false);
        }

        foreach (var dashboard in arrange.Dashboards)
        {
            await Aws.CallAsync(AwsService.CloudWatch, "PutDashboard", (JsonObject)dashboard.DeepClone(), token).ConfigureAwait(false);
        }

        foreach (var target in arrange.ScalableTargets)
        {
            await Aws.CallAsync(AwsService.ApplicationAutoScaling, "RegisterScalableTarget", (JsonObject)target.DeepClone(), token).ConfigureAwait(false);
        }

        foreach (var insights in arrange.ContributorInsights)
        {
            cloud.Router.Insights.Seed(insights.Table, insights.Index, insights.Enabled,
                insights.TopKeys.ToDictionary(k => k.Key, k => (IReadOnlyList<Contributor>)k.Value.Select(c => new Contributor(c.Keys, c.Value)).ToList(), StringComparer.Ordinal),
                insights.Mode);
        }

        foreach (var throttling in arrange.Throttling)
        {
            cloud.Router.Faults.Add(new FaultRule(throttling.Table, throttling.Operations, throttling.Times));
        }

        foreach (var fault in arrange.Faults.Where(f => f.Service == "dynamodb"))
        {
            cloud.Router.Faults.Add(new FaultRule(fault.Table!, fault.Operations, fault.Times, fault.Error));
        }

        foreach (var pending in arrange.PendingUpdates)
        {
            cloud.Router.PendingUpdates.Add(new PendingUpdateRule(pending.Table, pending.DescribeCalls, pending.TableStatus));
        }
    }

    /// <summary>The execution input and the rules that delivered it; a null input means no rule
    /// targeting the workflow matched the event.</summary>
    private async Task<(JsonNode? Input, List<string> MatchedRules)> TriggerInputAsync(Scenario scenario, string workflowArn, CancellationToken token)
    {
        var trigger = scenario.Trigger;
        if (trigger.Input is not null)
        {
            return (trigger.Input.DeepClone(), []);
        }

        var alarmEvent = await FireAlarmAsync(trigger.Alarm!, token).ConfigureAwait(false);
        if (trigger.Delivery == "startExecution")
        {
            return (alarmEvent, []);
        }

        // As EventBridge: every enabled rule whose pattern matches starts its state machine targets.
        var matched = new List<string>();
        JsonNode? ours = null;
        foreach (var rule in stack.Rules.Where(r => r.Enabled && r.Pattern is not null && EventPatternMatcher.Matches(r.Pattern, alarmEvent)))
        {
            matched.Add(rule.Name);
            foreach (var target in rule.Targets.Where(t => t.Arn.Contains(":states:", StringComparison.Ordinal)))
            {
                var input = TargetInput(target, alarmEvent);
                if (target.Arn == workflowArn)
                {
                    ours = input;
                }
                else
                {
                    var other = await Aws.CallAsync(AwsService.StepFunctions, "StartExecution", new JsonObject
                    {
                        ["stateMachineArn"] = target.Arn,
                        ["name"] = ExecutionName($"{scenario.Name}-{rule.Name}", Guid.NewGuid().ToString("N")[..8]),
                        ["input"] = input?.ToJsonString() ?? "{}",
                    }, token).ConfigureAwait(false);
                    await cloud.Router.StatusEvents.ObserveAsync(other["executionArn"]!.GetValue<string>(), token).ConfigureAwait(false);
                }
            }
        }

        return (ours, matched);
    }

    private static JsonNode? TargetInput(EventTarget target, JsonObject @event) => ExecutionStatusEvents.TargetInput(target, @event);

    /// <summary>An IAM role as <c>arrange.iam.roles</c> describes it, deleted first if it exists (policies included).</summary>
    private async Task RecreateRoleAsync(JsonObject role, CancellationToken token)
    {
        var request = (JsonObject)role.DeepClone();
        var policies = request["inlinePolicies"] as JsonObject ?? [];
        request.Remove("inlinePolicies");
        var name = request["RoleName"]!.ToString();
        await DeleteRoleIfExistsAsync(name, token).ConfigureAwait(false);
        if (request["AssumeRolePolicyDocument"] is JsonObject trust)
        {
            request["AssumeRolePolicyDocument"] = trust.ToJsonString();
        }

        await Aws.CallAsync(AwsService.Iam, "CreateRole", request, token).ConfigureAwait(false);
        foreach (var (policyName, document) in policies)
        {
            await Aws.CallAsync(AwsService.Iam, "PutRolePolicy", new JsonObject
            {
                ["RoleName"] = name,
                ["PolicyName"] = policyName,
                ["PolicyDocument"] = document is JsonValue text ? text.ToString() : document?.ToJsonString() ?? "{}",
            }, token).ConfigureAwait(false);
        }
    }

    private async Task DeleteRoleIfExistsAsync(string name, CancellationToken token)
    {
        try
        {
            await Aws.CallAsync(AwsService.Iam, "GetRole", new JsonObject { ["RoleName"] = name }, token).ConfigureAwait(false);
        }
        catch (AwsServiceException error) when (AwsClient.IsNotFound(error))
        {
            return;
        }

        var inline = await Aws.CallAsync(AwsService.Iam, "ListRolePolicies", new JsonObject { ["RoleName"] = name }, token).ConfigureAwait(false);
        foreach (var policy in inline["PolicyNames"] as JsonArray ?? [])
        {
            await Aws.CallAsync(AwsService.Iam, "DeleteRolePolicy", new JsonObject { ["RoleName"] = name, ["PolicyName"] = policy!.ToString() }, token)
                .ConfigureAwait(false);
        }

        var attached = await Aws.CallAsync(AwsService.Iam, "ListAttachedRolePolicies", new JsonObject { ["RoleName"] = name }, token).ConfigureAwait(false);
        foreach (var policy in (attached["AttachedPolicies"] as JsonArray ?? []).OfType<JsonObject>())
        {
            await Aws.CallAsync(AwsService.Iam, "DetachRolePolicy", new JsonObject { ["RoleName"] = name, ["PolicyArn"] = policy["PolicyArn"]!.ToString() }, token)
                .ConfigureAwait(false);
        }

        await Aws.CallAsync(AwsService.Iam, "DeleteRole", new JsonObject { ["RoleName"] = name }, token).ConfigureAwait(false);
    }

    /// <summary>Deletes every alarm whose name starts with <paramref name="prefix"/> (DescribeAlarms pages, DeleteAlarms 100 a call).</summary>
    private async Task ClearAlarmsAsync(string prefix, CancellationToken token)
    {
        var names = new List<string>();
        string? next = null;
        do
        {
            var request = new JsonObject { ["AlarmNamePrefix"] = prefix };
            if (next is not null)
            {
                request["NextToken"] = next;
            }

            var page = await Aws.CallAsync(AwsService.CloudWatch, "DescribeAlarms", request, token).ConfigureAwait(false);
            foreach (var key in new[] { "MetricAlarms", "CompositeAlarms" })
            {
                if (page[key] is JsonArray alarms)
                {
                    names.AddRange(alarms.Select(a => a?["AlarmName"]?.GetValue<string>()).OfType<string>());
                }
            }

            next = page["NextToken"]?.GetValue<string>();
        }
        while (!string.IsNullOrEmpty(next));

        foreach (var chunk in names.Chunk(100))
        {
            await Aws.CallAsync(AwsService.CloudWatch, "DeleteAlarms", new JsonObject { ["AlarmNames"] = new JsonArray([.. chunk.Select(n => (JsonNode?)n)]) }, token).ConfigureAwait(false);
        }
    }

    /// <summary>Puts the alarm in its new state as CloudWatch would and returns the state-change event.</summary>
    private async Task<JsonObject> FireAlarmAsync(ScenarioAlarm alarm, CancellationToken token)
    {
        var name = alarm.Definition?["AlarmName"]?.GetValue<string>() ?? alarm.Name!;
        if (alarm.Definition is not null)
        {
            // A fresh alarm each play (INSUFFICIENT_DATA), as after a deploy.
            await Aws.CallAsync(AwsService.CloudWatch, "DeleteAlarms", new JsonObject { ["AlarmNames"] = new JsonArray(name) }, token).ConfigureAwait(false);
            await Aws.CallAsync(AwsService.CloudWatch, "PutMetricAlarm", (JsonObject)alarm.Definition.DeepClone(), token).ConfigureAwait(false);
        }

        if (alarm.PreviousState is not null)
        {
            await SetAlarmStateAsync(name, alarm.PreviousState, $"Set by the scenario as the state before {alarm.State}.", null, token).ConfigureAwait(false);
        }

        var before = await DescribeAlarmAsync(name, token).ConfigureAwait(false);
        await SetAlarmStateAsync(name, alarm.State, alarm.Reason ?? $"Threshold Crossed (set by the local cloud scenario)", alarm.ReasonData, token).ConfigureAwait(false);
        var after = await DescribeAlarmAsync(name, token).ConfigureAwait(false);
        return AlarmEvent.Build(after, before, DateTimeOffset.UtcNow);
    }

    private Task<JsonObject> SetAlarmStateAsync(string name, string state, string reason, JsonObject? reasonData, CancellationToken token)
    {
        var request = new JsonObject { ["AlarmName"] = name, ["StateValue"] = state, ["StateReason"] = reason };
        if (reasonData is not null)
        {
            request["StateReasonData"] = reasonData.ToJsonString();
        }

        return Aws.CallAsync(AwsService.CloudWatch, "SetAlarmState", request, token);
    }

    private async Task<JsonObject> DescribeAlarmAsync(string name, CancellationToken token)
    {
        var answer = await Aws.CallAsync(AwsService.CloudWatch, "DescribeAlarms", new JsonObject { ["AlarmNames"] = new JsonArray(name) }, token)
            .ConfigureAwait(false);
        return (answer["MetricAlarms"] as JsonArray)?.FirstOrDefault() as JsonObject
               ?? throw new LocalCloudException($"Alarm '{name}' does not exist: give trigger.alarm.definition, or the name of an alarm the template creates.");
    }

    private async Task DeleteIfExistsAsync(AwsService service, string action, JsonObject request, CancellationToken token)
    {
        try
        {
            await Aws.CallAsync(service, action, request, token).ConfigureAwait(false);
        }
        catch (AwsServiceException error) when (AwsClient.IsNotFound(error))
        {
            // Nothing to delete.
        }
    }
}
