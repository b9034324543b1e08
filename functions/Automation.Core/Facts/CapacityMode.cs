namespace Automation.Core.Facts;

/// <summary>A table's billing mode, as DescribeTable reports it in <c>BillingModeSummary.BillingMode</c>.</summary>
public enum CapacityMode
{
    /// <summary><c>PROVISIONED</c>: fixed read/write capacity units per second.</summary>
    Provisioned,

    /// <summary><c>PAY_PER_REQUEST</c> (on-demand): request units billed per request.</summary>
    PayPerRequest,
}
