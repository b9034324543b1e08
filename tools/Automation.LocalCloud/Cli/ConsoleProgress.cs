using System.Text.Json.Nodes;
using Automation.LocalCloud.Deployment;
using Automation.LocalCloud.Scenarios;

namespace Automation.LocalCloud.Cli;

/// <summary>Live progress of a scenario for people: each state entered and left with its duration,
/// task failures, highlights (diagnosis, action, incident id, ...), then a summary.</summary>
internal sealed class ConsoleProgress(TextWriter output) : IScenarioObserver
{
    public void Arranged(Scenario scenario, StackDeployment stack)
    {
        output.WriteLine($"  arranged: {scenario.Arrange.Tables.Count} table(s), {scenario.Arrange.Metrics.Count} metric series, " +
                         $"{scenario.Arrange.ContributorInsights.Count} Contributor Insights seed(s), {scenario.Arrange.Throttling.Count} throttle rule(s), {scenario.Arrange.Faults.Count} fault(s)");
    }

    public void ExecutionStarted(string executionName, string executionArn, IReadOnlyList<string> matchedRules)
    {
        var via = matchedRules.Count > 0 ? $"delivered by EventBridge rule {string.Join(", ", matchedRules)}" : "started directly";
        output.WriteLine($"  execution {executionName} ({via})");
    }

    public void NotDelivered(string reason) => output.WriteLine($"  not delivered: {reason}");

    public void StateEntered(string state, string type) => output.WriteLine($"    -> {state} ({type})");

    public void TaskFailed(string state, string errorType, string? cause) =>
        output.WriteLine($"    !  {state}: {errorType}{(cause is null ? string.Empty : $": {Short(ErrorMessage(cause), 160)}")}");

    public void StateExited(TimelineEntry entry) =>
        output.WriteLine($"    {(entry.Status == "Succeeded" ? "ok" : "x ")} {entry.State} {entry.DurationMs} ms{(entry.Attempts > 1 ? $" ({entry.Attempts} attempts)" : string.Empty)}");

    public void Highlight(string label, JsonNode? value) => output.WriteLine($"    *  {label}: {Short(value?.ToJsonString(ScenarioJsonContext.Readable) ?? "null", 160)}");

    public void InteractionSent(string state, string kind) => output.WriteLine($"    <- {kind} to {state}");

    public void AccessCalled(string where, string action, string caller, AccessResponse response) =>
        output.WriteLine($"  access {action} as {caller} ({where}): HTTP {response.Status}{(response.Error is { } error ? $" {error}" : string.Empty)}");

    public void Settled(IReadOnlyList<ExecutionReport> executions)
    {
        foreach (var execution in executions)
        {
            output.WriteLine($"  also ran: {execution.StateMachine} {execution.Name} {execution.Status}{(execution.Error is { } error ? $" ({error})" : string.Empty)}");
        }
    }

    public void Finished(ScenarioResult result)
    {
        output.WriteLine();
        output.WriteLine($"{(result.Passed ? "PASSED" : "FAILED")} {result.Scenario}: execution {result.ExecutionStatus} in {result.DurationMs} ms (scenario wall time)");
        if (result.Timeline.Count > 0)
        {
            var width = result.Timeline.Max(e => e.State.Length);
            foreach (var entry in result.Timeline)
            {
                output.WriteLine($"  {entry.State.PadRight(width)}  {entry.Type,-8} {entry.DurationMs,6} ms  {entry.Status}{Errors(entry)}");
            }
        }

        foreach (var (label, value) in result.Highlights)
        {
            output.WriteLine($"  {label}: {Short(value?.ToJsonString(ScenarioJsonContext.Readable) ?? "null", 200)}");
        }

        if (result.Error is not null)
        {
            output.WriteLine($"  error: {result.Error}: {Short(result.Cause ?? string.Empty, 300)}");
        }
        else if (result.Output is not null)
        {
            output.WriteLine($"  output: {Short(result.Output.ToJsonString(ScenarioJsonContext.Readable), 300)}");
        }

        foreach (var failure in result.Failures)
        {
            output.WriteLine($"  unmet: {failure}");
        }
    }

    /// <summary>A Lambda error cause is the error document; show its message.</summary>
    /// <summary>" (error)" for a failed state, " (retried after error x2)" for one that succeeded on a retry.</summary>
    private static string Errors(TimelineEntry entry) =>
        entry.Error is not null ? $" ({entry.Error})"
        : entry.AttemptErrors.Count > 0 ? $" (retried after {string.Join(", ", entry.AttemptErrors.GroupBy(e => e).Select(g => g.Count() > 1 ? $"{g.Key} x{g.Count()}" : g.Key))})"
        : string.Empty;

    private static string ErrorMessage(string cause)
    {
        try
        {
            return JsonNode.Parse(cause)?["errorMessage"]?.GetValue<string>() ?? cause;
        }
        catch (System.Text.Json.JsonException)
        {
            return cause;
        }
    }

    private static string Short(string text, int max) => text.Length <= max ? text : text[..max] + "...";
}
