using Automation.Core.Access;

namespace Automation.Core.Tests.Access;

/// <summary>
/// An <see cref="IAccessRequestStore"/> in memory with the table's semantics: a create only if absent, a replace only if
/// the stored version is still the expected one (compare-and-swap). It counts every call, and <see cref="BeforeReplace"/>
/// runs inside a replace before its comparison (a rival's write that lands between the read and the write).
/// For interleaving several updaters step by step, see <see cref="Interleaving"/>.
/// </summary>
internal sealed class InMemoryAccessRequestStore : IAccessRequestStore
{
    private readonly Dictionary<string, AccessRecord> _records = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int Gets { get; private set; }

    public int Replaces { get; private set; }

    /// <summary>Successful creates and replaces.</summary>
    public int Writes { get; private set; }

    /// <summary>Every record written, in order (creates and successful replaces).</summary>
    public List<AccessRecord> History { get; } = [];

    /// <summary>Runs at the start of each <see cref="ReplaceAsync"/>, before the version is compared.</summary>
    public Action<InMemoryAccessRequestStore>? BeforeReplace { get; set; }

    public AccessRecord? this[string requestId]
    {
        get
        {
            lock (_lock)
            {
                return _records.GetValueOrDefault(requestId);
            }
        }
    }

    public Task<AccessRecord?> GetAsync(string requestId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Gets++;
            return Task.FromResult(_records.GetValueOrDefault(requestId));
        }
    }

    public Task<bool> CreateAsync(AccessRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            if (!_records.TryAdd(record.RequestId, record))
            {
                return Task.FromResult(false);
            }

            Writes++;
            History.Add(record);
            return Task.FromResult(true);
        }
    }

    public Task<bool> ReplaceAsync(AccessRecord record, int expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        BeforeReplace?.Invoke(this);
        lock (_lock)
        {
            Replaces++;
            if (!_records.TryGetValue(record.RequestId, out AccessRecord? stored) || stored.Version != expectedVersion)
            {
                return Task.FromResult(false);
            }

            _records[record.RequestId] = record;
            Writes++;
            History.Add(record);
            return Task.FromResult(true);
        }
    }

    /// <summary>Writes a change by somebody else, unconditionally (a rival that won a race).</summary>
    public void Overwrite(string requestId, Func<AccessRecord, AccessRecord> change)
    {
        lock (_lock)
        {
            AccessRecord next = change(_records[requestId]);
            _records[requestId] = next;
            Writes++;
            History.Add(next);
        }
    }
}

/// <summary>
/// Runs several updaters against one <see cref="InMemoryAccessRequestStore"/> one store call at a time, in an order the
/// test chooses: every call of every participant waits until <c>choose</c> picks it among the calls waiting at that moment,
/// so any interleaving of reads and compare-and-swaps can be produced, deterministically.
/// </summary>
internal sealed class Interleaving
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(10);

    private readonly InMemoryAccessRequestStore _store;
    private readonly Lock _lock = new();
    private readonly List<Call> _waiting = [];

    public Interleaving(InMemoryAccessRequestStore store) => _store = store;

    /// <summary>One waiting store call: whose, and which operation (<c>get</c> or <c>replace</c>).</summary>
    public sealed record Call(int Participant, string Operation, Func<Task> Run);

    /// <summary>The store calls in the order they ran: participant and operation.</summary>
    public List<(int Participant, string Operation)> Trace { get; } = [];

    /// <summary>
    /// Starts every participant (each gets its own view of the store), then repeatedly runs the waiting call
    /// <paramref name="choose"/> picks (an index into the calls waiting, each call's participant and operation given),
    /// until every participant finished. Returns their tasks, all completed (faulted when the participant threw).
    /// </summary>
    public IReadOnlyList<Task<T>> Run<T>(IReadOnlyList<Func<IAccessRequestStore, Task<T>>> participants, Func<IReadOnlyList<Call>, int> choose)
    {
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(choose);
        var tasks = new List<Task<T>>();
        for (int i = 0; i < participants.Count; i++)
        {
            int participant = i;
            tasks.Add(Task.Run(() => participants[participant](new View(this, participant))));
        }

        while (true)
        {
            Call next;
            var deadline = DateTime.UtcNow + StepTimeout;
            while (true)
            {
                lock (_lock)
                {
                    // Wait until every participant still running has a store call waiting, so the choice is over all of them.
                    int running = tasks.Count(t => !t.IsCompleted);
                    if (running == 0)
                    {
                        return tasks;
                    }

                    if (_waiting.Count == running && _waiting.Select(c => c.Participant).Distinct().Count() == running)
                    {
                        var calls = _waiting.OrderBy(c => c.Participant).ToList();
                        next = calls[Math.Clamp(choose(calls), 0, calls.Count - 1)];
                        _waiting.Remove(next);
                        Trace.Add((next.Participant, next.Operation));
                        break;
                    }
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException("an interleaved participant neither called the store nor finished");
                }

                Thread.Yield();
            }

            next.Run().GetAwaiter().GetResult();
        }
    }

    private Task<TResult> Enqueue<TResult>(int participant, string operation, Func<Task<TResult>> call)
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiting.Add(new Call(participant, operation, async () => done.SetResult(await call().ConfigureAwait(false))));
        }

        return done.Task;
    }

    private sealed class View(Interleaving owner, int participant) : IAccessRequestStore
    {
        public Task<AccessRecord?> GetAsync(string requestId, CancellationToken cancellationToken) =>
            owner.Enqueue(participant, "get", () => owner._store.GetAsync(requestId, cancellationToken));

        public Task<bool> CreateAsync(AccessRecord record, CancellationToken cancellationToken) =>
            owner.Enqueue(participant, "create", () => owner._store.CreateAsync(record, cancellationToken));

        public Task<bool> ReplaceAsync(AccessRecord record, int expectedVersion, CancellationToken cancellationToken) =>
            owner.Enqueue(participant, "replace", () => owner._store.ReplaceAsync(record, expectedVersion, cancellationToken));
    }
}
