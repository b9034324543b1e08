using System.Text.Json.Nodes;

namespace Automation.LocalCloud.Scenarios;

/// <summary>The outcome of playing a scenario; the CLI's --json line is this record.</summary>
public sealed record ScenarioResult
{
    public required string Scenario { get; init; }
    public required string Workflow { get; init; }
    public string? ExecutionName { get; init; }
    public string? ExecutionArn { get; init; }

    /// <summary>SUCCEEDED, FAILED, TIMED_OUT, ABORTED, RUNNING (deadline hit), or NOT_STARTED.</summary>
    public required string ExecutionStatus { get; init; }

    /// <summary>Whether every expectation of the scenario was met.</summary>
    public required bool Passed { get; init; }

    public required long DurationMs { get; init; }

    /// <summary>From the trigger (the alarm's state change, or the manual start) to the execution's first
    /// event: EventBridge delivery. Add a timeline entry's <c>StartMs</c> for "alarm → that state".</summary>
    public long? TriggerToStartMs { get; init; }
    public bool Delivered { get; init; }
    public List<string> MatchedRules { get; init; } = [];
    public List<TimelineEntry> Timeline { get; init; } = [];
    public JsonNode? Output { get; init; }
    public string? Error { get; init; }
    public string? Cause { get; init; }
    public Dictionary<string, JsonNode?> Highlights { get; init; } = [];

    /// <summary>The access API's answer to <c>trigger.access</c>.</summary>
    public AccessResponse? Response { get; init; }

    /// <summary>The other executions of the stack's state machines that started during the play, in start order,
    /// as they ended (the play waits for them).</summary>
    public List<ExecutionReport> Executions { get; init; } = [];

    /// <summary>Each unmet expectation, in words.</summary>
    public List<string> Failures { get; init; } = [];
}

/// <summary>An answer of the access API: HTTP status, JSON body, the error and cause of an error answer
/// (<c>body.error</c>, or API Gateway's <c>x-amzn-ErrorType</c>), and the API run that made it.</summary>
public sealed record AccessResponse(int Status, JsonNode? Body, string? Error, string? Cause, string? ApiExecutionArn)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}

/// <summary>An execution the play caused besides the followed one (e.g. started by a status rule).</summary>
public sealed record ExecutionReport
{
    public required string Name { get; init; }

    /// <summary>Logical id of its state machine.</summary>
    public required string StateMachine { get; init; }

    public required string Status { get; init; }
    public required string ExecutionArn { get; init; }
    public string? Error { get; init; }
    public string? Cause { get; init; }
    public JsonNode? Input { get; init; }
    public JsonNode? Output { get; init; }
}

/// <summary>One state of the execution: when it was entered (ms after the execution started), how
/// long it took, how it ended, and how many task attempts it made.</summary>
public sealed record TimelineEntry
{
    public required string State { get; init; }
    public required string Type { get; init; }
    public required long StartMs { get; init; }
    public long? DurationMs { get; init; }

    /// <summary>Succeeded, Failed, or Running.</summary>
    public required string Status { get; init; }

    public int Attempts { get; init; }

    /// <summary>The error the state ended with (null when it succeeded, even after retries).</summary>
    public string? Error { get; init; }

    /// <summary>The error of each failed task attempt, in order, retried or not.</summary>
    public List<string> AttemptErrors { get; init; } = [];
}

/// <summary>Several scenarios played together (the CLI's `play --all --json`).</summary>
/// <param name="UpAndDeployMs">Local cloud started and stack deployed, before the first play.</param>
public sealed record ScenarioRun(bool Passed, long UpAndDeployMs, List<ScenarioResult> Scenarios);
