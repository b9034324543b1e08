namespace Automation.Tests.Fakes;

/// <summary>A clock stopped at one instant, for asserting timestamps. Creates real timers (it is never advanced).</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
