namespace HostBench;

/// <summary>One measured start of one executable.</summary>
/// <param name="InitMs">Process start to the first <c>GET /runtime/invocation/next</c>.</param>
/// <param name="FirstInvocationMs">First <c>GET next</c> to the first posted response.</param>
/// <param name="WarmInvocationMs">The same for the second invocation (first-use costs paid).</param>
/// <param name="PeakRssMb">VmHWM after all invocations, in MiB.</param>
internal sealed record Sample(double InitMs, double FirstInvocationMs, double WarmInvocationMs, double PeakRssMb)
{
    /// <summary>Process start to the first posted response: what a cold invocation costs in all.</summary>
    public double TotalMs => InitMs + FirstInvocationMs;
}
