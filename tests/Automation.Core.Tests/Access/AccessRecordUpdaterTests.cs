using Automation.Core.Access;
using Automation.Core.Errors;

using static Automation.Core.Tests.Access.AccessRecordFixtures;
using static Automation.Core.Tests.Access.AccessSamples;

namespace Automation.Core.Tests.Access;

/// <summary>
/// Read → decide → compare-and-swap: two concurrent decisions are serialised (the loser decides again on the winner's
/// record), a lost race is retried up to <see cref="AccessRecordUpdater.MaxAttempts"/>, and a decision that changes
/// nothing writes nothing.
/// </summary>
public class AccessRecordUpdaterTests
{
    private static readonly DateTimeOffset Later = Now.AddMinutes(5);

    private static async Task<InMemoryAccessRequestStore> StoreWithAsync(AccessRecord record)
    {
        var store = new InMemoryAccessRequestStore();
        Assert.True(await store.CreateAsync(record, CancellationToken.None));
        return store;
    }

    private static Func<IAccessRequestStore, Task<(AccessRecord Record, string? Token)>> Approval(string approver) =>
        store => AccessRecordUpdater.UpdateAsync(store, RequestId,
            r => AccessLifecycle.Decide(r, approver, AccessLifecycle.Approved, null, Scope, Later), CancellationToken.None);

    /// <summary>Both read version N, then A writes, then B's write loses and B decides again: A get, B get, A replace, B replace, B get, ….</summary>
    private static int BothReadThenAFirst(IReadOnlyList<Interleaving.Call> calls, ref int step)
    {
        int[] order = [0, 1, 0, 1];
        int want = step < order.Length ? order[step] : 1;
        step++;
        int index = calls.ToList().FindIndex(c => c.Participant == want);
        return index < 0 ? 0 : index;
    }

    [Fact]
    public async Task Two_concurrent_approvals_of_a_one_approval_request_one_wins_and_the_other_is_refused_on_the_new_record()
    {
        AccessRecord pending = Pending(Read);
        InMemoryAccessRequestStore store = await StoreWithAsync(pending);
        var interleaving = new Interleaving(store);
        int step = 0;

        IReadOnlyList<Task<(AccessRecord Record, string? Token)>> results =
            interleaving.Run([Approval(Lead), Approval(Lead2)], calls => BothReadThenAFirst(calls, ref step));

        Assert.Equal([(0, "get"), (1, "get"), (0, "replace"), (1, "replace"), (1, "get")], interleaving.Trace);
        (AccessRecord won, string? token) = await results[0];
        Assert.Equal(ApprovalToken, token);
        Assert.Equal((AccessStatus.Granting, pending.Version + 1), (won.Status, won.Version));
        AutomationException refused = await Assert.ThrowsAsync<AutomationException>(() => results[1]);
        Assert.Equal(ErrorTypes.ApprovalNotAllowed, refused.ErrorType);
        Assert.Contains($"request {RequestId} is Granting, not awaiting approval", refused.Message, StringComparison.Ordinal);
        Assert.Equal(won, store[RequestId]);
        Assert.Equal([Lead], store[RequestId]!.Approvals.Select(a => a.By));
        Assert.Equal(2, store.Writes); // the create and the winner
    }

    [Fact]
    public async Task Two_concurrent_approvals_of_a_two_approval_request_both_count_and_only_the_second_completes_it()
    {
        AccessRecord pending = Pending(Write);
        InMemoryAccessRequestStore store = await StoreWithAsync(pending);
        var interleaving = new Interleaving(store);
        int step = 0;

        IReadOnlyList<Task<(AccessRecord Record, string? Token)>> results =
            interleaving.Run([Approval(Lead), Approval(Lead2)], calls => BothReadThenAFirst(calls, ref step));

        Assert.Equal([(0, "get"), (1, "get"), (0, "replace"), (1, "replace"), (1, "get"), (1, "replace")], interleaving.Trace);
        (AccessRecord first, string? firstToken) = await results[0];
        (AccessRecord second, string? secondToken) = await results[1];
        Assert.Null(firstToken);
        Assert.Equal((AccessStatus.PendingApproval, pending.Version + 1), (first.Status, first.Version));
        Assert.Equal(ApprovalToken, secondToken);
        Assert.Equal((AccessStatus.Granting, pending.Version + 2), (second.Status, second.Version));
        Assert.Equal([Lead, Lead2], store[RequestId]!.Approvals.Select(a => a.By));
        Assert.Equal(second, store[RequestId]);
    }

    [Fact]
    public async Task The_same_approver_clicking_twice_at_once_counts_once()
    {
        InMemoryAccessRequestStore store = await StoreWithAsync(Pending(Write));
        var interleaving = new Interleaving(store);
        int step = 0;

        IReadOnlyList<Task<(AccessRecord Record, string? Token)>> results =
            interleaving.Run([Approval(Lead), Approval(Lead)], calls => BothReadThenAFirst(calls, ref step));

        Assert.Null((await results[0]).Token);
        AutomationException refused = await Assert.ThrowsAsync<AutomationException>(() => results[1]);
        Assert.Contains("each person counts once", refused.Message, StringComparison.Ordinal);
        Assert.Equal(AccessStatus.PendingApproval, store[RequestId]!.Status);
        Assert.Single(store[RequestId]!.Approvals);
    }

