using Automation.Core.Queries;
using Automation.Core.Tests.Properties;
using Automation.Core.Tuning;

using FsCheck;
using FsCheck.Fluent;

namespace Automation.Core.Tests.Tuning;

/// <summary>
/// <see cref="QueryFeedback.ForRun"/>: the flags a new run raises against the template's earlier runs (what
/// RecordQueryRun stores on the audit item): its own ceiling flag, drift of the recent runs it ends, never an earlier
/// run's own flag, never a flag from another segment's runs or from runs that started after it.
/// </summary>
public class QueryFeedbackForRunTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static QueryAuditRecord Run(int i, double consumed, double? ceiling = 100, string segment = "orders", QueryRunStatus status = QueryRunStatus.Succeeded) =>
        new($"run-{i:00}", "arn", status, "alice", "why", null, null, "orders-for-customer", "h", segment, 1, "Orders", null, QueryOperation.Query,
            new Dictionary<string, string>(), 1, 1, 1, consumed, ceiling, null, Start.AddHours(i), Start.AddHours(i), 10, null, null, null, null);

    [Fact]
    public void A_costly_run_after_cheap_ones_is_flagged_as_drift_naming_the_recent_runs()
    {
        QueryAuditRecord[] earlier = [.. Enumerable.Range(0, 8).Select(i => Run(i, 2, ceiling: 500))];
        QueryAuditRecord run = Run(8, 40, ceiling: 500);

        QueryFeedbackFlag drift = Assert.Single(QueryFeedback.ForRun(run, earlier));

        Assert.Equal(QueryFlagKind.CostDrift, drift.Kind);
        Assert.Equal(["run-04", "run-05", "run-06", "run-07", "run-08"], drift.RunIds);
        Assert.Equal((4 * 2 + 40) / 5.0, drift.Value, 9);
        Assert.Equal(2, drift.Reference, 9);
    }

    [Fact]
    public void A_run_near_its_ceiling_is_flagged_and_an_earlier_runs_ceiling_flag_is_not_repeated()
    {
        QueryAuditRecord[] earlier = [Run(0, 95), Run(1, 10)];

        QueryFeedbackFlag near = Assert.Single(QueryFeedback.ForRun(Run(2, 85), earlier));
        Assert.Equal(QueryFlagKind.NearReadCeiling, near.Kind);
        Assert.Equal(["run-02"], near.RunIds);
        Assert.Equal(85, near.Value);
        Assert.Equal(100, near.Reference);
        Assert.Empty(QueryFeedback.ForRun(Run(2, 10), earlier));
    }

    [Fact]
    public void Other_segments_later_runs_and_unsuccessful_runs_raise_nothing()
    {
        QueryAuditRecord[] otherSegment = [.. Enumerable.Range(0, 8).Select(i => Run(i, 2, ceiling: null, segment: "orders-tenant-acme"))];
        QueryAuditRecord[] later = [.. Enumerable.Range(10, 8).Select(i => Run(i, 2, ceiling: null))];

        Assert.Empty(QueryFeedback.ForRun(Run(9, 40, ceiling: null), otherSegment));
        Assert.Empty(QueryFeedback.ForRun(Run(9, 40, ceiling: null), later));
        Assert.Empty(QueryFeedback.ForRun(Run(9, 99, status: QueryRunStatus.Failed), []));
    }

    private static readonly Gen<(QueryAuditRecord[] Earlier, QueryAuditRecord Run)> Histories =
        from n in Gen.Choose(0, 20)
        from costs in Gen.ListOf(Gen.Choose(0, 120), n)
        from segments in Gen.ListOf(Gen.Elements("orders", "orders-tenant-acme"), n)
        from cost in Gen.Choose(0, 120)
        from ceiling in Gen.Elements<double?>(null, 50, 100, 150)
        select ((QueryAuditRecord[])[.. costs.Select((c, i) => Run(i, c, ceiling, segments[i]))], Run(n, cost, ceiling));

    [Fact]
    public void Every_flag_names_the_new_run_and_agrees_with_the_rule_over_the_segments_history() =>
        PropertyCases.ForAll(Histories.ToArbitrary(), h =>
        {
            IReadOnlyList<QueryFeedbackFlag> flags = QueryFeedback.ForRun(h.Run, h.Earlier);
            var sameSegment = h.Earlier.Where(r => r.Segment == h.Run.Segment).Append(h.Run).ToList();
            var expected = QueryFeedback.Review("orders-for-customer", sameSegment).Where(f => f.RunIds.Contains(h.Run.RunId)).ToList();

            Assert.All(flags, f => Assert.Contains(h.Run.RunId, f.RunIds));
            Assert.Equal(expected.Select(f => (f.Kind, f.Value, f.Reference)), flags.Select(f => (f.Kind, f.Value, f.Reference)));
            bool near = h.Run.ReadCeiling is { } c && h.Run.ConsumedUnits >= 0.8 * c && c > 0;
            Assert.Equal(near, flags.Any(f => f.Kind == QueryFlagKind.NearReadCeiling));
        });

    [Fact]
    public void Runs_of_another_segment_never_change_the_flags() =>
        PropertyCases.ForAll(Histories.ToArbitrary(), h =>
        {
            var own = h.Earlier.Where(r => r.Segment == h.Run.Segment).ToList();
            Assert.Equal(
                QueryFeedback.ForRun(h.Run, own).Select(f => (f.Kind, f.Value)),
                QueryFeedback.ForRun(h.Run, h.Earlier).Select(f => (f.Kind, f.Value)));
        });
}
