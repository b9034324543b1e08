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
        LogCollected(page.Count, alarms.Count, next is not null);
        return Task.FromResult(new CollectAlarmsOutput(alarms, next, next is not null, alarms.Count));
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
