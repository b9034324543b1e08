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
    bool DryRun);
