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
