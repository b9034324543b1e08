using Automation.Core.Diagnosis;
using Automation.Core.Errors;
using Automation.Core.Facts;
using Automation.Core.Planning;
using Automation.Core.Verification;

namespace Automation.Core.Tests.Verification;

public class MitigationVerifierTests
{
    private static readonly DateTimeOffset DiagnosisEnd = new(2026, 11, 21, 8, 15, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset VerifyStart = new(2026, 11, 21, 8, 21, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AppliedAt = VerifyStart.AddSeconds(14);

    // 30-minute diagnosis window with 30,000 write-provisioned throttle events: 1,000 a minute before.
    private static Automation.Core.Diagnosis.ThrottleDiagnosis Diagnosis(string? index = null, double events = 30_000, string metric = nameof(DynamoDbMetric.WriteProvisionedThroughputThrottleEvents)) => new(
        DiagnosisKind.ProvisionedCapacityExhausted, "Orders", index, ThrottledOperations.Write, Confidence.High, "x",
        [new Evidence(metric, index, EvidenceMeasure.WindowTotal, events, "events"),
         new Evidence(nameof(DynamoDbMetric.ThrottledRequests), null, EvidenceMeasure.WindowTotal, 999_999, "events")],
        [], [], DiagnosisEnd.AddMinutes(-30), DiagnosisEnd);

    private static RemediationPlan Plan(RemediationKind action = RemediationKind.IncreaseProvisionedCapacity) => new(
        "plan-1", "Orders", DiagnosisKind.ProvisionedCapacityExhausted, null, action, null, [], false, [], false, false, "s", [], [], null, 1, DiagnosisEnd);

    private static MetricSeries Series(DynamoDbMetric metric, string? index, params (int Minute, double Value)[] points) =>
        new(metric, index, MetricStatistic.Sum, 60, [.. points.Select(p => new MetricDatapoint(VerifyStart.AddMinutes(p.Minute), p.Value))]);

    private static MitigationVerification Verify(IReadOnlyList<MetricSeries> after, Automation.Core.Diagnosis.ThrottleDiagnosis? diagnosis = null, RemediationPlan? plan = null, DateTimeOffset? appliedAt = null) =>
        MitigationVerifier.Verify(diagnosis ?? Diagnosis(), plan ?? Plan(), after, VerifyStart, VerifyStart.AddMinutes(10), 60, appliedAt ?? AppliedAt);

    [Fact]
    public void Throttling_that_stops_after_the_change_is_mitigated_and_the_straddling_period_is_left_out()
    {
        // Minute 0 (08:21-08:22) began before the change at 08:21:14: its 20,000 events are not "after".
        var result = Verify([Series(DynamoDbMetric.WriteProvisionedThroughputThrottleEvents, null, (0, 20_000), (3, 4))]);

        Assert.Equal(MitigationOutcome.Mitigated, result.Outcome);
        Assert.True(result.Mitigated);
        Assert.Equal(1000, result.Before.EventsPerMinute);
        Assert.Equal(4, result.After.TotalEvents);
        Assert.Equal(9, result.After.WindowMinutes);
        Assert.Equal(VerifyStart.AddMinutes(1), result.After.WindowStart);
    }

    [Fact]
    public void A_ninety_percent_drop_is_mitigated_but_not_above_the_absolute_ceiling()
    {
        // 90 events/min after, against 1,000 before: a 91 % drop but above 60/min.
        var stillHigh = Verify([Series(DynamoDbMetric.WriteProvisionedThroughputThrottleEvents, null, [.. Enumerable.Range(1, 9).Select(m => (m, 90.0))])]);
        var low = Verify([Series(DynamoDbMetric.WriteProvisionedThroughputThrottleEvents, null, [.. Enumerable.Range(1, 9).Select(m => (m, 50.0))])]);

        Assert.Equal(MitigationOutcome.NotMitigated, stillHigh.Outcome);
        Assert.False(stillHigh.Mitigated);
        Assert.Equal(MitigationOutcome.Mitigated, low.Outcome);
    }

    [Fact]
    public void Only_the_diagnosed_resource_and_metric_family_are_counted()
    {
        var result = Verify(
            [Series(DynamoDbMetric.WriteProvisionedThroughputThrottleEvents, "ByStatus", (2, 5_000)),
             Series(DynamoDbMetric.ThrottledRequests, null, (2, 5_000)),
             Series(DynamoDbMetric.WriteProvisionedThroughputThrottleEvents, null, (2, 3))]);

        Assert.Equal(3, result.After.TotalEvents);
        Assert.True(result.Mitigated);
    }

    [Fact]
    public void Unchanged_throttling_after_sharding_is_pending_application_adoption()
    {
        var result = Verify([Series(DynamoDbMetric.WriteProvisionedThroughputThrottleEvents, null, (5, 9_000))], plan: Plan(RemediationKind.ShardHotKey));

        Assert.Equal(MitigationOutcome.PendingApplicationAdoption, result.Outcome);
        Assert.False(result.Mitigated);
        Assert.Contains("pending application adoption", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void No_complete_period_after_the_change_is_too_early()
    {
        var result = Verify([], appliedAt: VerifyStart.AddMinutes(9).AddSeconds(1));

        Assert.Equal(MitigationOutcome.TooEarly, result.Outcome);
        Assert.False(result.Mitigated);
    }

    [Fact]
    public void Legacy_events_are_compared_when_the_diagnosis_had_no_reason_metric()
    {
        var diagnosis = Diagnosis(metric: nameof(DynamoDbMetric.WriteThrottleEvents));
        var result = Verify([Series(DynamoDbMetric.WriteThrottleEvents, null, (4, 900)), Series(DynamoDbMetric.WriteProvisionedThroughputThrottleEvents, null)], diagnosis);

        Assert.Equal("ThrottleEvents", result.Before.Metric);
        Assert.Equal(100, result.After.EventsPerMinute);
        Assert.False(result.Mitigated);
    }

    [Fact]
    public void Plan_of_another_table_is_refused_naming_the_field()
    {
        var error = Assert.Throws<AutomationException>(() => Verify([], plan: Plan() with { TableName = "Sessions" }));

        Assert.Equal(ErrorTypes.InvalidInput, error.ErrorType);
        Assert.Equal("plan.tableName", error.Field);
    }

    [Theory]
    [InlineData(1000, 0, true)]
    [InlineData(1000, 1, true)]
    [InlineData(1000, 60, true)]
    [InlineData(1000, 61, false)]
    [InlineData(5, 0.5, true)]
    [InlineData(5, 2, false)]
    [InlineData(0, 1, true)]
    public void The_rule(double before, double after, bool mitigated) =>
        Assert.Equal(mitigated, MitigationVerifier.IsMitigated(before, after, VerificationThresholds.Default));
}
