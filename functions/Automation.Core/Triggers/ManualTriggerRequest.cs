using System.Text.Json.Serialization;

namespace Automation.Core.Triggers;

/// <summary>
/// What an operator types into "Start execution" in the Step Functions console:
/// <c>{"tableName": "Orders", "indexName": null, "reason": "...", "dryRun": true}</c>.
/// Unknown properties are refused (a typo such as <c>"dryrun"</c> must not be ignored silently).
/// </summary>
/// <param name="TableName">The table to examine. Required.</param>
/// <param name="IndexName">A global secondary index of the table, or null for the table itself.</param>
/// <param name="Reason">Why the run was started; recorded in the incident. Required.</param>
/// <param name="DryRun">Plan and record only. Defaults to true: acting needs an explicit <c>false</c>.</param>
/// <param name="RequestId">Optional caller-chosen id. Two requests with the same id are one incident.</param>
/// <param name="RequestedBy">Optional: who asked (recorded in the incident).</param>
/// <param name="Runbook">Optional: <c>throttling-response</c> (default) or <c>alarm-triage</c> (start a triage from the console).</param>
/// <param name="Kind">Optional: the alarm kind to triage for (an <c>AlarmKind</c> name, e.g. <c>Latency</c>).</param>
/// <param name="Operation">Optional: the DynamoDB operation concerned (e.g. <c>GetItem</c>).</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ManualTriggerRequest(
    string? TableName = null,
    string? IndexName = null,
    string? Reason = null,
    bool? DryRun = null,
    string? RequestId = null,
    string? RequestedBy = null,
    string? Runbook = null,
    Alarms.AlarmKind? Kind = null,
    string? Operation = null);
