using Automation.Core.Tuning;
using Automation.Functions.Aws;
using Automation.Functions.Contracts.ThresholdTuning;

namespace Automation.Functions.Handlers.ThresholdTuning;

/// <summary>
/// <c>RecordThresholdChange</c>: writes the change (or revert) after PutMetricAlarm succeeded, conditional on its
/// deterministic id: a retried step or re-run of the same decision writes once. Dry-run proposals never reach it.
/// </summary>
public sealed partial class RecordThresholdChangeHandler(StepServices services, ThresholdChangeStoreProvider changes)
    : StepHandler<RecordThresholdChangeInput, RecordThresholdChangeOutput>(services)
{
    public const string StepName = "RecordThresholdChange";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.ConditionalItemWrites;

    protected override async Task<RecordThresholdChangeOutput> RunAsync(RecordThresholdChangeInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        ThresholdChange change = input.Change ?? throw InputError.Field("change", "is required (TuneAlarm's change)");
        if (string.IsNullOrWhiteSpace(change.ChangeId))
        {
            throw InputError.Field("change.changeId", "is required");
        }

        if (change.DryRun)
        {
            throw InputError.Field("change.dryRun", "is true: dry-run proposals are reported, never recorded as changes");
        }

        bool recorded = await changes.Store.AppendAsync(change, cancellationToken).ConfigureAwait(false);
        LogRecorded(change.ChangeId, change.AlarmName, change.OldThreshold, change.NewThreshold, recorded);
        return new RecordThresholdChangeOutput(change.ChangeId, recorded);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Threshold change {ChangeId} of {AlarmName} ({Old} → {New}) recorded now {Recorded}")]
    private partial void LogRecorded(string changeId, string alarmName, double old, double @new, bool recorded);
}
