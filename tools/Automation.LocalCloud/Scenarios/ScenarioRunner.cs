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
        var faulted = new List<string>();
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
            return await PlayAsync(original, faulted, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            cloud.Router.Functions.EnvironmentOverrides = null;
            // Injected faults belong to this play only: later plays may use the same table.
            foreach (var table in faulted)
            {
                cloud.Router.ForgetInjections(table);
            }
        }
    }

    private async Task<ScenarioResult> PlayAsync(Scenario original, List<string> faulted, CancellationToken cancellationToken)
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

        faulted.AddRange(scenario.Arrange.Throttling.Select(t => t.Table)
            .Concat(scenario.Arrange.Faults.Select(f => f.Table))
            .Concat(scenario.Arrange.PendingUpdates.Select(p => p.Table)));
        await ArrangeAsync(scenario.Arrange, token).ConfigureAwait(false);
        observer.Arranged(scenario, stack);

        var (input, matchedRules) = await TriggerInputAsync(scenario, workflowArn, token).ConfigureAwait(false);
        var triggeredAt = DateTimeOffset.UtcNow;
        DateTimeOffset? firstStartedAt = null;
        var delivered = input is not null;
        if (!delivered)
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
        ExecutionWatcher watcher = null!;
        JsonObject? description = null;
        for (var delivery = 1; delivery <= scenario.Trigger.Deliveries; delivery++)
        {
            var suffix = delivery == scenario.Trigger.Deliveries ? string.Empty : $"-delivery{delivery}";
            variables.ExecutionName = ExecutionName(scenario.Name, runId + suffix);
            var started = await Aws.CallAsync(AwsService.StepFunctions, "StartExecution", new JsonObject
            {
                ["stateMachineArn"] = workflowArn,
                ["name"] = variables.ExecutionName,
                ["input"] = input!.ToJsonString(),
            }, token).ConfigureAwait(false);
            variables.ExecutionArn = started["executionArn"]!.GetValue<string>();
            observer.ExecutionStarted(variables.ExecutionName, variables.ExecutionArn, matchedRules);

            watcher = new ExecutionWatcher(Aws, variables.ExecutionArn, scenario, observer);
            description = await watcher.FollowAsync(token).ConfigureAwait(false);
            firstStartedAt ??= watcher.StartedAt;
        }

        // Expectations may name the execution: expand them now that it exists.
        var expect = Expand(document, variables, original).Expect;
        var status = description?["status"]?.GetValue<string>() ?? "RUNNING";
        var output = description?["output"]?.GetValue<string>() is { } text ? JsonNode.Parse(text) : null;
        var error = description?["error"]?.GetValue<string>();
        var cause = description?["cause"]?.GetValue<string>();
        var checkFailures = TerminalStatuses.Contains(status)
            ? await new ExpectationChecker(Aws).CheckAsync(expect, status, output, error, cause, watcher.Timeline, watcher.StateOutputs, token).ConfigureAwait(false)
            : [$"the execution was still {status} when the scenario's {scenario.TimeoutSeconds} s ran out"];

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
            Failures = checkFailures,
        };
        observer.Finished(result);
        return result;
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

    private async Task ArrangeAsync(ScenarioArrange arrange, CancellationToken token)
    {
        foreach (var table in arrange.Tables)
        {
            var name = table.Definition["TableName"]?.GetValue<string>()
                       ?? throw new FormatException("arrange.tables[].definition needs a TableName.");
            await DeleteIfExistsAsync(AwsService.DynamoDb, "DeleteTable", new JsonObject { ["TableName"] = name }, token).ConfigureAwait(false);
            cloud.Router.Insights.Forget(name);
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

        foreach (var fault in arrange.Faults)
        {
            cloud.Router.Faults.Add(new FaultRule(fault.Table, fault.Operations, fault.Times, fault.Error));
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
                    await Aws.CallAsync(AwsService.StepFunctions, "StartExecution", new JsonObject
                    {
                        ["stateMachineArn"] = target.Arn,
                        ["name"] = ExecutionName($"{scenario.Name}-{rule.Name}", Guid.NewGuid().ToString("N")[..8]),
                        ["input"] = input?.ToJsonString() ?? "{}",
                    }, token).ConfigureAwait(false);
                }
            }
        }

        return (ours, matched);
    }

    private static JsonNode? TargetInput(EventTarget target, JsonObject @event) =>
        target.Input is not null
            ? JsonNode.Parse(target.Input)
            : target.InputPath is not null
                ? Expectations.JsonPath.Select(@event, target.InputPath).Value?.DeepClone()
                : @event.DeepClone();

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
