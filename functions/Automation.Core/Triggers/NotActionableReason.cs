namespace Automation.Core.Triggers;

/// <summary>
/// Why a well-formed event is deliberately not acted on. These are documented outcomes, not
/// errors: the execution succeeds and its output says which one applied.
/// </summary>
public enum NotActionableReason
{
    /// <summary>The alarm's new state is OK or INSUFFICIENT_DATA (e.g. an ALARM→OK transition).</summary>
    AlarmNotInAlarmState,

    /// <summary>A composite alarm: it names other alarms, not a table.</summary>
    CompositeAlarm,

    /// <summary>A metric-math alarm (an expression or several metrics): the table cannot be read off it without guessing.</summary>
    MetricMathAlarm,

    /// <summary>The alarm's metric is not in the AWS/DynamoDB namespace.</summary>
    NotDynamoDbMetric,

    /// <summary>A DynamoDB metric without a TableName dimension (account-level metrics).</summary>
    NoTableDimension,

    /// <summary>
    /// A table metric that neither the throttling response nor the triage answers (e.g. <c>ReturnedItemCount</c>);
    /// latency, system errors, conditional-check failures and replication latency go to triage.
    /// </summary>
    NotAThrottlingMetric,

    /// <summary><c>UserErrors</c>: AWS publishes it per account and region, without a table, so no table can be examined.</summary>
    AccountLevelUserErrors,

    /// <summary>A suite alarm whose marker names a runbook this suite does not have (<see cref="Alarms.AlarmRunbooks"/>).</summary>
    UnknownRunbook,
}
