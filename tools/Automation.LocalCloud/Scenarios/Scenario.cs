using System.Text.Json.Nodes;

namespace Automation.LocalCloud.Scenarios;

// Defaulted members have setters, not init: System.Text.Json's source generator sets every init-only
// member when it constructs the object, overwriting the default with null when the file omits it.

/// <summary>
/// One end-to-end scenario, read from a YAML or JSON file (format: scenarios/README.md). Everything
/// AWS-shaped (table definitions, alarm definitions, check calls) is kept as the API's own JSON, so a
/// new workflow needs new scenario files, not new runner code.
/// </summary>
public sealed record Scenario
{
    /// <summary>Short name (file name without extension by default); used in execution names.</summary>
    public string Name { get; set; } = string.Empty;

    public string? Description { get; init; }

    /// <summary>Logical id of the state machine in template.yaml.</summary>
    public required string Workflow { get; init; }

    /// <summary>Another SAM template to deploy for this scenario, relative to the scenario file
    /// (tests of the local cloud itself); template.yaml by default.</summary>
    public string? Template { get; set; }

    /// <summary>Template parameter overrides; a distinct set gets its own stack.</summary>
    public Dictionary<string, string> Parameters { get; set; } = [];

    /// <summary>Stop the execution (StopExecution) once this state has exited, and check the
    /// expectations then (status ABORTED): for scenarios about the first part of a long workflow.</summary>
    public string? StopAfter { get; set; }

    /// <summary>Deadline for the whole play (arrange, execution, checks).</summary>
    public int TimeoutSeconds { get; set; } = 60;

    public ScenarioArrange Arrange { get; set; } = new();

    public required ScenarioTrigger Trigger { get; init; }

    public List<ScenarioInteraction> Interactions { get; set; } = [];

    public required ScenarioExpectation Expect { get; init; }

    /// <summary>Label → JSON path into a state's output, shown in the live progress when a state's
    /// output has it (e.g. diagnosis, action, incident id) and reported in the result.</summary>
    public Dictionary<string, string> Highlights { get; set; } = [];

    /// <summary>The file it was read from (set by the loader).</summary>
    public string? SourcePath { get; init; }
}

/// <summary>What exists before the workflow starts.</summary>
public sealed record ScenarioArrange
{
    public List<ScenarioTable> Tables { get; set; } = [];
    public List<ScenarioMetric> Metrics { get; set; } = [];
    public List<ScenarioContributorInsights> ContributorInsights { get; set; } = [];
    public List<ScenarioThrottling> Throttling { get; set; } = [];
    public List<ScenarioFault> Faults { get; set; } = [];
    public List<ScenarioPendingUpdate> PendingUpdates { get; set; } = [];

    /// <summary>A runbooks folder (defaults.yaml + segments/*.yaml), relative to the scenario file, that every function
    /// reads instead of the bundled runbooks/ during this play (RUNBOOKS_PATH): how a scenario shows what a broken or
    /// different segment file does. Folders named <c>runbooks</c> under scenarios/ are never played as scenarios.</summary>
    public string? Runbooks { get; set; }
}

/// <summary>A table to (re)create: <see cref="Definition"/> is a DynamoDB CreateTable request;
/// <see cref="Items"/> are plain JSON items (strings, numbers, booleans, lists, maps) or DynamoDB JSON;
/// <see cref="Generate"/> writes many similar items (pagination, read ceilings) without listing them.</summary>
public sealed record ScenarioTable
{
    public required JsonObject Definition { get; init; }
    public List<JsonObject> Items { get; set; } = [];
    public List<ScenarioItemGenerator> Generate { get; set; } = [];
}

/// <summary><see cref="Count"/> items made from <see cref="Item"/>: in its strings, <c>{n}</c> is the
/// item's number (<see cref="Start"/>, Start + 1, ...) and <c>{n:000}</c> the number zero-padded to
/// that width; with <see cref="SizeBytes"/>, each item gets a string attribute <see cref="PadAttribute"/>
/// that makes its DynamoDB size (as read capacity counts it) exactly that many bytes.</summary>
public sealed record ScenarioItemGenerator
{
    public required int Count { get; init; }
    public required JsonObject Item { get; init; }
    public int Start { get; set; } = 1;
    public int? SizeBytes { get; init; }
    public string PadAttribute { get; set; } = "pad";
}

/// <summary>A metric series published with PutMetricData, each point some minutes before now.</summary>
public sealed record ScenarioMetric
{
    public required string Namespace { get; init; }
    public required string MetricName { get; init; }
    public Dictionary<string, string> Dimensions { get; set; } = [];
    public string Unit { get; set; } = "Count";
    public List<ScenarioDatapoint> Datapoints { get; set; } = [];
}

public sealed record ScenarioDatapoint(double MinutesAgo, double Value);

/// <summary>Contributor Insights for a table or index: its status and the top keys per rule kind
/// (PKC, PKT, SKC, SKT) that GetInsightRuleReport returns.</summary>
public sealed record ScenarioContributorInsights
{
    public required string Table { get; init; }
    public string? Index { get; init; }
    public bool Enabled { get; set; } = true;
    public string Mode { get; set; } = "ACCESSED_AND_THROTTLED_KEYS";
    public Dictionary<string, List<ScenarioContributor>> TopKeys { get; set; } = [];
}

public sealed record ScenarioContributor(List<string> Keys, double Value);

/// <summary>Throttling the router injects on DynamoDB requests to a table.</summary>
public sealed record ScenarioThrottling
{
    public required string Table { get; init; }

    /// <summary>DynamoDB actions refused (e.g. PutItem); empty: all data-plane actions.</summary>
    public List<string> Operations { get; set; } = [];

