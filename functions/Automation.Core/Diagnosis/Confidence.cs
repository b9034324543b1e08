namespace Automation.Core.Diagnosis;

/// <summary>
/// How sure the diagnosis is. A level rather than a number so it can be explained in one line:
/// <list type="bullet">
/// <item><see cref="High"/>: a reason-specific metric names the cause, it accounts for ≥ 80% of the
/// reasoned throttle events, and another signal agrees (utilisation, top keys, base-table throttles).</item>
/// <item><see cref="Medium"/>: the cause accounts for ≥ 50% of the events, or ≥ 80% without a second signal.</item>
/// <item><see cref="Low"/>: the cause is the largest of several, or was inferred without reason-specific metrics.</item>
/// </list>
/// </summary>
public enum Confidence
{
    Low,
    Medium,
    High,
}
