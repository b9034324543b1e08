namespace Automation.Core.Diagnosis;

/// <summary>Tunable thresholds of the diagnosis. <see cref="Default"/> is what the workflow uses.</summary>
/// <param name="HotKeyShare">A Contributor Insights key with at least this share of its report counts as hot (0..1).</param>
/// <param name="NearCapacityRatio">Peak consumed / provisioned at or above this means "at capacity" (minute sums hide bursts, hence below 1).</param>
/// <param name="HighConfidenceShare">Share of reasoned throttle events the cause needs for High confidence.</param>
/// <param name="MediumConfidenceShare">Share of reasoned throttle events the cause needs for Medium confidence.</param>
/// <param name="MaxHotKeys">At most this many hot keys are reported.</param>
public sealed record DiagnosisThresholds(
    double HotKeyShare,
    double NearCapacityRatio,
    double HighConfidenceShare,
    double MediumConfidenceShare,
    int MaxHotKeys)
{
    public static DiagnosisThresholds Default { get; } = new(
        HotKeyShare: 0.25,
        NearCapacityRatio: 0.8,
        HighConfidenceShare: 0.8,
        MediumConfidenceShare: 0.5,
        MaxHotKeys: 5);
}
