namespace Automation.Core.Triggers;

/// <summary>
/// The AWS/DynamoDB table metrics whose single-metric alarms go to the alarm triage (is it DynamoDB or another layer?)
/// rather than the throttling response. <c>UserErrors</c> is not among them: AWS publishes it without a table.
/// </summary>
public static class TriageMetrics
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "SuccessfulRequestLatency",
        "SystemErrors",
        "ConditionalCheckFailedRequests",
        "ReplicationLatency",
    };
}
