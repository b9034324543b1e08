using Automation.Core.Tuning;
using Automation.Functions.Aws;
using Automation.Functions.Contracts.ThresholdTuning;
using Automation.Functions.Handlers.AlarmReconcile;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.ThresholdTuning;

/// <summary>
/// <c>PrepareThresholdTuning</c>: checks the execution's input (one of <c>{segments?, alarmNames?, dryRun?}</c>,
/// <c>{incidentId}</c>, <c>{revert: {changeId, reason}}</c>; errors name the field) and resolves it: an incident run
/// tunes the incident's alarm (nothing when the incident was not alarm-triggered, was a dry run, or is not closed), a
/// revert run loads the change it reverts. Reads the incident and change tables; writes nothing.
/// </summary>
public sealed partial class PrepareThresholdTuningHandler(
    StepServices services, RunbookCatalogProvider runbooks, IncidentStoreProvider incidents, ThresholdChangeStoreProvider changes)
    : StepHandler<PrepareThresholdTuningInput, PrepareThresholdTuningOutput>(services)
{
    public const string StepName = "PrepareThresholdTuning";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => [ErrorTypes.TransientDependencyError, ErrorTypes.DeadlineExceeded];

    protected override async Task<PrepareThresholdTuningOutput> RunAsync(PrepareThresholdTuningInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        ThresholdTuningRequest request = input.Request ?? new ThresholdTuningRequest();
        string execution = string.IsNullOrWhiteSpace(input.ExecutionName) ? context.RequestId : input.ExecutionName;
        bool tuneFields = request.Segments is not null || request.AlarmNames is not null;
        PrepareThresholdTuningOutput output;
        if (request.Revert is { } revert)
        {
            if (tuneFields || request.IncidentId is not null || request.DryRun is not null)
            {
                throw InputError.Field("request.revert", "stands alone: a revert takes no segments, alarmNames, incidentId or dryRun");
            }

            string changeId = string.IsNullOrWhiteSpace(revert.ChangeId) ? throw InputError.Field("request.revert.changeId", "is required (the id in a tuning report or the change table)") : revert.ChangeId.Trim();
            string reason = string.IsNullOrWhiteSpace(revert.Reason) ? throw InputError.Field("request.revert.reason", "is required (why the change is reverted; it goes on the record)") : revert.Reason.Trim();
            ThresholdChange change = await changes.Store.GetAsync(changeId, cancellationToken).ConfigureAwait(false)
                ?? throw InputError.Field("request.revert.changeId", $"'{changeId}' is not a recorded threshold change");
            if (change.DryRun)
            {
                throw InputError.Field("request.revert.changeId", $"'{changeId}' is a dry-run proposal: the alarm never changed");
            }

            output = new(ThresholdTuningMode.Revert, false, null, [change.AlarmName], "revert:" + execution, change, reason, null);
        }
        else if (request.IncidentId is not null)
        {
            if (tuneFields)
            {
                throw InputError.Field("request.incidentId", "stands alone: an incident run tunes the incident's alarm (no segments or alarmNames)");
            }

            string id = string.IsNullOrWhiteSpace(request.IncidentId) ? throw InputError.Field("request.incidentId", "is empty") : request.IncidentId.Trim();
            Incident incident = await incidents.Store.GetAsync(id, cancellationToken).ConfigureAwait(false)
                ?? throw InputError.Field("request.incidentId", $"'{id}' is not an incident");
            string? note = incident.Trigger.AlarmName is null ? $"Incident {id} was not opened by an alarm: nothing to tune."
                : incident.Trigger.DryRun ? $"Incident {id} was a dry run: nothing to tune."
                : !incident.IsFinal ? $"Incident {id} is {incident.Status}, not closed: nothing to tune yet."
                : null;
            output = new(ThresholdTuningMode.Incident, request.DryRun ?? false, null, note is null ? [incident.Trigger.AlarmName!] : [], "incident:" + id, null, null, note);
        }
        else
        {
            IReadOnlyList<string>? segments = request.Segments is null ? null : PrepareAlarmReconcileHandler.Validate(runbooks.Catalog, request.Segments);
            IReadOnlyList<string>? alarms = ValidateAlarmNames(request.AlarmNames);
            output = new(ThresholdTuningMode.Tune, request.DryRun ?? false, segments, alarms, "tune:" + execution, null, null, null);
        }

        LogPrepared(output.Mode, output.DryRun, output.AlarmNames?.Count ?? -1, output.Note);
        return output;
    }

    private static IReadOnlyList<string>? ValidateAlarmNames(IReadOnlyList<string>? names)
    {
        if (names is null)
        {
            return null;
        }

        if (names.Count == 0)
        {
            throw InputError.Field("request.alarmNames", "must name at least one alarm (leave it out to tune every suite alarm)");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i]))
            {
                throw InputError.Field($"request.alarmNames[{i}]", "is empty");
            }

            if (!seen.Add(names[i]))
            {
                throw InputError.Field($"request.alarmNames[{i}]", $"names '{names[i]}' twice");
            }
        }

        return names;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Threshold tuning: mode {Mode}, dryRun {DryRun}, {Alarms} alarm names (-1: every alarm); {Note}")]
    private partial void LogPrepared(ThresholdTuningMode mode, bool dryRun, int alarms, string? note);
}
