namespace Automation.Functions.Host;

/// <summary>
/// Turns an invocation's deadline into a cancellation that fires a safety margin before it, so a
/// step that honours its token stops, and the host reports <c>DeadlineExceeded</c>, while Lambda
/// still accepts the answer (at the deadline itself the sandbox is frozen and the call is lost).
/// </summary>
public static class DeadlineCancellation
{
    /// <summary>The margin for ordinary budgets.</summary>
    public static readonly TimeSpan MaxSafetyMargin = TimeSpan.FromMilliseconds(500);

    /// <summary>500 ms, or a fifth of the time left when that is shorter (a 1 s budget keeps 800 ms of work).</summary>
    public static TimeSpan SafetyMargin(TimeSpan remaining) =>
        remaining <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(MaxSafetyMargin.Ticks, remaining.Ticks / 5));

    /// <summary>A source that cancels at <c>deadline - SafetyMargin</c> on <paramref name="time"/>'s clock
    /// (already cancelled if that moment has passed; never, for an unknown deadline).</summary>
    public static CancellationTokenSource Create(DateTimeOffset deadline, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (deadline == DateTimeOffset.MaxValue)
        {
            return new CancellationTokenSource();
        }
        var remaining = deadline - time.GetUtcNow();
        var delay = remaining - SafetyMargin(remaining);
        if (delay <= TimeSpan.Zero)
        {
            var expired = new CancellationTokenSource();
            expired.Cancel();
            return expired;
        }
        return new CancellationTokenSource(delay, time);
    }
}
