namespace Automation.Core.Alarms;

/// <summary>What each <see cref="AlarmKind"/> watches and which runbook answers it.</summary>
public static class AlarmKinds
{
    /// <summary>Every kind, in declaration order.</summary>
    public static IReadOnlyList<AlarmKind> All { get; } = Enum.GetValues<AlarmKind>();

    /// <summary>
    /// The AWS/DynamoDB metric the kind is about (for metric-math kinds: the metric summed or divided, e.g.
    /// <c>ConsumedWriteCapacityUnits</c> for <see cref="AlarmKind.WriteCapacityUtilisation"/>).
    /// </summary>
    public static string MetricName(AlarmKind kind) => kind switch
    {
        AlarmKind.ReadCapacityUtilisation => "ConsumedReadCapacityUnits",
        AlarmKind.WriteCapacityUtilisation => "ConsumedWriteCapacityUnits",
        AlarmKind.Latency => "SuccessfulRequestLatency",
        AlarmKind.ConditionalCheckFailures => "ConditionalCheckFailedRequests",
        _ => kind.ToString(),
    };

    /// <summary>Throttle and capacity kinds go to the throttling response; the others to triage.</summary>
    public static string Runbook(AlarmKind kind) =>
        IsThrottlingOrCapacity(kind) ? AlarmRunbooks.ThrottlingResponse : AlarmRunbooks.AlarmTriage;

    /// <summary>Whether the kind is a throttle count or a capacity-utilisation alarm.</summary>
    public static bool IsThrottlingOrCapacity(AlarmKind kind) => kind switch
    {
        AlarmKind.SystemErrors or AlarmKind.UserErrors or AlarmKind.Latency
            or AlarmKind.ConditionalCheckFailures or AlarmKind.ReplicationLatency => false,
        _ => true,
    };
}
