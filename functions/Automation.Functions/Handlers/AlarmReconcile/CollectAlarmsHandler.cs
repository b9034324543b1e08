using Automation.Functions.Contracts.AlarmReconcile;

namespace Automation.Functions.Handlers.AlarmReconcile;

/// <summary>
/// <c>CollectAlarms</c>: adds one DescribeAlarms page to the entries collected so far, keeping only what reconcile
/// compares (the state stays small: no states, actions or timestamps). An alarm without a name is an input error.
/// </summary>
public sealed partial class CollectAlarmsHandler(StepServices services)
    : StepHandler<CollectAlarmsInput, CollectAlarmsOutput>(services)
{
    public const string StepName = "CollectAlarms";

    /// <summary>
    /// The most the collected entries may weigh (UTF-8 JSON): they travel in the state (256 KB) beside the described
    /// tables, and the plan step receives both. More fails <see cref="ErrorTypes.ExecutionStateTooLarge"/> (about 300
    /// alarms of the suite's size) before anything is written.
    /// </summary>
    public const int MaxCollectedBytes = 180_000;

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.None;

    protected override Task<CollectAlarmsOutput> RunAsync(CollectAlarmsInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        var alarms = new List<RawMetricAlarm>(input.Collected ?? []);
        var names = alarms.Select(a => a.AlarmName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<RawMetricAlarm> page = input.Page?.MetricAlarms ?? [];
        for (int i = 0; i < page.Count; i++)
        {
            RawMetricAlarm a = page[i] ?? throw InputError.Field($"page.MetricAlarms[{i}]", "is null");
            if (string.IsNullOrEmpty(a.AlarmName))
            {
                throw InputError.Field($"page.MetricAlarms[{i}].AlarmName", "is required");
            }

            if (names.Add(a.AlarmName))
            {
                alarms.Add(Compact(a));
            }
        }

        string? next = string.IsNullOrEmpty(input.Page?.NextToken) ? null : input.Page!.NextToken;
        var output = new CollectAlarmsOutput(alarms, next, next is not null, alarms.Count);
        int size = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(output, Contracts.StepJsonContext.Default.CollectAlarmsOutput).Length;
        if (size > MaxCollectedBytes)
        {
            throw new AutomationException(ErrorTypes.ExecutionStateTooLarge, string.Concat(
                FormattableString.Invariant($"The {alarms.Count:N0} alarms under the prefix weigh {size:N0} bytes compacted; the run carries them between states, which Step Functions "),
                FormattableString.Invariant($"limits to 262,144 bytes, and this step allows {MaxCollectedBytes:N0}. Nothing was written. Use a longer AlarmNamePrefix per group of "),
                "tables (one stack per group), or remove alarms under the prefix that are not the suite's."));
        }

        LogCollected(page.Count, alarms.Count, next is not null);
        return Task.FromResult(output);
    }

    /// <summary>The entry without what reconcile does not compare (already dropped by the contract) and with empty lists as null.</summary>
    public static RawMetricAlarm Compact(RawMetricAlarm a) => a with
    {
        Dimensions = a.Dimensions is { Count: > 0 } ? a.Dimensions : null,
        Metrics = a.Metrics is { Count: > 0 } ? a.Metrics : null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm reconcile: {Page} alarms on this page, {Total} collected, more pages {More}")]
    private partial void LogCollected(int page, int total, bool more);
}
