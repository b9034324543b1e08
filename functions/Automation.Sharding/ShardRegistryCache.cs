using System.Collections.Concurrent;

namespace Automation.Sharding;

/// <summary>
/// Per-table cache of registry snapshots: fresh for the TTL; then the next call reloads it, with at
/// most one load in flight per table that every concurrent caller shares. A failed reload keeps the
/// last good snapshot (stale beats wrong) and reports the failure; with no snapshot, callers fail.
/// After a failure, no new load starts until <see cref="ShardRegistryClientOptions.RetryAfterFailure"/>.
/// </summary>
internal sealed class ShardRegistryCache(
    IShardRegistrySource source,
    ShardRegistryClientOptions options,
    TimeProvider timeProvider,
    Action<string, Exception, DateTimeOffset?> onRefreshFailed)
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    public Task<ShardRegistrySnapshot> GetAsync(string tableName, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(tableName, static _ => new Slot());
        TaskCompletionSource<ShardRegistrySnapshot>? started = null;
        Task<ShardRegistrySnapshot> pending;
        lock (slot.Gate)
        {
            var now = timeProvider.GetUtcNow();
            if (slot.Snapshot is { } snapshot && now - snapshot.LoadedAt < options.CacheTtl)
            {
                return Task.FromResult(snapshot);
            }

            if (slot.Refresh is null && now < slot.RetryNotBefore)
            {
                return slot.Snapshot is { } stale
                    ? Task.FromResult(stale)
                    : Task.FromException<ShardRegistrySnapshot>(Unavailable(tableName, slot.LastFailure));
            }

            if (slot.Refresh is null)
            {
                // RunContinuationsAsynchronously: completing the load must not run callers' code inline.
                started = new TaskCompletionSource<ShardRegistrySnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
                slot.Refresh = started.Task;
            }

            pending = slot.Refresh;
        }

        if (started is not null)
        {
            // Not awaited here: the load belongs to every waiter, so one caller's cancellation must not stop it.
            _ = LoadAsync(tableName, slot, started);
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
