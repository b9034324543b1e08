namespace Automation.LocalCloud.Routing;

/// <summary>
/// An error the router answers instead of moto for DynamoDB requests naming one table: throttling (moto never
/// throttles), or a refusal such as UpdateTable's LimitExceededException.
/// </summary>
/// <param name="Table">Table whose requests fail.</param>
/// <param name="Operations">DynamoDB actions affected (e.g. PutItem, UpdateTable); empty: every data-plane action.</param>
/// <param name="Times">How many matching requests fail before the table recovers; null: all of them.</param>
/// <param name="ErrorCode">The DynamoDB error code returned; by default ProvisionedThroughputExceededException.</param>
public sealed record FaultRule(
    string Table,
    IReadOnlyList<string> Operations,
    int? Times,
    string ErrorCode = FaultRule.ProvisionedThroughputExceeded)
{
    public const string ProvisionedThroughputExceeded = "ProvisionedThroughputExceededException";

    /// <summary>The message DynamoDB sends with the error (as close as known), marked as injected.</summary>
    public string Message => ErrorCode switch
    {
        ProvisionedThroughputExceeded => "The level of configured provisioned throughput for the table was exceeded. " +
                                         "Consider increasing your provisioning level with the UpdateTable API.",
        "LimitExceededException" => "Subscriber limit exceeded: Provisioned throughput decreases are limited within a given UTC day.",
        "ThrottlingException" => "Rate of requests exceeds the allowed throughput.",
        "ResourceInUseException" => $"Attempt to change a resource which is still in use: Table is being updated: {Table}",
        _ => $"{ErrorCode} for table {Table}.",
    } + " (injected by the local cloud)";
}
