using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

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

    /// <summary>Lambda functions (logical ids) whose invocations fail without running, as a handler that threw.</summary>
    public List<ScenarioStepFault> StepFaults { get; set; } = [];

    /// <summary>IAM state before the play (roles, recreated each play).</summary>
    public ScenarioIam? Iam { get; init; }

    /// <summary>Deletes every CloudWatch alarm whose name starts with this prefix before the play (e.g. the alarms an
    /// earlier reconcile play created in the shared local cloud), so a play starts from a known set of alarms.</summary>
    public string? ClearAlarms { get; set; }

    /// <summary>PutMetricAlarm requests, exactly as the API takes them, made before the run (after
    /// <see cref="ClearAlarms"/>): a foreign alarm, a drifted or orphaned alarm of the suite.</summary>
    public List<JsonObject> Alarms { get; set; } = [];

    /// <summary>PutDashboard requests (<c>DashboardName</c>, <c>DashboardBody</c> as a JSON string) made before the run,
    /// after <see cref="Alarms"/>: a removed segment's dashboard, a team's own dashboard with the prefix.</summary>
    public List<JsonObject> Dashboards { get; set; } = [];

    /// <summary>Application Auto Scaling RegisterScalableTarget requests, exactly as the API takes them (ServiceNamespace
    /// dynamodb, ResourceId table/T or table/T/index/I, ScalableDimension, MinCapacity, MaxCapacity), made before the run:
    /// moto keeps them, and the throttling workflow's DescribeScalableTargets reads them.</summary>
    public List<JsonObject> ScalableTargets { get; set; } = [];

    /// <summary>A runbooks folder (defaults.yaml + segments/*.yaml), relative to the scenario file, that every function
    /// reads instead of the bundled runbooks/ during this play (RUNBOOKS_PATH): how a scenario shows what a broken or
    /// different segment file does. Folders named <c>runbooks</c> under scenarios/ are never played as scenarios.</summary>
    public string? Runbooks { get; set; }

    /// <summary>Past incidents, written through the real incident store (Automation.Aws) before the run, exactly as the
    /// workflows write them: the history the threshold tuner learns from.</summary>
    public List<ScenarioIncident> Incidents { get; set; } = [];

    /// <summary>Past query-runbook runs, written through the real audit store before the run: the history a new run's
    /// feedback flags compare with.</summary>
    public List<ScenarioQueryRun> QueryRuns { get; set; } = [];

    /// <summary>Past threshold changes, written through the real threshold-change store before the run (e.g. the change
    /// a revert scenario reverts).</summary>
    public List<ScenarioThresholdChange> ThresholdChanges { get; set; } = [];
}

/// <summary>A threshold change the tuner applied in the past (its record; the alarm itself is <c>arrange.alarms</c>'s).</summary>
public sealed record ScenarioThresholdChange
{
    /// <summary><c>tc-</c> and 20 lower-case hex digits, as the tuner makes them (give a fixed one to revert it).</summary>
    public required string ChangeId { get; init; }

    public required string AlarmName { get; init; }
    public required string Segment { get; init; }

    /// <summary><c>AlarmKind</c> name.</summary>
    public required string Kind { get; init; }

    public required double OldThreshold { get; init; }
    public required double NewThreshold { get; init; }
    public int OldEvaluationPeriods { get; set; } = 1;
    public int NewEvaluationPeriods { get; set; } = 1;
    public string Reason { get; set; } = "seeded by the scenario (arrange.thresholdChanges)";
    public List<string> IncidentIds { get; set; } = [];
    public required double DecidedMinutesAgo { get; init; }
}

/// <summary>A closed (or open) incident of the past, times relative to the play's start. Written with
/// <c>DynamoDbIncidentStore.OpenAsync</c>, so the item is the one the workflows write (final status included).</summary>
public sealed record ScenarioIncident
{
    /// <summary>Default: <c>inc-</c> + a hash of the play's run id and the entry's position (unique per play).</summary>
    public string? IncidentId { get; init; }

    public required string Table { get; init; }
    public string? Index { get; init; }

    /// <summary>The alarm that opened it; null: a manual run (the tuner ignores it).</summary>
    public string? AlarmName { get; init; }

