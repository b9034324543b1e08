using Automation.Functions.Mapping;

namespace Automation.Functions.Contracts.AlarmReconcile;

/// <summary>
/// The execution's input (console or schedule): <c>{"dryRun": true, "segments": ["orders"]}</c>, both optional.
/// Without <c>segments</c> every segment is reconciled, and only then are the alarms of removed segments deleted.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AlarmReconcileRequest(bool? DryRun = null, IReadOnlyList<string>? Segments = null);

/// <summary><c>PrepareAlarmReconcile</c>'s input: the execution's input as given, and the template's owner.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PrepareAlarmReconcileInput(AlarmReconcileRequest? Request, AlarmOwnerInput? Owner = null);

/// <summary>What every step after PrepareAlarmReconcile needs of the request.</summary>
/// <param name="DryRun">True: plan and report, change nothing.</param>
/// <param name="Segments">The segment filter, or null for every segment (only then are orphaned alarms deleted).</param>
/// <param name="RunbooksVersion">defaults.yaml's version.</param>
/// <param name="ReportBytes">The most one unit's summary may weigh in the state (the Map's results must fit together).</param>
public sealed record ReconcileRun(bool DryRun, IReadOnlyList<string>? Segments, int RunbooksVersion, int ReportBytes);

/// <summary>One unit of the run (a managed table, or the account alarm): what to describe and the alarm-name prefix to list.</summary>
/// <param name="TableName">The table (<c>*</c>: the account alarm).</param>
/// <param name="AlarmNamePrefix">DescribeAlarms' <c>AlarmNamePrefix</c> for the unit's alarms.</param>
/// <param name="Describe">Whether there is a table to DescribeTable (false for the account alarm).</param>
public sealed record ReconcileUnitInput(string TableName, string AlarmNamePrefix, bool Describe);

/// <summary>The validated request and the units to reconcile one by one.</summary>
/// <param name="FindOrphans">A full run (no segment filter): list the whole prefix for this stack's alarms no unit covers, and delete them.</param>
public sealed record PrepareAlarmReconcileOutput(ReconcileRun Run, IReadOnlyList<ReconcileUnitInput> Units, bool FindOrphans);

/// <summary>DescribeAlarms' answer, one page (ResultSelector keeps <c>MetricAlarms</c> and <c>NextToken</c>).</summary>
public sealed record DescribeAlarmsPage(
    [property: JsonPropertyName("MetricAlarms")] IReadOnlyList<RawMetricAlarm>? MetricAlarms = null,
    [property: JsonPropertyName("NextToken")] string? NextToken = null);

/// <summary><c>CollectAlarms</c>' input: one page and the compact entries collected from the pages before it.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CollectAlarmsInput(DescribeAlarmsPage? Page, IReadOnlyList<RawMetricAlarm>? Collected);

/// <summary>Every alarm collected so far (compact: only what reconcile compares), and the next page's token.</summary>
public sealed record CollectAlarmsOutput(IReadOnlyList<RawMetricAlarm> Alarms, string? NextToken, bool HasMore, int Count);

