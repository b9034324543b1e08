using Automation.Sharding.Tests.Fakes;
using Automation.Tests.Fakes;

namespace Automation.Sharding.Tests;

public class ShardRegistryClientCacheTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly ScriptedRegistrySource _source = new();

    private ShardRegistryClient Client(TimeSpan? ttl = null, TimeSpan? retryAfterFailure = null) =>
        new(
            _source,
            new ShardRegistryClientOptions
            {
                CacheTtl = ttl ?? TimeSpan.FromSeconds(30),
                RetryAfterFailure = retryAfterFailure ?? TimeSpan.FromSeconds(5),
            },
            _clock);

    [Fact]
    public async Task Entries_are_served_from_cache_within_the_ttl_and_reloaded_after_it()
    {
        _source.Put(Entries.Sharded("tenant-7", 2));
        var client = Client();

        Assert.Equal(["tenant-7#0", "tenant-7#1"], await client.ResolveReadKeysAsync("Orders", "tenant-7"));
        _source.Put(Entries.Sharded("tenant-7", 4, version: 2));
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(2, (await client.GetEntryAsync("Orders", "tenant-7"))!.ShardCount);
        Assert.Equal(1, _source.Loads);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(4, (await client.GetEntryAsync("Orders", "tenant-7"))!.ShardCount);
        Assert.Equal(2, _source.Loads);
    }

    [Fact]
    public async Task The_ttl_is_configurable()
    {
        var client = Client(ttl: TimeSpan.FromSeconds(5));

        await client.GetEntryAsync("Orders", "k");
        _clock.Advance(TimeSpan.FromSeconds(4));
        await client.GetEntryAsync("Orders", "k");
        Assert.Equal(1, _source.Loads);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await client.GetEntryAsync("Orders", "k");
        Assert.Equal(2, _source.Loads);
    }

    [Fact]
    public async Task Keys_of_one_table_are_answered_by_one_load_including_the_keys_that_are_not_sharded()
    {
        _source.Put(Entries.Sharded("tenant-7", 2));
        var client = Client();

        Assert.Equal("tenant-7#0", await client.ResolveWriteKeyAsync("Orders", "tenant-7", "foobar"));
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal($"tenant-{i + 100}", await client.ResolveWriteKeyAsync("Orders", $"tenant-{i + 100}", "x"));
        }

        Assert.Equal(1, _source.Loads);
    }

    [Fact]
    public async Task Each_table_has_its_own_entries()
    {
        _source.Put(Entries.Sharded("k", 3, tableName: "Orders"));
        var client = Client();

        Assert.Equal(3, (await client.ResolveReadKeysAsync("Orders", "k")).Count);
        Assert.Equal(["k"], await client.ResolveReadKeysAsync("Invoices", "k"));
        Assert.Equal(2, _source.Loads);
    }

    [Fact]
    public async Task Concurrent_callers_share_a_single_in_flight_load()
    {
        _source.Put(Entries.Sharded("tenant-7", 2));
        var client = Client();
        _source.Hold();

        var calls = Enumerable.Range(0, 20).Select(_ => client.ResolveReadKeysAsync("Orders", "tenant-7")).ToArray();
        await _source.LoadStarted.Task;
        Assert.All(calls, c => Assert.False(c.IsCompleted));
        _source.Release();

        Assert.All(await Task.WhenAll(calls), keys => Assert.Equal(["tenant-7#0", "tenant-7#1"], keys));
        Assert.Equal(1, _source.Loads);
    }

    [Fact]
    public async Task After_the_ttl_callers_get_the_stale_entries_at_once_while_one_background_reload_runs()
    {
        _source.Put(Entries.Sharded("tenant-7", 2));
        var client = Client();
        await client.GetEntryAsync("Orders", "tenant-7");
        _source.Put(Entries.Sharded("tenant-7", 4, version: 2));
        _source.Hold();
        _clock.Advance(TimeSpan.FromSeconds(30));

        var calls = Enumerable.Range(0, 10).Select(_ => client.GetEntryAsync("Orders", "tenant-7")).ToArray();

        Assert.All(calls, c => Assert.Equal(2, c.IsCompletedSuccessfully ? c.Result!.ShardCount : -1));
        await _source.LoadStarted.Task;
        Assert.Equal(2, _source.Loads);
        _source.Release();
        await client.PreloadAsync("Orders");
        Assert.Equal(4, (await client.GetEntryAsync("Orders", "tenant-7"))!.ShardCount);
        Assert.Equal(2, _source.Loads);
    }

    [Fact]
    public async Task Preload_takes_the_first_load_off_the_request_path_and_fails_fast_when_unreachable()
    {
        _source.FailWith(new TimeoutException("registry unreachable"));
        var client = Client();
        await Assert.ThrowsAsync<ShardRegistryUnavailableException>(() => client.PreloadAsync("Orders"));

        _source.Recover();
        _source.Put(Entries.Sharded("tenant-7", 2));
        _clock.Advance(TimeSpan.FromSeconds(5));
        await client.PreloadAsync("Orders");
        Assert.Equal(["tenant-7#0", "tenant-7#1"], await client.ResolveReadKeysAsync("Orders", "tenant-7"));
        Assert.Equal(2, _source.Loads);
    }

    [Fact]
    public async Task A_cancelled_caller_stops_waiting_without_cancelling_the_shared_load()
    {
        _source.Put(Entries.Sharded("tenant-7", 2));
        var client = Client();
        _source.Hold();
        using var cancel = new CancellationTokenSource();

        var cancelled = client.ResolveReadKeysAsync("Orders", "tenant-7", cancel.Token);
        var patient = client.ResolveReadKeysAsync("Orders", "tenant-7");
        await _source.LoadStarted.Task;
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        _source.Release();

        Assert.Equal(2, (await patient).Count);
        Assert.Equal(1, _source.Loads);
    }

    [Fact]
    public async Task A_failed_reload_serves_the_stale_entries_and_raises_the_event()
    {
        _source.Put(Entries.Sharded("tenant-7", 2));
        var client = Client();
        var failures = new List<ShardRegistryRefreshFailedEventArgs>();
        client.RefreshFailed += (_, e) => failures.Add(e);
        var loadedAt = _clock.GetUtcNow();
        await client.GetEntryAsync("Orders", "tenant-7");

        _clock.Advance(TimeSpan.FromSeconds(31));
        _source.FailWith(new TimeoutException("registry unreachable"));

        Assert.Equal(["tenant-7#0", "tenant-7#1"], await client.ResolveReadKeysAsync("Orders", "tenant-7"));
        var failure = Assert.Single(failures);
        Assert.Equal("Orders", failure.TableName);
        Assert.IsType<TimeoutException>(failure.Exception);
        Assert.True(failure.ServingStale);
        Assert.Equal(loadedAt, failure.StaleLoadedAt);
    }

    [Fact]
    public async Task After_a_failure_the_registry_is_not_asked_again_until_the_retry_interval_passes()
    {
        _source.Put(Entries.Sharded("tenant-7", 2));
        var client = Client(retryAfterFailure: TimeSpan.FromSeconds(5));
        await client.GetEntryAsync("Orders", "tenant-7");
        _clock.Advance(TimeSpan.FromSeconds(31));
        _source.FailWith(new TimeoutException("registry unreachable"));
        await client.GetEntryAsync("Orders", "tenant-7");
        Assert.Equal(2, _source.Loads);

        _clock.Advance(TimeSpan.FromSeconds(4));
        await client.GetEntryAsync("Orders", "tenant-7");
        Assert.Equal(2, _source.Loads);

        _source.Recover();
        _source.Put(Entries.Sharded("tenant-7", 6, version: 2));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(6, (await client.GetEntryAsync("Orders", "tenant-7"))!.ShardCount);
        Assert.Equal(3, _source.Loads);
    }

    [Fact]
    public async Task With_nothing_ever_loaded_an_unreachable_registry_fails_the_call()
    {
        var client = Client();
        var failures = new List<ShardRegistryRefreshFailedEventArgs>();
        client.RefreshFailed += (_, e) => failures.Add(e);
        _source.FailWith(new TimeoutException("registry unreachable"));

        var error = await Assert.ThrowsAsync<ShardRegistryUnavailableException>(() => client.ResolveWriteKeyAsync("Orders", "tenant-7", "x"));
        Assert.Equal("Orders", error.TableName);
        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.False(Assert.Single(failures).ServingStale);

        // Within the retry interval: fails fast without another load; after it, recovers.
        await Assert.ThrowsAsync<ShardRegistryUnavailableException>(() => client.ResolveReadKeysAsync("Orders", "tenant-7"));
        Assert.Equal(1, _source.Loads);
        _source.Recover();
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(["tenant-7"], await client.ResolveReadKeysAsync("Orders", "tenant-7"));
    }

    [Fact]
    public async Task A_throwing_event_handler_does_not_break_the_application()
    {
        _source.Put(Entries.Sharded("tenant-7", 2));
        var client = Client();
        client.RefreshFailed += (_, _) => throw new InvalidOperationException("bad handler");
        await client.GetEntryAsync("Orders", "tenant-7");
        _clock.Advance(TimeSpan.FromSeconds(31));
        _source.FailWith(new TimeoutException("registry unreachable"));

        Assert.Equal(2, (await client.GetEntryAsync("Orders", "tenant-7"))!.ShardCount);
    }

    [Fact]
    public async Task The_migration_window_is_judged_by_the_injected_clock()
    {
        _source.Put(Entries.Sharded("tenant-7", 2, previousShardCount: 0, migrationWindowEndsAt: _clock.GetUtcNow().AddSeconds(10)));
        var client = Client(ttl: TimeSpan.FromMinutes(5));

        Assert.Contains("tenant-7", await client.ResolveReadKeysAsync("Orders", "tenant-7"));
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("tenant-7", await client.ResolveReadKeysAsync("Orders", "tenant-7"));
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShardRegistryClient(_source, new ShardRegistryClientOptions { CacheTtl = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShardRegistryClient(_source, new ShardRegistryClientOptions { RetryAfterFailure = TimeSpan.FromSeconds(-1) }));
    }
}
