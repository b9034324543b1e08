using Automation.Core.Errors;

namespace Automation.Core.Access;

/// <summary>
/// Read → decide (a pure <see cref="AccessLifecycle"/> step) → write only if unchanged, again on a lost race, so two
/// concurrent decisions are serialised: the second decides on the record the first wrote (and is refused if it no
/// longer applies). A decision that changes nothing writes nothing.
/// </summary>
public static class AccessRecordUpdater
{
    /// <summary>Attempts before giving up with <c>ConcurrentModification</c> (retried by the state machine).</summary>
    public const int MaxAttempts = 5;

    /// <summary>Applies <paramref name="decide"/> to the current record and stores the result.</summary>
    /// <exception cref="AutomationException"><c>AccessRequestNotFound</c>: no such request; <c>ConcurrentModification</c>: lost the race <see cref="MaxAttempts"/> times.</exception>
    public static async Task<(AccessRecord Record, T Result)> UpdateAsync<T>(
        IAccessRequestStore store, string requestId, Func<AccessRecord, (AccessRecord Next, T Result)> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(decide);
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            AccessRecord current = await LoadAsync(store, requestId, cancellationToken).ConfigureAwait(false);
            (AccessRecord next, T result) = decide(current);
            if (ReferenceEquals(next, current) || next.Version == current.Version)
            {
                return (current, result);
            }

            if (await store.ReplaceAsync(next, current.Version, cancellationToken).ConfigureAwait(false))
            {
                return (next, result);
            }
        }

        throw new AutomationException(ErrorTypes.ConcurrentModification, $"Request {requestId} changed {MaxAttempts} times while this step decided: try again.");
    }

    /// <summary>As <see cref="UpdateAsync{T}"/> for a decision with no extra result.</summary>
    public static async Task<AccessRecord> UpdateAsync(IAccessRequestStore store, string requestId, Func<AccessRecord, AccessRecord> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        (AccessRecord record, bool _) = await UpdateAsync(store, requestId, r => (decide(r), true), cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <summary>The record.</summary>
    /// <exception cref="AutomationException"><c>AccessRequestNotFound</c>.</exception>
    public static async Task<AccessRecord> LoadAsync(IAccessRequestStore store, string requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await store.GetAsync(requestId, cancellationToken).ConfigureAwait(false)
            ?? throw new AutomationException(ErrorTypes.AccessRequestNotFound, $"There is no break-glass request '{requestId}'.") { Field = "requestId" };
    }
}
