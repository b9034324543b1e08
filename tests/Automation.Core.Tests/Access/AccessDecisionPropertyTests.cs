using Automation.Core.Access;
using Automation.Core.Errors;
using Automation.Core.Tests.Properties;

using FsCheck;
using FsCheck.Fluent;

using static Automation.Core.Tests.Access.AccessRecordFixtures;
using static Automation.Core.Tests.Access.AccessSamples;

namespace Automation.Core.Tests.Access;

/// <summary>
/// Properties over random decisions by random principals (the requester among them, in several spellings) on a pending
/// request, each applied through <see cref="AccessRecordUpdater"/> on the in-memory store with a random interleaving of
/// every participant's reads and compare-and-swaps: approvals never exceed what completes the request, the requester
/// never appears among them, nobody counts twice, and the completing token is handed out at most once.
/// </summary>
public class AccessDecisionPropertyTests
{
    private static readonly string[] Principals =
    [
        Requester,
        "arn:aws:sts::123456789012:assumed-role/OnCall/ALICE", // the requester, other case
        RequesterRole, // the requester's role
        Lead,
        "arn:aws:sts::123456789012:assumed-role/OnCallLead/BOB", // the same person as Lead
        Lead2,
        "arn:aws:sts::123456789012:assumed-role/OnCallLead/erin",
        "arn:aws:iam::123456789012:role/OnCallLead", // the role of every lead session
        Stranger,
        "bob",
    ];

    /// <summary>One approver's click: who, and approve (mostly) or reject.</summary>
    public sealed record Click(string Who, string Decision);

    /// <summary>The case: a read (one approval) or a write (two) request, the clicks at once, and the scheduler's choices.</summary>
    public sealed record DecisionCase(AccessRequest Request, IReadOnlyList<Click> Clicks, IReadOnlyList<int> Schedule)
    {
        public override string ToString() =>
            $"{(Request.Actions.Count > 1 ? "write" : "read")}: {string.Join("; ", Clicks.Select(c => $"{c.Decision} by {c.Who}"))} schedule [{string.Join(",", Schedule)}]";
    }

    private static readonly Gen<Click> Clicks =
        from who in Gen.Elements(Principals)
        from decision in Gen.Frequency((4, Gen.Constant(AccessLifecycle.Approved)), (1, Gen.Constant(AccessLifecycle.Rejected)))
        select new Click(who, decision);

    private static readonly Arbitrary<DecisionCase> Cases = (
        from request in Gen.Elements(Read, Write)
        from n in Gen.Choose(1, 6)
        from clicks in Gen.ListOf(Clicks, n)
        from schedule in Gen.ListOf(Gen.Choose(0, 5), 40)
        select new DecisionCase(request, [.. clicks], [.. schedule])).ToArbitrary();

    private static (AccessRecord Final, List<(Click Click, Task<(AccessRecord Record, string? Token)> Outcome)> Outcomes) Play(DecisionCase c)
    {
        var store = new InMemoryAccessRequestStore();
        store.CreateAsync(Pending(c.Request), CancellationToken.None).GetAwaiter().GetResult();
        var interleaving = new Interleaving(store);
        int step = 0;
        IReadOnlyList<Task<(AccessRecord Record, string? Token)>> outcomes = interleaving.Run(
            [.. c.Clicks.Select(click => (Func<IAccessRequestStore, Task<(AccessRecord Record, string? Token)>>)(s =>
                AccessRecordUpdater.UpdateAsync(s, RequestId, r => AccessLifecycle.Decide(r, click.Who, click.Decision, null, Scope, Now), CancellationToken.None)))],
            calls => c.Schedule[step++ % c.Schedule.Count] % calls.Count);
        return (store[RequestId]!, [.. c.Clicks.Zip(outcomes)]);
    }

    [Fact]
    public void Concurrent_decisions_never_overshoot_never_count_the_requester_or_anyone_twice_and_hand_out_the_token_once()
    {
        PropertyCases.ForAll(Cases, c =>
        {
            (AccessRecord final, var outcomes) = Play(c);
            int needed = final.ApprovalsNeeded;
            int approvals = final.Approvals.Count(a => a.Decision == AccessLifecycle.Approved);
            int rejections = final.Approvals.Count(a => a.Decision == AccessLifecycle.Rejected);

            // Never more approvals than complete it; a rejection ends it at once.
            Assert.InRange(approvals, 0, needed);
            Assert.InRange(rejections, 0, 1);
            Assert.Equal(final.Status == AccessStatus.Granting, approvals == needed);
            Assert.Equal(final.Status == AccessStatus.Rejected, rejections == 1);
            Assert.True(final.Status is AccessStatus.PendingApproval or AccessStatus.Granting or AccessStatus.Rejected, c.ToString());

            // The requester never decides; nobody decides twice.
            Assert.DoesNotContain(final.Approvals, a => AccessCriteria.SamePerson(a.By, Requester));
            for (int i = 0; i < final.Approvals.Count; i++)
            {
                for (int j = i + 1; j < final.Approvals.Count; j++)
                {
                    Assert.False(AccessCriteria.SamePerson(final.Approvals[i].By, final.Approvals[j].By), c.ToString());
                }
            }

            // Every click either was recorded (once) or was refused as not allowed; the record holds exactly the winners.
            var won = outcomes.Where(o => o.Outcome.IsCompletedSuccessfully).ToList();
            foreach ((Click _, Task<(AccessRecord Record, string? Token)> outcome) in outcomes.Where(o => !o.Outcome.IsCompletedSuccessfully))
            {
                AutomationException error = Assert.IsType<AutomationException>(outcome.Exception!.InnerException);
                Assert.Equal(ErrorTypes.ApprovalNotAllowed, error.ErrorType);
            }

            Assert.Equal(won.Count, final.Approvals.Count);
            Assert.Equal(Pending(c.Request).Version + won.Count, final.Version);
            Assert.Equal(Pending(c.Request).Events.Count + won.Count, final.Events.Count);

            // The completing token: at most once, and exactly once when the request is decided.
            int tokens = won.Count(o => o.Outcome.Result.Token is not null);
            Assert.Equal(final.Status == AccessStatus.PendingApproval ? 0 : 1, tokens);
            Assert.All(won.Where(o => o.Outcome.Result.Token is not null), o => Assert.Equal(ApprovalToken, o.Outcome.Result.Token));
        });
    }

    [Fact]
    public void The_scheduler_lets_either_approver_win_first()
    {
        // Two approvers of a write request in the orders the scheduler produces: the second participant sometimes wins.
        int raced = 0;
        PropertyCases.ForAll(Gen.ListOf(Gen.Choose(0, 1), 10).ToArbitrary(), schedule =>
        {
            var c = new DecisionCase(Write, [new Click(Lead, AccessLifecycle.Approved), new Click(Lead2, AccessLifecycle.Approved)], [.. schedule]);
            (AccessRecord final, var outcomes) = Play(c);
            Assert.Equal(AccessStatus.Granting, final.Status);
            Assert.Single(outcomes, o => o.Outcome.Result.Token is not null);
            if (final.Approvals[0].By == Lead2)
            {
                raced++;
            }
        });

        Assert.True(raced > 0, "the scheduler never let the second participant win");
    }
}