    /// <summary>The alarm's kind (<c>AlarmKind</c> name, e.g. WriteThrottleEvents), as the trigger normaliser records it.</summary>
    public string? Kind { get; init; }

    /// <summary>The alarm's metric name; default the kind's metric.</summary>
    public string? MetricName { get; init; }

    /// <summary>The answering runbook (throttling-response, alarm-triage); default from the kind.</summary>
    public string? Runbook { get; init; }

    /// <summary><c>IncidentStatus</c> name: Mitigated, NoActionNeeded, Triaged, NotMitigated, ...</summary>
    public required string Status { get; init; }

    /// <summary>The diagnosis kind (e.g. NotThrottling, NotDynamoDb, HotPartitionKey) and its words.</summary>
    public string? Diagnosis { get; init; }
    public string? Explanation { get; init; }
    public string? Outcome { get; init; }

    /// <summary>When the alarm fired and the incident opened (minutes before the play).</summary>
    public required double OpenedMinutesAgo { get; init; }

    /// <summary>When it closed; default 5 minutes after it opened (a final status), none for Open/AwaitingApproval.</summary>
    public double? ClosedMinutesAgo { get; init; }

    /// <summary>Mitigated incidents: default the time from open to close.</summary>
    public long? TimeToMitigateMs { get; init; }

    public bool DryRun { get; set; }
}

/// <summary>A past query-runbook run on the audit table (times relative to the play's start), written with
/// <c>DynamoDbQueryAuditStore.RecordAsync</c>.</summary>
public sealed record ScenarioQueryRun
{
    /// <summary>Default: <c>seeded-</c> + the play's run id + the entry's position.</summary>
    public string? RunId { get; init; }

    public required string Template { get; init; }
    public required string Segment { get; init; }
    public required string Table { get; init; }
    public string? Index { get; init; }

    /// <summary><c>QueryOperation</c> name; default Query.</summary>
    public string Operation { get; set; } = "Query";

    /// <summary><c>QueryRunStatus</c> name; default Succeeded.</summary>
    public string Status { get; set; } = "Succeeded";

    public required double ConsumedUnits { get; init; }
    public double? ReadCeiling { get; init; }
    public int Pages { get; set; } = 1;
    public int Items { get; set; }
    public required double StartedMinutesAgo { get; init; }
    public string RequestedBy { get; set; } = "arn:aws:sts::123456789012:assumed-role/OnCall/seeded";
    public string Reason { get; set; } = "an earlier run (seeded by the scenario)";
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
/// UpdateTable refused with LimitExceededException, or DescribeTable throttled with ThrottlingException;
/// or (<see cref="Service"/> <c>iam</c>) for the named IAM actions, e.g. DeleteRolePolicy failing with ServiceFailure.</summary>
public sealed record ScenarioFault
{
    /// <summary><c>dynamodb</c> (default: needs <see cref="Table"/>) or <c>iam</c> (no table: every request of the actions).</summary>
    public string Service { get; set; } = "dynamodb";

    public string? Table { get; init; }

    /// <summary>The actions that fail (at least one), e.g. UpdateTable, DeleteRolePolicy.</summary>
    public required List<string> Operations { get; init; }

    /// <summary>The error code answered, e.g. LimitExceededException, ServiceFailure (IAM: HTTP 500).</summary>
    public required string Error { get; init; }

    /// <summary>IAM only: the error message (default: the service's usual text).</summary>
    public string? Message { get; init; }

    /// <summary>How many requests fail before the table recovers; absent: every one.</summary>
    public int? Times { get; init; }
}

/// <summary>A Lambda function of the stack that fails (<c>X-Amz-Function-Error: Unhandled</c>, <c>{errorType,
/// errorMessage}</c>) without running, <see cref="Times"/> times or every time: "a failure at this step".</summary>
public sealed record ScenarioStepFault
{
    /// <summary>Logical id of the function in the template, e.g. RecordGrantFunction.</summary>
    public required string Function { get; init; }

    /// <summary>The errorType the state machine's Retry and Catch see.</summary>
    public required string Error { get; init; }

    public string? Message { get; init; }

