namespace Automation.Core.Facts;

/// <summary>
/// <c>OnDemandThroughput</c>: the maximum request units per second an on-demand table or GSI may serve.
/// Same convention as the DynamoDB API: <see cref="NoMaximum"/> (-1) means "no maximum".
/// </summary>
/// <param name="MaxReadRequestUnits">Read request units per second, or -1.</param>
/// <param name="MaxWriteRequestUnits">Write request units per second, or -1.</param>
public sealed record OnDemandThroughput(long MaxReadRequestUnits, long MaxWriteRequestUnits)
{
    /// <summary>The API's value for "no maximum".</summary>
    public const long NoMaximum = -1;

    /// <summary>No maximum in either direction.</summary>
    public static OnDemandThroughput Unbounded { get; } = new(NoMaximum, NoMaximum);
}
