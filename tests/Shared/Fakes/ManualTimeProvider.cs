namespace Automation.Tests.Fakes;

/// <summary>
/// A clock that moves only when the test says so (<see cref="Advance"/>, or <see cref="Now"/> set to an
/// exact instant, so incident times are exact and assertions need no tolerance). Timers created on it
/// (and so <c>CancellationTokenSource</c> delays) fire synchronously when the clock reaches them. No sleeps
/// in tests.
/// </summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    /// <summary>Where <see cref="ManualTimeProvider()"/> starts: the morning of the fixtures' incident day.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public ManualTimeProvider()
        : this(DefaultStart)
    {
    }

    /// <summary>The clock's time. Setting it jumps there (backwards too); timers due by then fire.</summary>
    public DateTimeOffset Now
    {
        get => GetUtcNow();
        set => Move(_ => value);
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock forward (never back) and fires the timers due by then.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Move(now => now + by);
    }

    private void Move(Func<DateTimeOffset, DateTimeOffset> next)
    {
        List<ManualTimer> due;
        lock (_gate)
        {
            _now = next(_now);
            due = _timers.Where(t => t.DueAt <= _now).ToList();
        }
        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; private set; } = DateTimeOffset.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                _period = period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : clock._now + dueTime;
                if (!clock._timers.Contains(this))
                {
                    clock._timers.Add(this);
                }
            }
            if (dueTime == TimeSpan.Zero)
            {
                Fire();
            }
            return true;
        }

        public void Fire()
        {
            lock (clock._gate)
            {
                DueAt = _period == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : clock._now + _period;
            }
            callback(state);
        }

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