    public int? Times { get; init; }
}

/// <summary>IAM state a play starts from.</summary>
public sealed record ScenarioIam
{
    /// <summary>Each an IAM CreateRole request (RoleName, Path, AssumeRolePolicyDocument as an object or text, Tags,
    /// MaxSessionDuration, PermissionsBoundary, ...) plus <c>inlinePolicies: {name: document}</c>. A role that exists
    /// is deleted first (its inline and attached policies too).</summary>
    public List<JsonObject> Roles { get; set; } = [];
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

    /// <summary>A call of the access API as a verified caller; the answer's <c>executionArn</c> is the execution followed
    /// (none when the API refuses: status NOT_STARTED, and <c>expect.response</c> says what was expected).</summary>
    public ScenarioAccessCall? Access { get; init; }

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

/// <summary>A call of the access API (<see cref="Routing.AccessApiContract"/>) as a verified caller.</summary>
public sealed record ScenarioAccessCall
{
    /// <summary>request, approve, reject, done, extend, approve-extension, review, get (any other is passed on).</summary>
    public required string Action { get; init; }

    /// <summary>The caller's IAM ARN (what API Gateway's AWS_IAM auth verifies).</summary>
    public required string As { get; init; }

    /// <summary>The request id in the path; in an interaction, default the trigger's request id.</summary>
    public string? RequestId { get; init; }

    /// <summary>The JSON body (default <c>{}</c>).</summary>
    public JsonNode? Body { get; init; }

    /// <summary>What the answer must be: <c>status</c>, <c>error</c>, <c>cause</c> and JSON paths (<c>$.x</c>) into the body.</summary>
    public Dictionary<string, JsonNode?>? ExpectResponse { get; init; }
}

/// <summary>What the workflow meets at a state: a person's answer to a <c>.waitForTaskToken</c> task, calls of the
/// access API, or a StopExecution.</summary>
public sealed record ScenarioInteraction
{
    /// <summary>The state. Token answers and access calls run once a Task that waits for a token has been submitted
    /// (its TaskSubmitted event: the Lambda that stores the token has returned); at other states, when it is entered.</summary>
    public required string State { get; init; }

    /// <summary>Access API calls (one object or a list), made in order, or all at once with <see cref="Concurrent"/>.
    /// The n-th interaction with access calls (or stop) at a state runs at its n-th entry.</summary>
    [JsonConverter(typeof(SingleOrListConverter))]
    public List<ScenarioAccessCall> Access { get; set; } = [];

    /// <summary>The access calls run at the same time; their <c>expectResponse</c>s are matched in any order.</summary>
    public bool Concurrent { get; set; }

    /// <summary>What the answer to the (one) access call must be.</summary>
    public Dictionary<string, JsonNode?>? ExpectResponse { get; init; }

    /// <summary>StopExecution when the execution enters <see cref="State"/> (after its token is stored, for a token wait).</summary>
    public bool Stop { get; set; }

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

    /// <summary>The access API's answer to <c>trigger.access</c>: <c>status</c>, <c>error</c>, <c>cause</c>, <c>$.path</c> into its body.</summary>
    public Dictionary<string, JsonNode?>? Response { get; init; }

    /// <summary>Other executions of the stack's state machines that started during the play (e.g. started by a status
    /// rule), checked once they have all ended; each entry is matched by a distinct execution.</summary>
    public List<ScenarioExecutionExpectation> Executions { get; set; } = [];
}

/// <summary>An execution of one of the stack's state machines (not the followed one) the play must have started.</summary>
public sealed record ScenarioExecutionExpectation
{
    /// <summary>Logical id of its state machine.</summary>
    public required string StateMachine { get; init; }

    public JsonNode? Status { get; init; }
    public JsonNode? Error { get; init; }
    public JsonNode? Cause { get; init; }

    /// <summary>JSON path into its output (or, for an execution that did not succeed, nothing) → expected value or matcher.</summary>
    public Dictionary<string, JsonNode?> Output { get; set; } = [];

    /// <summary>JSON path into its input → expected value or matcher (e.g. <c>$.detail.status: ABORTED</c>).</summary>
    public Dictionary<string, JsonNode?> Input { get; set; } = [];
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
