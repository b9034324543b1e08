namespace Automation.Functions.Tests.Incidents;

/// <summary>A clock the test sets: incident times are then exact and assertions need no tolerance.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
