namespace Automation.LocalCloud.Routing;

/// <summary>
/// Throttling to inject on DynamoDB requests to one table (moto never throttles).
/// </summary>
/// <param name="Table">Table whose requests fail.</param>
/// <param name="Operations">DynamoDB actions affected (e.g. PutItem); empty: every data-plane action.</param>
/// <param name="Times">How many matching requests fail before the table recovers; null: all of them.</param>
/// <param name="ErrorCode">The error returned; by default ProvisionedThroughputExceededException.</param>
public sealed record ThrottleRule(
    string Table,
    IReadOnlyList<string> Operations,
    int? Times,
    string ErrorCode = ThrottleRule.ProvisionedThroughputExceeded)
{
    public const string ProvisionedThroughputExceeded = "ProvisionedThroughputExceededException";
}
