using System.Text.Json.Nodes;
using Automation.LocalCloud.Aws;

namespace Automation.LocalCloud.Scenarios.Expectations;

/// <summary>Checks a scenario's expected outcome; every unmet expectation is one line of the result.</summary>
internal sealed class ExpectationChecker(AwsClient aws)
{
    public async Task<List<string>> CheckAsync(ScenarioExpectation expect, string status, JsonNode? output, string? error, string? cause,
        IReadOnlyList<TimelineEntry> timeline, IReadOnlyDictionary<string, JsonNode?> stateOutputs, CancellationToken token)
    {
        var failures = new List<string>();
        if (!expect.Delivered)
        {
            failures.Add("expected the event not to be delivered, but it started the workflow");
        }

        if (expect.Status is not null && expect.Status != status)
        {
            failures.Add($"execution status: was {status}, expected {expect.Status}" +
                         (error is null ? string.Empty : $" (error {error}: {Trim(cause)})"));
        }

        Compare(failures, "execution error", error, expect.Error);
        Compare(failures, "execution cause", cause, expect.Cause);

        if (expect.Visited is { } visited)
        {
            var actual = timeline.Select(e => e.State).ToList();
            if (!actual.SequenceEqual(visited, StringComparer.Ordinal))
            {
                failures.Add($"states visited: were [{string.Join(", ", actual)}], expected [{string.Join(", ", visited)}]");
            }
        }

        foreach (var (path, expected) in expect.Output)
        {
            var (found, actual) = JsonPath.Select(output, path);
            if (ValueMatcher.Mismatch(found, actual, expected) is { } why)
            {
                failures.Add($"output {path}: {why}");
            }
        }

        foreach (var (state, expected) in expect.States)
        {
            var entered = timeline.Any(e => e.State == state);
            if (expected.Entered is { } wanted && wanted != entered)
            {
                failures.Add(wanted ? $"state {state}: never entered, expected to run" : $"state {state}: entered, expected not to run");
            }

            if (expected.Attempts is not null)
            {
                var last = timeline.LastOrDefault(e => e.State == state);
                if (ValueMatcher.Mismatch(last is not null, last is null ? null : JsonValue.Create(last.Attempts), expected.Attempts) is { } why)
                {
                    failures.Add($"state {state} attempts: {why}");
                }
            }

            foreach (var (path, value) in expected.Output)
            {
                var (found, actual) = JsonPath.Select(stateOutputs.GetValueOrDefault(state), path);
                if (ValueMatcher.Mismatch(found, actual, value) is { } why)
                {
                    failures.Add($"state {state} output {path}: {(entered ? why : "the state never ran")}");
                }
            }
        }

        foreach (var check in expect.State)
        {
            await CheckStateAsync(check, failures, token).ConfigureAwait(false);
        }

        return failures;
    }

    /// <summary>Only the <c>expect.state</c> calls (a play that started no execution).</summary>
    public async Task<List<string>> CheckStateAsync(IEnumerable<ScenarioCheck> checks, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var failures = new List<string>();
        foreach (var check in checks)
        {
            await CheckStateAsync(check, failures, token).ConfigureAwait(false);
        }

        return failures;
    }

    /// <summary><c>expect.executions</c>: each entry must be met by a distinct execution of its state machine (the
    /// first in start order that meets it).</summary>
    public static List<string> CheckExecutions(IReadOnlyList<ScenarioExecutionExpectation> expected, IReadOnlyList<ExecutionReport> executions)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(executions);
        var failures = new List<string>();
        var used = new HashSet<ExecutionReport>();
        foreach (var (wanted, index) in expected.Select((e, i) => (e, i)))
        {
            var candidates = executions.Where(e => e.StateMachine == wanted.StateMachine && !used.Contains(e)).ToList();
            var match = candidates.FirstOrDefault(e => ExecutionMismatches(wanted, e).Count == 0);
            if (match is not null)
            {
                used.Add(match);
                continue;
            }

            failures.Add(candidates.Count == 0
                ? $"expect.executions[{index}]: no execution of {wanted.StateMachine} started during the play" +
                  (executions.Count == 0 ? string.Empty : $" (started: {string.Join(", ", executions.Select(e => $"{e.StateMachine} {e.Status}"))})")
                : $"expect.executions[{index}]: no execution of {wanted.StateMachine} meets it: " +
                  string.Join("; ", candidates.Select(c => $"{c.Name}: {string.Join(", ", ExecutionMismatches(wanted, c))}")));
        }

        return failures;
    }

    private static List<string> ExecutionMismatches(ScenarioExecutionExpectation wanted, ExecutionReport actual)
    {
        var why = new List<string>();
        void Check(string what, bool found, JsonNode? value, JsonNode? expected)
        {
            if (expected is not null && ValueMatcher.Mismatch(found, value, expected) is { } reason)
            {
                why.Add($"{what} {reason}");
            }
        }

        Check("status", true, JsonValue.Create(actual.Status), wanted.Status);
        Check("error", actual.Error is not null, actual.Error is null ? null : JsonValue.Create(actual.Error), wanted.Error);
        Check("cause", actual.Cause is not null, actual.Cause is null ? null : JsonValue.Create(actual.Cause), wanted.Cause);
        foreach (var (path, expected) in wanted.Output)
        {
            var (found, value) = JsonPath.Select(actual.Output, path);
            Check($"output {path}", found, value, expected);
        }

        foreach (var (path, expected) in wanted.Input)
        {
            var (found, value) = JsonPath.Select(actual.Input, path);
            Check($"input {path}", found, value, expected);
        }

        return why;
    }

    private static void Compare(List<string> failures, string what, string? actual, JsonNode? expected)
    {
        if (expected is not null && ValueMatcher.Mismatch(actual is not null, actual is null ? null : JsonValue.Create(actual), expected) is { } why)
        {
            failures.Add($"{what}: {why}");
        }
    }

    private async Task CheckStateAsync(ScenarioCheck check, List<string> failures, CancellationToken token)
    {
        var (service, action, request) = ScenarioCallRequest.Parse(check.Call, check.Params);

        JsonObject answer;
        try
        {
            answer = await aws.CallAsync(service, action, request, token).ConfigureAwait(false);
        }
        catch (AwsServiceException failure)
        {
            if (check.Error != failure.Code)
            {
                failures.Add($"{check.Call} {request.ToJsonString()}: failed with {failure.Code}: {Trim(failure.Message)}" +
                             (check.Error is null ? string.Empty : $", expected {check.Error}"));
            }

            return;
        }

        if (check.Error is not null)
        {
            failures.Add($"{check.Call} {request.ToJsonString()}: succeeded, expected error {check.Error}");
            return;
        }

        if (service == AwsService.DynamoDb)
        {
            DynamoDbJson.UnmarshalResponse(answer);
        }

        foreach (var (path, expected) in check.Expect)
        {
            var (found, actual) = JsonPath.Select(answer, path);
            if (ValueMatcher.Mismatch(found, actual, expected) is { } why)
            {
                failures.Add($"{check.Call} {path}: {why}");
            }
        }
    }

    private static string Trim(string? text) => text is null ? string.Empty : text.Length <= 300 ? text : text[..300] + "...";
}
