using Automation.Core.Queries;
using Automation.Core.Tuning;

namespace Automation.Core.Tests.Tuning;

public class QueryFeedbackTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static QueryAuditRecord Run(int i, double consumed, double? ceiling = 100, QueryRunStatus status = QueryRunStatus.Succeeded, string template = "orders-by-customer") =>
        new($"run-{i:00}", "arn", status, "alice", "why", null, null, template, "h", "orders", 1, "orders", null, null,
            new Dictionary<string, string>(), 1, 1, 1, consumed, ceiling, null, Start.AddHours(i), Start.AddHours(i), 10, null, null, null, null);

    [Theory]
    [InlineData(79.9, false)]
    [InlineData(80, true)]
    [InlineData(100, true)]
    public void FlagsARunAtEightyPercentOfItsCeiling(double consumed, bool flagged)
    {
        IReadOnlyList<QueryFeedbackFlag> flags = QueryFeedback.Review("orders-by-customer", [Run(1, consumed)]);
        Assert.Equal(flagged, flags.Any(f => f.Kind == QueryFlagKind.NearReadCeiling && f.RunIds[0] == "run-01" && f.Reference == 100));
    }

    [Fact]
    public void IgnoresOtherTemplatesFailedRunsAndNoCeiling()
    {
        Assert.Empty(QueryFeedback.Review("orders-by-customer", [Run(1, 90, template: "other"), Run(2, 90, status: QueryRunStatus.Failed), Run(3, 90, ceiling: null)]));
    }

    [Theory]
    [InlineData(15, false)]
    [InlineData(15.01, true)]
    public void FlagsCostDriftAboveOnePointFiveTimes(double recent, bool flagged)
    {
        QueryAuditRecord[] runs = [.. Enumerable.Range(0, 3).Select(i => Run(i, 10, ceiling: null)), .. Enumerable.Range(3, 5).Select(i => Run(i, recent, ceiling: null))];
        QueryFeedbackFlag? drift = QueryFeedback.Review("orders-by-customer", runs.Reverse()).SingleOrDefault(f => f.Kind == QueryFlagKind.CostDrift);
        Assert.Equal(flagged, drift is not null);
        if (drift is not null)
        {
            Assert.Equal(10, drift.Reference, 9);
            Assert.Equal(["run-03", "run-04", "run-05", "run-06", "run-07"], drift.RunIds);
        }
    }

    [Fact]
    public void DriftNeedsEnoughOlderRuns()
    {
        QueryAuditRecord[] runs = [.. Enumerable.Range(0, 2).Select(i => Run(i, 1, ceiling: null)), .. Enumerable.Range(2, 5).Select(i => Run(i, 50, ceiling: null))];
        Assert.Empty(QueryFeedback.Review("orders-by-customer", runs));
    }
}
