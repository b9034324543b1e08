using Automation.Core.Errors;
using Automation.Core.Incidents;
using Automation.Core.Tests.Properties;
using FsCheck;
using FsCheck.Fluent;

namespace Automation.Core.Tests.Incidents;

public class IncidentTransitionsTests
{
    [Fact]
    public void Final_statuses_go_nowhere_and_live_ones_can_end()
    {
        foreach (var status in Enum.GetValues<IncidentStatus>())
        {
            var targets = IncidentTransitions.Targets(status);
            Assert.Equal(IncidentTransitions.IsFinal(status), targets.Count == 0);
            Assert.DoesNotContain(status, targets);
        }

        Assert.True(IncidentTransitions.IsAllowed(IncidentStatus.AwaitingApproval, IncidentStatus.Open));
        Assert.False(IncidentTransitions.IsAllowed(IncidentStatus.AwaitingApproval, IncidentStatus.Mitigated));
    }

    /// <summary>
    /// Whatever sequence of changes the workflow (or a buggy ASL) attempts, every status change is an
    /// allowed transition, refused changes leave the record as it was, and a final status is final.
    /// </summary>
    [Fact]
    public void Any_sequence_of_changes_only_makes_allowed_transitions_and_final_is_final()
    {
        var operation = Gen.Elements<Func<Incident, int, Incident>>(
            (i, n) => IncidentLifecycle.RecordFindings(i, new IncidentFindings(Diagnosis: new DiagnosisRecord("Kind" + (n % 3), null, null)), At(n)),
            (i, n) => IncidentLifecycle.RecordFindings(i, new IncidentFindings(Action: new ActionRecord("a" + (n % 2), n % 2 == 0, At(n), null, null)), At(n)),
            (i, n) => IncidentLifecycle.RequestApproval(i, "token-" + (n % 2), new PlanRecord("p", null), null, At(n)),
            (i, n) => IncidentLifecycle.Approve(i, "alice", null, At(n)),
            (i, n) => IncidentLifecycle.Close(i, (IncidentStatus)(n % 9), new VerificationRecord(At(n), n % 2 == 0, null, null), null, At(n)),
            (i, n) => IncidentLifecycle.Fail(i, new FailureRecord("E" + (n % 2), null, null, null, At(n)), At(n)));
        var steps = Gen.ListOf(Gen.Zip(operation, Gen.Choose(0, 1000))).ToArbitrary();
        var dryRun = ArbMap.Default.ArbFor<bool>();

        PropertyCases.Check(Prop.ForAll(steps, dryRun, (sequence, isDryRun) =>
        {
            var incident = Samples.Open(Samples.Alarm(dryRun: isDryRun));
            foreach (var (change, n) in sequence)
            {
                Incident next;
                try
                {
                    next = change(incident, n);
                }
                catch (AutomationException e) when (e.ErrorType == ErrorTypes.InvalidInput)
                {
                    continue;
                }

                if (incident.IsFinal && next != incident)
                {
                    return false;
                }

                if (next.Status != incident.Status && !IncidentTransitions.IsAllowed(incident.Status, next.Status))
                {
                    return false;
                }

                if (isDryRun && next.ActionsApplied > 0)
                {
                    return false;
                }

                incident = next;
            }

            return true;
        }));
    }

    private static DateTimeOffset At(int n) => Samples.AlarmFired.AddSeconds(n);
}
