using System.Collections.Concurrent;

namespace Automation.Sharding;

/// <summary>
/// Per-table cache of registry snapshots. Fresh for the TTL; after it, the next call starts a reload
/// (at most one in flight per table, shared by every caller) and — when a snapshot exists — gets that
/// stale snapshot at once instead of waiting (stale-while-revalidate), so the registry's latency
/// reaches the application only on the very first load. A failed reload keeps the last good
/// snapshot and reports the failure; with no snapshot, callers fail. After a failure no new load
/// starts until <see cref="ShardRegistryClientOptions.RetryAfterFailure"/>.
/// </summary>
internal sealed class ShardRegistryCache(
    IShardRegistrySource source,
    ShardRegistryClientOptions options,
    TimeProvider timeProvider,
    Action<string, Exception, DateTimeOffset?> onRefreshFailed)
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <param name="tableName">The application table.</param>
    /// <param name="waitForReload">Wait for a reload in flight even when a stale snapshot could be served.</param>
    /// <param name="cancellationToken">Stops this caller's wait only.</param>
    public Task<ShardRegistrySnapshot> GetAsync(string tableName, bool waitForReload, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(tableName, static _ => new Slot());
        TaskCompletionSource<ShardRegistrySnapshot>? started = null;
        Task<ShardRegistrySnapshot> pending;
        ShardRegistrySnapshot? stale;
        lock (slot.Gate)
        {
            var now = timeProvider.GetUtcNow();
            if (slot.Snapshot is { } snapshot && now - snapshot.LoadedAt < options.CacheTtl)
            {
                return Task.FromResult(snapshot);
            }

            if (slot.Refresh is null && now < slot.RetryNotBefore)
            {
                return slot.Snapshot is { } last
                    ? Task.FromResult(last)
                    : Task.FromException<ShardRegistrySnapshot>(Unavailable(tableName, slot.LastFailure));
            }

            if (slot.Refresh is null)
            {
                // RunContinuationsAsynchronously: completing the load must not run callers' code inline.
                started = new TaskCompletionSource<ShardRegistrySnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
                slot.Refresh = started.Task;
            }

            pending = slot.Refresh;
            stale = slot.Snapshot;
        }

        if (started is not null)
        {
            // Not awaited here: the load belongs to every waiter, so one caller's cancellation must not stop it.
            _ = LoadAsync(tableName, slot, started);
        }

        if (stale is not null && !waitForReload)
        {
            // The load may already be done (a source that answers synchronously): then serve its result.
            return pending.IsCompletedSuccessfully ? pending : Task.FromResult(stale);
        }

        return pending.WaitAsync(cancellationToken);
    }

    private async Task LoadAsync(string tableName, Slot slot, TaskCompletionSource<ShardRegistrySnapshot> completion)
    {
        try
        {
            var entries = await source.LoadTableAsync(tableName, CancellationToken.None).ConfigureAwait(false);
            var snapshot = new ShardRegistrySnapshot(entries, timeProvider.GetUtcNow());
            lock (slot.Gate)
            {
                slot.Snapshot = snapshot;
                slot.LastFailure = null;
                slot.Refresh = null;
            }

            completion.SetResult(snapshot);
        }
        catch (Exception ex)
        {
            ShardRegistrySnapshot? stale;
            lock (slot.Gate)
            {
                stale = slot.Snapshot;
                slot.LastFailure = ex;
                slot.RetryNotBefore = timeProvider.GetUtcNow() + options.RetryAfterFailure;
                slot.Refresh = null;
            }

            onRefreshFailed(tableName, ex, stale?.LoadedAt);
            if (stale is not null)
            {
                completion.SetResult(stale);
            }
            else
            {
                completion.SetException(Unavailable(tableName, ex));
            }
        }
    }

    private static ShardRegistryUnavailableException Unavailable(string tableName, Exception? cause) =>
        new($"The shard registry could not be read for table '{tableName}' and no entries were loaded before: cannot tell which keys are sharded.", cause)
        {
            TableName = tableName,
        };

    private sealed class Slot
    {
        public readonly Lock Gate = new();

        /// <summary>The last good load.</summary>
        public ShardRegistrySnapshot? Snapshot;

        /// <summary>The load in flight, shared by all callers.</summary>
        public Task<ShardRegistrySnapshot>? Refresh;

        public Exception? LastFailure;

        public DateTimeOffset RetryNotBefore;
    }
}