    [Fact]
    public async Task A_race_lost_fewer_than_MaxAttempts_times_is_retried_on_the_newest_record()
    {
        InMemoryAccessRequestStore store = await StoreWithAsync(Pending(Write));
        int rivals = AccessRecordUpdater.MaxAttempts - 1;
        store.BeforeReplace = s =>
        {
            if (rivals-- > 0)
            {
                s.Overwrite(RequestId, r => AccessLifecycle.Await(r, AccessLifecycle.ApprovalWait, $"token-{rivals}", 60, Later));
            }
        };

        (AccessRecord record, string? token) = await Approval(Lead)(store);

        Assert.Null(token);
        Assert.Equal((AccessRecordUpdater.MaxAttempts, AccessRecordUpdater.MaxAttempts), (store.Gets, store.Replaces));
        Assert.Equal(record, store[RequestId]);
        Assert.Equal("approved", record.Events[^1].What);
        Assert.Equal("token-0", record.Wait!.TaskToken); // decided on the last rival's record
    }

    [Fact]
    public async Task A_race_lost_MaxAttempts_times_is_a_concurrent_modification_and_nothing_of_the_loser_is_written()
    {
        InMemoryAccessRequestStore store = await StoreWithAsync(Pending(Write));
        store.BeforeReplace = s => s.Overwrite(RequestId, r => AccessLifecycle.Await(r, AccessLifecycle.ApprovalWait, "rival", 60, Later));

        AutomationException error = await Assert.ThrowsAsync<AutomationException>(() => Approval(Lead)(store));

        Assert.Equal(ErrorTypes.ConcurrentModification, error.ErrorType);
        Assert.Contains($"Request {RequestId} changed {AccessRecordUpdater.MaxAttempts} times while this step decided: try again.", error.Message, StringComparison.Ordinal);
        Assert.Equal((AccessRecordUpdater.MaxAttempts, AccessRecordUpdater.MaxAttempts), (store.Gets, store.Replaces));
        Assert.Empty(store[RequestId]!.Approvals);
    }

    [Fact]
    public async Task A_missing_request_is_not_found_naming_the_request_id()
    {
        var store = new InMemoryAccessRequestStore();

        AutomationException error = await Assert.ThrowsAsync<AutomationException>(() => Approval(Lead)(store));
        AutomationException load = await Assert.ThrowsAsync<AutomationException>(() => AccessRecordUpdater.LoadAsync(store, "bg-nope", CancellationToken.None));

        Assert.Equal((ErrorTypes.AccessRequestNotFound, "requestId"), (error.ErrorType, error.Field));
        Assert.Contains($"There is no break-glass request '{RequestId}'.", error.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorTypes.AccessRequestNotFound, load.ErrorType);
        Assert.Equal(0, store.Replaces);
    }

    [Fact]
    public async Task A_decision_that_changes_nothing_writes_nothing()
    {
        AccessRecord started = Started();
        InMemoryAccessRequestStore store = await StoreWithAsync(started);

        AccessRecord same = await AccessRecordUpdater.UpdateAsync(store, RequestId, r => AccessLifecycle.Started(r, ExecutionArn, Later), CancellationToken.None);
        (AccessRecord unchanged, int result) = await AccessRecordUpdater.UpdateAsync(store, RequestId, r => (r, 42), CancellationToken.None);

        Assert.Same(started, same);
        Assert.Same(started, unchanged);
        Assert.Equal(42, result); // the decision's result still comes back
        Assert.Equal((0, 1), (store.Replaces, store.Writes));
    }

    [Fact]
    public async Task A_refused_decision_writes_nothing_and_surfaces_the_refusal()
    {
        InMemoryAccessRequestStore store = await StoreWithAsync(Pending());

        AutomationException error = await Assert.ThrowsAsync<AutomationException>(() => Approval(Requester)(store));

        Assert.Equal(ErrorTypes.ApprovalNotAllowed, error.ErrorType);
        Assert.Equal((1, 0), (store.Gets, store.Replaces));
    }

    [Fact]
    public async Task A_decision_without_a_result_returns_the_written_record()
    {
        InMemoryAccessRequestStore store = await StoreWithAsync(Pending());

        AccessRecord expired = await AccessRecordUpdater.UpdateAsync(store, RequestId, r => AccessLifecycle.Expire(r, Later), CancellationToken.None);

        Assert.Equal(AccessStatus.Expired, expired.Status);
        Assert.Equal(expired, store[RequestId]);
        Assert.Equal(1, store.Replaces);
    }
}