/// <summary>
/// One DescribeAlarms <c>MetricAlarms</c> entry reduced to what reconcile compares (PascalCase as CloudWatch spells
/// it; states, actions and timestamps are dropped).
/// </summary>
public sealed record RawMetricAlarm(
    [property: JsonPropertyName("AlarmName")] string? AlarmName = null,
    [property: JsonPropertyName("AlarmDescription"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AlarmDescription = null,
    [property: JsonPropertyName("ActionsEnabled"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? ActionsEnabled = null,
    [property: JsonPropertyName("Namespace"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Namespace = null,
    [property: JsonPropertyName("MetricName"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MetricName = null,
    [property: JsonPropertyName("Dimensions"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AlarmDimensionRequest>? Dimensions = null,
    [property: JsonPropertyName("Period"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Period = null,
    [property: JsonPropertyName("Statistic"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Statistic = null,
    [property: JsonPropertyName("ExtendedStatistic"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ExtendedStatistic = null,
    [property: JsonPropertyName("Metrics"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<RawAlarmQuery>? Metrics = null,
    [property: JsonPropertyName("ComparisonOperator"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ComparisonOperator = null,
    [property: JsonPropertyName("Threshold"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Threshold = null,
    [property: JsonPropertyName("ThresholdMetricId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ThresholdMetricId = null,
    [property: JsonPropertyName("EvaluationPeriods"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? EvaluationPeriods = null,
    [property: JsonPropertyName("DatapointsToAlarm"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DatapointsToAlarm = null,
    [property: JsonPropertyName("TreatMissingData"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TreatMissingData = null);

/// <summary>A metric-math query as DescribeAlarms reports it.</summary>
public sealed record RawAlarmQuery(
    [property: JsonPropertyName("Id")] string? Id = null,
    [property: JsonPropertyName("Expression"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Expression = null,
    [property: JsonPropertyName("MetricStat"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RawAlarmMetricStat? MetricStat = null,
    [property: JsonPropertyName("Label"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Label = null,
    [property: JsonPropertyName("ReturnData"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? ReturnData = null);

/// <summary><c>{"Metric", "Period", "Stat"}</c>.</summary>
public sealed record RawAlarmMetricStat(
    [property: JsonPropertyName("Metric")] RawAlarmMetric? Metric = null,
    [property: JsonPropertyName("Period")] int? Period = null,
    [property: JsonPropertyName("Stat")] string? Stat = null);

/// <summary><c>{"Namespace", "MetricName", "Dimensions"}</c>.</summary>
public sealed record RawAlarmMetric(
    [property: JsonPropertyName("Namespace")] string? Namespace = null,
    [property: JsonPropertyName("MetricName")] string? MetricName = null,
    [property: JsonPropertyName("Dimensions")] IReadOnlyList<AlarmDimensionRequest>? Dimensions = null);

/// <summary>Who owns the alarms (from the template: the prefix parameter and the stack name).</summary>
public sealed record AlarmOwnerInput(string AlarmNamePrefix, string ManagedBy);

/// <summary>One managed table: DescribeTable's <c>Table</c>, or the error that made it missing.</summary>
public sealed record DescribedTable(string TableName, RawTable? Table, string? Error);

/// <summary><c>PlanAlarmReconcile</c>'s input: one unit, one pass.</summary>
/// <param name="Run">PrepareAlarmReconcile's run settings.</param>
/// <param name="Owner">Prefix and stack.</param>
/// <param name="Region">The region (dashboards name it; replica regions other than it get replication alarms).</param>
/// <param name="Unit">The unit (one of PrepareAlarmReconcile's).</param>
/// <param name="Table">The unit's DescribeTable answer (its <c>table</c> null: missing); null for the account unit.</param>
/// <param name="Alarms">The alarms under the unit's prefix (CollectAlarms' entries).</param>
/// <param name="Carried">The unit's report after the passes before this one (null: the first pass).</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PlanAlarmReconcileInput(
    ReconcileRun Run,
    AlarmOwnerInput Owner,
    string Region,
    ReconcileUnitInput Unit,
    DescribedTable? Table,
    IReadOnlyList<RawMetricAlarm> Alarms,
    UnitReconcileReport? Carried = null);

/// <summary>GetDashboard's answer as the state machine keeps it (ResultSelector: name and body).</summary>
public sealed record GotDashboard(
    [property: JsonPropertyName("DashboardName")] string? DashboardName = null,
    [property: JsonPropertyName("DashboardBody")] string? DashboardBody = null);

/// <summary>One ListDashboards page (only <c>NextToken</c> is read; the entries were inspected one by one).</summary>
public sealed record ListDashboardsPage([property: JsonPropertyName("NextToken")] string? NextToken = null);

/// <summary>A dashboard under the prefix, compacted: its name and its marker's fields (null: no marker, not the suite's).</summary>
public sealed record FoundDashboard(string DashboardName, string? ManagedBy = null, string? Segment = null);

/// <summary>One inspected dashboard as the Map iteration returns it (CollectDashboards' <c>dashboards</c>).</summary>
public sealed record InspectedDashboards(IReadOnlyList<FoundDashboard>? Dashboards = null);

/// <summary>
/// <c>CollectDashboards</c>' input, used two ways: in the Map over a ListDashboards page with one GetDashboard answer
/// (<paramref name="Dashboard"/>: its body is read for the marker and dropped), and after the Map with the page (for
/// its NextToken), the Map's results and the entries of the pages before.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CollectDashboardsInput(
    GotDashboard? Dashboard = null,
    ListDashboardsPage? Page = null,
    IReadOnlyList<InspectedDashboards>? Inspected = null,
    IReadOnlyList<FoundDashboard>? Collected = null);

/// <summary>Every dashboard collected so far (compact), and the next page's token.</summary>
public sealed record CollectDashboardsOutput(IReadOnlyList<FoundDashboard> Dashboards, string? NextToken, bool HasMore, int Count);

/// <summary>DeleteDashboards' request.</summary>
public sealed record DeleteDashboardsRequest([property: JsonPropertyName("DashboardNames")] IReadOnlyList<string> DashboardNames);

/// <summary>DeleteAlarms' request (at most 100 names).</summary>
public sealed record DeleteAlarmsRequest([property: JsonPropertyName("AlarmNames")] IReadOnlyList<string> AlarmNames);

/// <summary>PutDashboard's request (the body as JSON text).</summary>
public sealed record PutDashboardRequest(
    [property: JsonPropertyName("DashboardName")] string DashboardName,
    [property: JsonPropertyName("DashboardBody")] string DashboardBody);

/// <summary>An update and the fields that drifted.</summary>
public sealed record AlarmUpdateReport(string AlarmName, IReadOnlyList<string> Drifted);

/// <summary>A desired alarm name held by an alarm that is not this stack's.</summary>
public sealed record AlarmConflictReport(string AlarmName, string Reason);

/// <summary>How many of each.</summary>
public sealed record AlarmReconcileCounts(int Created, int Updated, int Deleted, int Conflicts, int Unchanged, int KeptTuned, int Dashboards, int MissingTables,
    int DashboardsDeleted = 0);

/// <summary>What the run changed (or, dry-run, would change), over every unit.</summary>
/// <param name="Units">How many units (tables, and the account alarm) the run reconciled.</param>
/// <param name="NamesTruncated">Some name lists were cut to fit the state (the counts are whole; the plan steps' logs have every name).</param>
/// <param name="OrphansTruncated">More orphaned alarms than one run deletes: the next run deletes the rest.</param>
public sealed record AlarmReconcileReport(
    bool DryRun,
    IReadOnlyList<string> Segments,
    AlarmReconcileCounts Counts,
    IReadOnlyList<string> Created,
    IReadOnlyList<AlarmUpdateReport> Updated,
    IReadOnlyList<string> Deleted,
    IReadOnlyList<AlarmConflictReport> Conflicts,
    IReadOnlyList<string> KeptTuned,
    IReadOnlyList<string> Dashboards,
    IReadOnlyList<string> MissingTables,
    int RunbooksVersion,
    IReadOnlyList<string>? DeletedDashboards = null,
    int Units = 0,
    bool NamesTruncated = false,
    bool OrphansTruncated = false);

/// <summary>One unit's part of the report, over all its passes so far.</summary>
/// <param name="TableName">The unit's table (<c>*</c>: the account alarm).</param>
/// <param name="Passes">Plan passes so far (a unit whose writes exceed one pass's budget takes several).</param>
/// <param name="Counts">Exact counts (the name lists of a summary may be cut; these never are).</param>
/// <param name="Missing">The table could not be described: its alarms were left as they are.</param>
/// <param name="Truncated">The name lists were cut to fit the state (the counts are whole; the step's log has every name).</param>
public sealed record UnitReconcileReport(
    string TableName,
    int Passes,
    AlarmReconcileCounts Counts,
    IReadOnlyList<string> Created,
    IReadOnlyList<AlarmUpdateReport> Updated,
    IReadOnlyList<string> Deleted,
    IReadOnlyList<AlarmConflictReport> Conflicts,
    IReadOnlyList<string> KeptTuned,
    IReadOnlyList<string> Dashboards,
    bool Missing,
    bool Truncated = false);

/// <summary>
/// One pass of one unit: the writes, ready for the aws-sdk integrations (empty lists in a dry run), the unit's report so
/// far (carried to the next pass) and its summary (the unit's result once <paramref name="HasMore"/> is false).
/// </summary>
/// <param name="HasMore">More writes than one pass carries: the state machine writes these, lists again and plans the rest.</param>
public sealed record PlanAlarmReconcileOutput(
    bool DryRun,
    IReadOnlyList<PutMetricAlarmRequest> Puts,
    IReadOnlyList<DeleteAlarmsRequest> Deletes,
    IReadOnlyList<PutDashboardRequest> Dashboards,
    UnitReconcileReport Report,
    UnitReconcileReport Summary,
    bool HasMore);

/// <summary><c>FindOrphanAlarms</c>' input: one DescribeAlarms page over the whole prefix, the units, and the orphans found so far.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record FindOrphanAlarmsInput(
    DescribeAlarmsPage? Page,
    AlarmOwnerInput Owner,
    IReadOnlyList<ReconcileUnitInput> Units,
    IReadOnlyList<string>? Collected = null);

/// <summary>The suite's alarms no unit covers (names only), and the next page's token.</summary>
/// <param name="Truncated">More orphans than one run deletes: the rest are found by the next run.</param>
public sealed record FindOrphanAlarmsOutput(IReadOnlyList<string> Orphans, string? NextToken, bool HasMore, bool Truncated, int Count);

/// <summary><c>FinishAlarmReconcile</c>'s input: every unit's summary, the orphans, the dashboards under the prefix.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record FinishAlarmReconcileInput(
    ReconcileRun Run,
    AlarmOwnerInput Owner,
    IReadOnlyList<UnitReconcileReport> Units,
    FindOrphanAlarmsOutput? Orphans = null,
    IReadOnlyList<FoundDashboard>? Dashboards = null);

/// <summary>The run's last writes (orphaned alarms, removed segments' dashboards; none in a dry run) and the report.</summary>
public sealed record FinishAlarmReconcileOutput(
    bool DryRun,
    IReadOnlyList<DeleteAlarmsRequest> Deletes,
    IReadOnlyList<DeleteDashboardsRequest> DashboardDeletes,
    AlarmReconcileReport Report);
