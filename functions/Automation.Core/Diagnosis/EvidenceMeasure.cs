namespace Automation.Core.Diagnosis;

/// <summary>What an <see cref="Evidence"/> value measures.</summary>
public enum EvidenceMeasure
{
    /// <summary>Sum over the facts window (events, requests).</summary>
    WindowTotal,

    /// <summary>The busiest period as a per-second rate (capacity units per second).</summary>
    PeakPerSecond,

    /// <summary>The provisioned capacity units per second from DescribeTable.</summary>
    Provisioned,

    /// <summary>The on-demand maximum request units per second from DescribeTable.</summary>
    OnDemandMaximum,
}