    /// <summary>How many requests fail before the table recovers; absent: every one.</summary>
    public int? Times { get; init; }
}

/// <summary>An error the router answers for the named DynamoDB actions on a table (control plane too), e.g.
/// UpdateTable refused with LimitExceededException, or DescribeTable throttled with ThrottlingException.</summary>
public sealed record ScenarioFault
{
    public required string Table { get; init; }

    /// <summary>The DynamoDB actions that fail (at least one), e.g. UpdateTable.</summary>
    public required List<string> Operations { get; init; }

    /// <summary>The DynamoDB error code answered, e.g. LimitExceededException.</summary>
    public required string Error { get; init; }

    /// <summary>How many requests fail before the table recovers; absent: every one.</summary>
    public int? Times { get; init; }
}

/// <summary>UpdateTable takes time on this table, as in DynamoDB (moto applies it at once): the next
/// <see cref="DescribeCalls"/> DescribeTable answers after each UpdateTable show the table in
/// <see cref="TableStatus"/> and the indexes the update named as UPDATING.</summary>
public sealed record ScenarioPendingUpdate
{
    public required string Table { get; init; }
    public int DescribeCalls { get; set; } = 2;
    public string TableStatus { get; set; } = "UPDATING";
}

/// <summary>How the execution starts: an alarm that fires (delivered through the stack's EventBridge
/// rules by default) or a manual input started directly on the workflow.</summary>
public sealed record ScenarioTrigger
{
    public ScenarioAlarm? Alarm { get; init; }

    /// <summary>Manual input (console-style Start execution).</summary>
    public JsonNode? Input { get; init; }

    /// <summary><c>eventbridge</c> (match the stack's rules; alarms only) or <c>startExecution</c>.</summary>
    public string? Delivery { get; init; }

    /// <summary>How many times the same event (or input) is delivered, one execution after the other
    /// (EventBridge delivers at least once). Expectations apply to the last execution.</summary>
    public int Deliveries { get; set; } = 1;
}

/// <summary>The alarm that changes state. <see cref="Definition"/> is a PutMetricAlarm request
/// (omit it for an alarm the template created, and give <see cref="Name"/>).</summary>
public sealed record ScenarioAlarm
{
    public JsonObject? Definition { get; init; }
    public string? Name { get; init; }
    public string State { get; set; } = "ALARM";
    public string? PreviousState { get; init; }
    public string? Reason { get; init; }

    /// <summary>An object, sent as the JSON string CloudWatch puts in state.reasonData.</summary>
    public JsonObject? ReasonData { get; init; }
}

/// <summary>A person's answer to a <c>.waitForTaskToken</c> task, sent when the workflow reaches it.</summary>
public sealed record ScenarioInteraction
{
    /// <summary>The Task state that waits.</summary>
    public required string State { get; init; }

    /// <summary>Where the token is in the task's parameters.</summary>
    public string TokenPath { get; set; } = "$.Payload.taskToken";

    /// <summary>API calls made first, while the task waits (e.g. delete the table mid-run); their answers are not checked.</summary>
    public List<ScenarioCall> Calls { get; set; } = [];

    /// <summary>The answer; with neither this nor <see cref="SendTaskFailure"/>, the task keeps waiting (its timeout).</summary>
    public JsonNode? SendTaskSuccess { get; init; }
    public ScenarioTaskFailure? SendTaskFailure { get; init; }
}

/// <summary>An API call against the local cloud: <c>service.Action</c> and its request.</summary>
public sealed record ScenarioCall
{
    public required string Call { get; init; }
    public JsonObject Params { get; set; } = [];
}

public sealed record ScenarioTaskFailure(string Error, string? Cause);

/// <summary>The expected outcome: execution status and output, and the resulting state of the
/// local cloud (any API call, with JSON-path assertions on its answer).</summary>
public sealed record ScenarioExpectation
{
    /// <summary>false: the event must match no rule targeting the workflow (nothing runs).</summary>
    public bool Delivered { get; set; } = true;

    public string? Status { get; init; }
    public JsonNode? Error { get; init; }
    public JsonNode? Cause { get; init; }

    /// <summary>The states entered, in order, exactly.</summary>
    public List<string>? Visited { get; init; }

    /// <summary>JSON path into the execution output → expected value or matcher.</summary>
    public Dictionary<string, JsonNode?> Output { get; set; } = [];

    /// <summary>State name → whether it ran, and JSON paths into its output (its last exit).</summary>
    public Dictionary<string, ScenarioStateExpectation> States { get; set; } = [];

    public List<ScenarioCheck> State { get; set; } = [];
}

/// <summary>What one state must have done: been entered or not, and its output (last exit).</summary>
public sealed record ScenarioStateExpectation
{
    /// <summary>true: the state ran at least once; false: it never ran (e.g. no UpdateTable in a dry run).</summary>
    public bool? Entered { get; init; }

    /// <summary>Task attempts of the state's last entry (retries included), a value or a matcher, e.g. {$gte: 3}.</summary>
    public JsonNode? Attempts { get; init; }

    public Dictionary<string, JsonNode?> Output { get; set; } = [];
}

/// <summary>An API call against the local cloud after the run and what its answer must contain.</summary>
public sealed record ScenarioCheck
{
    /// <summary><c>service.Action</c>, e.g. <c>dynamodb.DescribeTable</c>, <c>iam.GetRole</c>.</summary>
    public required string Call { get; init; }

    public JsonObject Params { get; set; } = [];

    /// <summary>JSON path into the answer → expected value or matcher.</summary>
    public Dictionary<string, JsonNode?> Expect { get; set; } = [];

    /// <summary>The call must fail with this error code instead (e.g. ResourceNotFoundException).</summary>
    public string? Error { get; init; }
}
