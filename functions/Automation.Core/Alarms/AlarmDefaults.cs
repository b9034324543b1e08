namespace Automation.Core.Alarms;

/// <summary>
/// The built-in alarm settings (what <c>defaults.yaml</c> and the segment files start from), from DynamoDB practice:
/// any throttle or system error alarms at once; capacity above 80 % of provisioned for five minutes; p99 latency
/// above 50 ms for three minutes; replication behind by more than 5 s; conditional-check failures above 100 a
/// minute for five minutes (contention); UserErrors above a 2-standard-deviation anomaly band.
/// </summary>
public static class AlarmDefaults
{
    /// <summary>CloudWatch's metric-math limit keeps the operations summed per alarm at most this many.</summary>
    public const int MaxLatencyOperations = 9;

    /// <summary>The DynamoDB operations a latency alarm (and the per-operation sums) may name.</summary>
    public static IReadOnlyList<string> Operations { get; } =
    [
        "GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem", "BatchWriteItem",
        "TransactGetItems", "TransactWriteItems", "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction",
    ];

    /// <summary>The section key of a kind: camelCase of its name (<c>readThrottleEvents</c>).</summary>
    public static string Key(AlarmKind kind)
    {
        string name = kind.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>The built-in settings of one kind.</summary>
    public static AlarmKindSettings For(AlarmKind kind) => kind switch
    {
        AlarmKind.ReadCapacityUtilisation or AlarmKind.WriteCapacityUtilisation => new(true, 80, 5, 5, false, 50, 100),
        AlarmKind.Latency => new(true, 50, 3, 3, false, 10, 1000),
        AlarmKind.ConditionalCheckFailures => new(true, 100, 5, 5, false, 1, 100_000),
        AlarmKind.ReplicationLatency => new(true, 5000, 3, 3, false, 1000, 600_000),
        AlarmKind.UserErrors => new(true, 2, 3, 3, false, 1, 10),
        _ => new(true, 0, 1, 1, false, 0, 1000),
    };

    /// <summary>The built-in tuning settings.</summary>
    public static TuningSettings Tuning { get; } = new(true, 25, 1, 3, 14, 5, false);

    /// <summary>Every built-in setting.</summary>
    public static AlarmSettings Settings { get; } = new(
        true,
        60,
        AlarmKinds.All.ToDictionary(k => k, For),
        ["GetItem", "Query", "PutItem"],
        Tuning);
}
