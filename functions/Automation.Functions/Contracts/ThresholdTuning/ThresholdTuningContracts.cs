using Automation.Core.Tuning;
using Automation.Functions.Contracts.AlarmReconcile;
using Automation.Functions.Mapping;

namespace Automation.Functions.Contracts.ThresholdTuning;

/// <summary>
/// The execution's input, one of: <c>{}</c> or <c>{"segments"?, "alarmNames"?, "dryRun"?}</c> (tune the suite's
/// alarms); <c>{"incidentId"}</c> (started after an incident closed: tune that incident's alarm);
/// <c>{"revert": {"changeId", "reason"}}</c> (put the change's old threshold back and record the revert).
/// Unknown fields are refused.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ThresholdTuningRequest(
    IReadOnlyList<string>? Segments = null,
    IReadOnlyList<string>? AlarmNames = null,
    bool? DryRun = null,
    string? IncidentId = null,
    ThresholdRevertRequest? Revert = null);

/// <summary><c>{"changeId", "reason"}</c>: both required.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ThresholdRevertRequest(string? ChangeId = null, string? Reason = null);

/// <summary>What started a run: <c>tune</c>, <c>incident</c> or <c>revert</c>.</summary>
public enum ThresholdTuningMode
{
    Tune,
    Incident,
    Revert,
}

/// <summary><c>PrepareThresholdTuning</c>'s input: the execution's input and its name (the record's "started by").</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PrepareThresholdTuningInput(ThresholdTuningRequest? Request, string? ExecutionName = null);

/// <summary>The validated request.</summary>
/// <param name="Mode">Tune, incident or revert.</param>
/// <param name="DryRun">True: decide and report, change no alarm, record nothing.</param>
/// <param name="Segments">Segment filter, or null for every segment.</param>
/// <param name="AlarmNames">Alarm filter, or null for every suite alarm (incident and revert runs: the one alarm; empty: nothing to tune).</param>
/// <param name="StartedBy">What started the run (<c>schedule/console:&lt;execution&gt;</c>, <c>incident:&lt;id&gt;</c>, <c>revert:&lt;execution&gt;</c>).</param>
/// <param name="Revert">The change to revert (revert runs), else null.</param>
/// <param name="RevertReason">Why (revert runs), else null.</param>
/// <param name="Note">Why nothing will be tuned (e.g. the incident had no alarm), else null.</param>
public sealed record PrepareThresholdTuningOutput(
    ThresholdTuningMode Mode,
    bool DryRun,
    IReadOnlyList<string>? Segments,
    IReadOnlyList<string>? AlarmNames,
    string StartedBy,
    ThresholdChange? Revert,
    string? RevertReason,
    string? Note);

/// <summary><c>SelectTuningAlarms</c>' input.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SelectTuningAlarmsInput(PrepareThresholdTuningOutput? Prepared, AlarmOwnerInput? Owner, IReadOnlyList<RawMetricAlarm>? Alarms);

/// <summary>The alarms to tune (one Map iteration each) and those left out with why.</summary>
public sealed record SelectTuningAlarmsOutput(IReadOnlyList<TuningItem> Items, IReadOnlyList<TuningSkip> Skipped, int Count);

/// <summary>An alarm left out of the run.</summary>
public sealed record TuningSkip(string AlarmName, string Reason);

/// <summary>One alarm to tune.</summary>
/// <param name="AlarmName">The alarm.</param>
/// <param name="Segment">Its segment (from the marker).</param>
/// <param name="Kind">Its kind.</param>
/// <param name="TableName">Its table.</param>
/// <param name="IndexName">Its GSI, or null.</param>
/// <param name="Qualifier">Operation (latency) or receiving region (replication latency), else null.</param>
/// <param name="Threshold">Its threshold now.</param>
/// <param name="EvaluationPeriods">Its evaluation periods now.</param>
/// <param name="AlarmPeriodSeconds">The alarm's own period (the threshold's unit is per this period).</param>
/// <param name="Baseline">The GetMetricData request for the baseline (coarse period), or null when none is read (revert).</param>
public sealed record TuningItem(
    string AlarmName,
    string Segment,
    Core.Alarms.AlarmKind Kind,
    string TableName,
    string? IndexName,
    string? Qualifier,
    double Threshold,
    int EvaluationPeriods,
    int AlarmPeriodSeconds,
    BaselineQuery? Baseline);

