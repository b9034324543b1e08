using Automation.Functions.Host;

namespace Automation.Functions.Tests.Host;

/// <summary><see cref="HostClock"/>: AUTOMATION_CLOCK is honoured only under SAM CLI, and only as an instant.</summary>
public sealed class HostClockTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void UnsetOrEmptyIsTheSystemClockWhereverItRuns(string? value)
    {
        Assert.Same(TimeProvider.System, HostClock.Resolve(Env((HostClock.ClockVariable, value))));
        Assert.Same(TimeProvider.System, HostClock.Resolve(Env((HostClock.ClockVariable, value), (HostClock.SamLocalVariable, "true"))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    [InlineData("1")]
    [InlineData("TRUE ")]
    public void SetOutsideSamLocalIsRefusedWhateverItsValue(string? samLocal)
    {
        foreach (var value in new[] { "2026-11-21T08:15:43Z", "not a time" })
        {
            var refused = Assert.Throws<HostClockException>(() => HostClock.Resolve(Env((HostClock.ClockVariable, value), (HostClock.SamLocalVariable, samLocal))));

            Assert.Contains($"{HostClock.ClockVariable} is set ('{value}')", refused.Message, StringComparison.Ordinal);
            Assert.Contains($"{HostClock.SamLocalVariable} is not 'true'", refused.Message, StringComparison.Ordinal);
            Assert.Contains("sam local invoke", refused.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-11-21")]
    [InlineData("2026-11-21T08:15:43")] // no offset: which zone?
    [InlineData("21/11/2026 08:15:43 +00:00")]
    [InlineData("2026-11-21T25:15:43Z")]
    public void UnderSamLocalAnythingButAnIsoInstantIsAnErrorNamingTheVariable(string value)
    {
        var error = Assert.Throws<HostClockException>(() => HostClock.Resolve(Env((HostClock.ClockVariable, value), (HostClock.SamLocalVariable, "true"))));

        Assert.StartsWith($"{HostClock.ClockVariable} is '{value}', not an ISO-8601 instant", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-21T08:15:43Z")]
    [InlineData("2026-11-21T08:15:43.000Z")]
    [InlineData("2026-11-21T09:15:43+01:00")]
    [InlineData("2026-11-21T08:15:43.0000000+00:00")]
    public void UnderSamLocalTheStepsWallClockIsFrozenAtTheInstant(string value)
    {
        var clock = Assert.IsType<HostClock.Replay>(HostClock.Resolve(Env((HostClock.ClockVariable, value), (HostClock.SamLocalVariable, "true"))));

        var expected = new DateTimeOffset(2026, 11, 21, 8, 15, 43, TimeSpan.Zero);
        Assert.Equal(expected, clock.Instant);
        Assert.Equal(TimeSpan.Zero, clock.GetUtcNow().Offset);
        Assert.Equal(expected, clock.GetUtcNow());
        Thread.Sleep(20);
        Assert.Equal(expected, clock.GetUtcNow());
    }

    [Fact]
    public async Task ReplayClockTimersAndTimestampsRunInRealTime()
    {
        var clock = new HostClock.Replay(new DateTimeOffset(2026, 11, 21, 8, 15, 43, TimeSpan.Zero));
        long start = clock.GetTimestamp();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(50), clock);

        await Task.Delay(Timeout.Infinite, timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(Patience);

        Assert.True(timeout.IsCancellationRequested);
        Assert.InRange(clock.GetElapsedTime(start), TimeSpan.FromMilliseconds(40), Patience);
    }

    private static Func<string, string?> Env(params (string Name, string? Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
