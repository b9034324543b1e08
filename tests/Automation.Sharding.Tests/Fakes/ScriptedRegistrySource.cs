namespace Automation.Sharding.Tests.Fakes;

/// <summary>
/// A registry source whose content, failures and timing the test controls: it counts loads, can
/// fail the next loads, and can hold loads until <see cref="Release"/> (to observe concurrent callers).
/// </summary>
internal sealed class ScriptedRegistrySource : IShardRegistrySource
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<ShardRegistryEntry>> _tables = new(StringComparer.Ordinal);
    private TaskCompletionSource? _hold;
    private Exception? _failWith;
    private int _loads;

    public int Loads => Volatile.Read(ref _loads);

    /// <summary>Completes when a load has started (and is held, if <see cref="Hold"/> was called).</summary>
    public TaskCompletionSource LoadStarted { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Put(ShardRegistryEntry entry)
    {
        lock (_gate)
        {
            if (!_tables.TryGetValue(entry.TableName, out var entries))
            {
                _tables[entry.TableName] = entries = [];
            }

            entries.RemoveAll(e => e.LogicalKey == entry.LogicalKey);
            entries.Add(entry);
        }
    }

    /// <summary>Loads fail with <paramref name="error"/> until <see cref="Recover"/>.</summary>
    public void FailWith(Exception error)
    {
        lock (_gate)
        {
            _failWith = error;
        }
    }

    public void Recover()
    {
        lock (_gate)
        {
            _failWith = null;
        }
    }

    /// <summary>Loads wait until <see cref="Release"/>.</summary>
    public void Hold()
    {
        lock (_gate)
        {
            _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            LoadStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Release()
    {
        TaskCompletionSource? hold;
        lock (_gate)
        {
            hold = _hold;
            _hold = null;
        }

        hold?.SetResult();
    }

    public async Task<IReadOnlyList<ShardRegistryEntry>> LoadTableAsync(string tableName, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _loads);
        Task? hold;
        lock (_gate)
        {
            hold = _hold?.Task;
        }

        LoadStarted.TrySetResult();
        if (hold is not null)
        {
            await hold.WaitAsync(cancellationToken);
        }

        lock (_gate)
        {
            if (_failWith is not null)
            {
                throw _failWith;
            }

            return _tables.TryGetValue(tableName, out var entries) ? [.. entries] : [];
        }
    }
}
