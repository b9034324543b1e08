namespace Automation.LocalCloud.Routing;

/// <summary>
/// DynamoDB applies UpdateTable asynchronously; moto applies it at once. For a table with this rule, the
/// <paramref name="DescribeCalls"/> DescribeTable answers after each successful UpdateTable show the change
/// still in progress: the table in <paramref name="TableStatus"/> and every index the update named UPDATING.
/// </summary>
/// <param name="Table">The table whose updates are slowed down.</param>
/// <param name="DescribeCalls">How many DescribeTable answers show the update in progress.</param>
/// <param name="TableStatus">The table's status meanwhile: UPDATING, or ACTIVE for an index-only change
/// that a poller checking TableStatus alone would wrongly take as finished.</param>
public sealed record PendingUpdateRule(string Table, int DescribeCalls, string TableStatus = "UPDATING");
