namespace Automation.Core.Diagnosis;

/// <summary>
/// Window totals of the throttle metrics of one resource (the table, or one GSI), its peak consumption
/// and its provisioned capacity: the numbers the classification compares.
/// </summary>
public sealed record ResourceThrottleSignals(
    string? IndexName,
    bool IsProvisioned,
    bool HasReasonMetrics,
    bool HasLegacyMetrics,
    bool HasThrottledRequestsMetric,
    double ReadProvisioned,
    double WriteProvisioned,
    double ReadKeyRange,
    double WriteKeyRange,
    double ReadMaxOnDemand,
    double WriteMaxOnDemand,
    double ReadAccountLimit,
    double WriteAccountLimit,
    double ReadLegacy,
    double WriteLegacy,
    double ThrottledRequests,
    double PeakConsumedReadPerSecond,
    double PeakConsumedWritePerSecond,
    long ProvisionedRead,
    long ProvisionedWrite)
{
    /// <summary>Whether any throttle metric was fetched for this resource.</summary>
    public bool HasThrottleMetrics => HasReasonMetrics || HasLegacyMetrics || HasThrottledRequestsMetric;

    /// <summary>Any throttling at all in the window, by any metric.</summary>
    public double AnyThrottling =>
        ReadProvisioned + WriteProvisioned + ReadKeyRange + WriteKeyRange + ReadMaxOnDemand + WriteMaxOnDemand
        + ReadAccountLimit + WriteAccountLimit + ReadLegacy + WriteLegacy + ThrottledRequests;

    /// <summary>Peak consumed RCU/s over provisioned RCU/s (0 when not provisioned).</summary>
    public double ReadUtilisation => IsProvisioned && ProvisionedRead > 0 ? PeakConsumedReadPerSecond / ProvisionedRead : 0;

    /// <summary>Peak consumed WCU/s over provisioned WCU/s (0 when not provisioned).</summary>
    public double WriteUtilisation => IsProvisioned && ProvisionedWrite > 0 ? PeakConsumedWritePerSecond / ProvisionedWrite : 0;
}
