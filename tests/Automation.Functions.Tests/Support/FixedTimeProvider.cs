namespace Automation.Functions.Tests.Support;

/// <summary>A clock stopped at one instant, for asserting timestamps.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
