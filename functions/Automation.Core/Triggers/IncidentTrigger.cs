using Automation.Core.Alarms;

namespace Automation.Core.Triggers;

/// <summary>Where a workflow run came from.</summary>
public enum TriggerSource
{
    /// <summary>A CloudWatch alarm state change delivered by EventBridge.</summary>
    Alarm,

    /// <summary>An operator's request from the console, CLI or another workflow.</summary>
    Manual,
}

/// <summary>
/// The one shape every later step reads, whatever started the run.
/// </summary>
/// <param name="Source">Alarm or Manual.</param>
/// <param name="TableName">The DynamoDB table concerned.</param>
/// <param name="IndexName">The global secondary index concerned, or null for the base table.</param>
/// <param name="MetricName">The alarm's metric (e.g. <c>ThrottledRequests</c>); null for manual requests.</param>
/// <param name="AlarmName">The alarm's name; null for manual requests.</param>
/// <param name="AlarmArn">The alarm's ARN; null for manual requests.</param>
/// <param name="Region">The alarm's region, when known.</param>
/// <param name="AccountId">The alarm's account, when known.</param>
/// <param name="StateTimestamp">When the alarm entered ALARM; null for manual requests.</param>
/// <param name="Reason">The alarm's state reason, or the operator's reason.</param>
/// <param name="RequestedBy">Who asked, for manual requests.</param>
/// <param name="IdempotencyKey">Same value for every delivery of the same event: the incident key.</param>
/// <param name="DryRun">Plan and record only; never change a table.</param>
public sealed record IncidentTrigger(
    TriggerSource Source,
    string TableName,
    string? IndexName,
    string? MetricName,
    string? AlarmName,
    string? AlarmArn,
    string? Region,
    string? AccountId,
    DateTimeOffset? StateTimestamp,
    string Reason,
    string? RequestedBy,
    string IdempotencyKey,
    bool DryRun)
{
    /// <summary>
    /// The workflow that answers the trigger (<see cref="AlarmRunbooks"/>): the marker's runbook for the suite's own
    /// alarms, <see cref="AlarmRunbooks.AlarmTriage"/> for latency, error, contention and replication metrics, else
    /// <see cref="AlarmRunbooks.ThrottlingResponse"/> (also for manual requests). JSON without it (an older step's
    /// output) reads as the throttling response: the source-generated reader would otherwise leave it null.
    /// </summary>
    public string Runbook
    {
        get;
        init => field = value ?? AlarmRunbooks.ThrottlingResponse;
    }

        = AlarmRunbooks.ThrottlingResponse;

    /// <summary>What the alarm watches, when known (from the marker, or from the metric name); null for manual requests.</summary>
    public AlarmKind? Kind { get; init; }

    /// <summary>The DynamoDB operation the alarm watches (marker or <c>Operation</c> dimension), else null.</summary>
    public string? Operation { get; init; }

    /// <summary>The replica region (<c>ReceivingRegion</c> dimension or the marker's region) of replication-latency alarms, else null.</summary>
    public string? ReceivingRegion { get; init; }
}