/// <summary>GetMetricData's request for the baseline: passed as is by the state machine.</summary>
/// <param name="MetricDataQueries">The alarm's metric (or metric math) at <paramref name="PeriodSeconds"/>.</param>
/// <param name="StartTime">Window start (ISO-8601).</param>
/// <param name="EndTime">Window end (ISO-8601).</param>
/// <param name="PeriodSeconds">The coarse period (≥ the alarm's; at most <c>1440</c> datapoints per window).</param>
/// <param name="ResultId">The query whose values are the baseline.</param>
public sealed record BaselineQuery(
    IReadOnlyList<AlarmMetricDataQueryRequest> MetricDataQueries,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    int PeriodSeconds,
    string ResultId);

/// <summary><c>TuneAlarm</c>'s input: the prepared request, the owner, the item, and GetMetricData's results (or null).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TuneAlarmInput(
    PrepareThresholdTuningOutput? Prepared,
    AlarmOwnerInput? Owner,
    TuningItem? Item,
    IReadOnlyList<RawMetricDataResult>? Baseline);

/// <summary>
/// The decision for one alarm: the PutMetricAlarm request and the change to record when the alarm changes (both null
/// on Keep and in a dry run), and the per-alarm report.
/// </summary>
public sealed record TuneAlarmOutput(PutMetricAlarmRequest? Put, ThresholdChange? Change, TuningAlarmReport Report);

/// <summary>What happened to one alarm, and why.</summary>
/// <param name="AlarmName">The alarm.</param>
/// <param name="Segment">Its segment.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Action">Keep, Raise, Lower, or Revert.</param>
/// <param name="Applied">True when the alarm is (being) changed; false on Keep and in a dry run.</param>
/// <param name="DryRun">The run's dry-run flag (request or segment setting).</param>
/// <param name="OldThreshold">Threshold before.</param>
/// <param name="NewThreshold">Threshold after (or proposed).</param>
/// <param name="OldEvaluationPeriods">Evaluation periods before.</param>
/// <param name="NewEvaluationPeriods">Evaluation periods after (or proposed).</param>
/// <param name="Reason">The tuner's sentence with the numbers.</param>
/// <param name="ChangeId">The change's id (also in a dry run: what it would be), else null.</param>
/// <param name="IncidentIds">The incidents it learned from.</param>
/// <param name="Classified">Incidents of the window classified FalseAlarm, Late or Mitigated.</param>
/// <param name="FalseAlarms">Of those, false alarms.</param>
/// <param name="MitigatedTimesToMitigateMs">Times to mitigate of the window's mitigated incidents.</param>
public sealed record TuningAlarmReport(
    string AlarmName,
    string Segment,
    Core.Alarms.AlarmKind Kind,
    string Action,
    bool Applied,
    bool DryRun,
    double OldThreshold,
    double NewThreshold,
    int OldEvaluationPeriods,
    int NewEvaluationPeriods,
    string Reason,
    string? ChangeId,
    IReadOnlyList<string> IncidentIds,
    int Classified,
    int FalseAlarms,
    IReadOnlyList<long> MitigatedTimesToMitigateMs);

/// <summary><c>RecordThresholdChange</c>'s input: the change, after PutMetricAlarm succeeded.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RecordThresholdChangeInput(ThresholdChange? Change);

/// <summary>Whether the change was written now (false: a retry found it there).</summary>
public sealed record RecordThresholdChangeOutput(string ChangeId, bool Recorded);

/// <summary><c>ReportThresholdTuning</c>'s input.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ReportThresholdTuningInput(PrepareThresholdTuningOutput? Prepared, IReadOnlyList<TuningAlarmReport>? Results, IReadOnlyList<TuningSkip>? Skipped);

/// <summary>The execution's output: what changed and why, per alarm.</summary>
public sealed record ThresholdTuningReport(
    ThresholdTuningMode Mode,
    bool DryRun,
    string StartedBy,
    int Changed,
    int Proposed,
    int Kept,
    IReadOnlyList<TuningAlarmReport> Alarms,
    IReadOnlyList<TuningSkip> Skipped,
    string? Note);
