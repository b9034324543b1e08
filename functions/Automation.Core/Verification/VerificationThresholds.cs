namespace Automation.Core.Verification;

/// <summary>
/// The mitigation rule: mitigated when the throttle rate after the change is at most <see cref="NoiseFloorPerMinute"/>,
/// or when it is at most <see cref="RelativeLimit"/> × the rate before AND at most <see cref="AbsoluteCeilingPerMinute"/>
/// (a 90 % drop from 50,000 events a minute still leaves an incident).
/// </summary>
/// <param name="RelativeLimit">After / before at or below this counts as a drop (0..1).</param>
/// <param name="AbsoluteCeilingPerMinute">Above this many events a minute it is never mitigated.</param>
/// <param name="NoiseFloorPerMinute">At or below this many events a minute it is always mitigated (retries absorb it).</param>
public sealed record VerificationThresholds(double RelativeLimit, double AbsoluteCeilingPerMinute, double NoiseFloorPerMinute)
{
    public static VerificationThresholds Default { get; } = new(RelativeLimit: 0.1, AbsoluteCeilingPerMinute: 60, NoiseFloorPerMinute: 1);
}
