using Automation.Core.Diagnosis;
using Automation.Core.Errors;
using Automation.Core.Facts;
using Automation.Core.Tests.Facts;

using M = Automation.Core.Facts.DynamoDbMetric;

namespace Automation.Core.Tests.Diagnosis;

public class ThrottleDiagnoserTests
{
    [Fact]
    public void TableWriteCapacityExhaustedIsDiagnosedWithHighConfidence()
    {
        // 500 WCU provisioned, ~495 WCU/s consumed, 300 write events a minute throttled for capacity.
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Provisioned(read: 1000, write: 500)
            .Rate(M.ConsumedWriteCapacityUnits, 495)
            .Rate(M.ConsumedReadCapacityUnits, 310)
            .PerMinute(M.WriteProvisionedThroughputThrottleEvents, 300)
            .PerMinute(M.ThrottledRequests, 300)
            .Build();

        var diagnosis = ThrottleDiagnoser.Diagnose(facts);

        Assert.Equal(DiagnosisKind.ProvisionedCapacityExhausted, diagnosis.Kind);
        Assert.Null(diagnosis.IndexName);
        Assert.Equal(ThrottledOperations.Write, diagnosis.Operations);
        Assert.Equal(Confidence.High, diagnosis.Confidence);
        Assert.Contains("500 WCU/s", diagnosis.Explanation, StringComparison.Ordinal);
        Assert.Contains("18,000 write events", diagnosis.Explanation, StringComparison.Ordinal);
        Assert.Contains(diagnosis.Evidence, e => e.Metric == "WriteProvisionedThroughputThrottleEvents" && e.Value == 18_000);
        Assert.Contains(diagnosis.Evidence, e => e.Metric == "ConsumedWriteCapacityUnits" && e.Measure == EvidenceMeasure.PeakPerSecond && e.Value == 495);
        Assert.Empty(diagnosis.AlsoObserved);
    }

    [Fact]
    public void ReadAndWriteCapacityExhaustedReportsBothOperations()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Provisioned(read: 200, write: 100)
            .Rate(M.ConsumedReadCapacityUnits, 199)
            .Rate(M.ConsumedWriteCapacityUnits, 99)
            .PerMinute(M.ReadProvisionedThroughputThrottleEvents, 40)
            .PerMinute(M.WriteProvisionedThroughputThrottleEvents, 60)
            .Build();

        var diagnosis = ThrottleDiagnoser.Diagnose(facts);

        Assert.Equal(DiagnosisKind.ProvisionedCapacityExhausted, diagnosis.Kind);
        Assert.Equal(ThrottledOperations.ReadAndWrite, diagnosis.Operations);
    }

    [Fact]
    public void KeyRangeThrottlesWithADominantKeyAreAHotKey()
    {
        // Plenty of table capacity (5,000 WCU, 1,200 used) but one partition throttles: customer#42.
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Provisioned(read: 3000, write: 5000)
            .Rate(M.ConsumedWriteCapacityUnits, 1200)
            .PerMinute(M.WriteKeyRangeThroughputThrottleEvents, 400)
            .PerMinute(M.ThrottledRequests, 400)
            .TopKeys(ContributorInsightsRule.PartitionKeyThrottled, 24_000, null, ("customer#42", 17_280), ("customer#7", 1_200))
            .Build();

        var diagnosis = ThrottleDiagnoser.Diagnose(facts);

        Assert.Equal(DiagnosisKind.HotKey, diagnosis.Kind);
        Assert.Equal(ThrottledOperations.Write, diagnosis.Operations);
        Assert.Equal(Confidence.High, diagnosis.Confidence);
        HotKeyEvidence key = Assert.Single(diagnosis.HotKeys);
        Assert.Equal("customer#42", key.PartitionKey);
        Assert.Equal(0.72, key.Share, 3);
        Assert.Contains("customer#42", diagnosis.Explanation, StringComparison.Ordinal);
        Assert.Contains("1,000 WCU/s", diagnosis.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void HotKeyBeatsTableCapacityWhenKeyRangeEventsDominate()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Provisioned(read: 1000, write: 1000)
            .Rate(M.ConsumedWriteCapacityUnits, 950)
            .PerMinute(M.WriteKeyRangeThroughputThrottleEvents, 500)
            .PerMinute(M.WriteProvisionedThroughputThrottleEvents, 200)
            .Build();

        var diagnosis = ThrottleDiagnoser.Diagnose(facts);

        Assert.Equal(DiagnosisKind.HotKey, diagnosis.Kind);
        Assert.Equal([DiagnosisKind.ProvisionedCapacityExhausted], diagnosis.AlsoObserved);
        Assert.Equal(Confidence.Medium, diagnosis.Confidence); // 71% of the events
    }

    [Fact]
    public void TableCapacityBeatsHotKeyWhenProvisionedEventsDominate()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Provisioned(read: 1000, write: 1000)
            .Rate(M.ConsumedWriteCapacityUnits, 990)
            .PerMinute(M.WriteKeyRangeThroughputThrottleEvents, 100)
            .PerMinute(M.WriteProvisionedThroughputThrottleEvents, 600)
            .Build();

        var diagnosis = ThrottleDiagnoser.Diagnose(facts);

        Assert.Equal(DiagnosisKind.ProvisionedCapacityExhausted, diagnosis.Kind);
        Assert.Equal([DiagnosisKind.HotKey], diagnosis.AlsoObserved);
        Assert.Equal(Confidence.High, diagnosis.Confidence); // 86%, and 99% utilisation agrees
    }

    [Fact]
    public void OnATieTheCauseCapacityCannotFixWins()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Provisioned(read: 1000, write: 1000)
            .Rate(M.ConsumedWriteCapacityUnits, 990)
            .PerMinute(M.WriteKeyRangeThroughputThrottleEvents, 300)
            .PerMinute(M.WriteProvisionedThroughputThrottleEvents, 300)
            .Build();

        Assert.Equal(DiagnosisKind.HotKey, ThrottleDiagnoser.Diagnose(facts).Kind);
    }

    [Fact]
    public void AGsiShortOfWriteCapacityIsBackPressureOnTheBaseTable()
    {
        // Table has room; the low-cardinality index ByStatus (100 WCU) throttles every base write.
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Provisioned(read: 2000, write: 2000)
            .Index("ByCustomer", read: 500, write: 1000)
            .Index("ByStatus", read: 100, write: 100)
            .Rate(M.ConsumedWriteCapacityUnits, 700)
            .Rate(M.ConsumedWriteCapacityUnits, 99, "ByStatus")
            .PerMinute(M.WriteProvisionedThroughputThrottleEvents, 250, "ByStatus")
            .PerMinute(M.ThrottledRequests, 250)
            .Build();

        var diagnosis = ThrottleDiagnoser.Diagnose(facts);

        Assert.Equal(DiagnosisKind.GsiWriteBackPressure, diagnosis.Kind);
        Assert.Equal("ByStatus", diagnosis.IndexName);
        Assert.Equal(ThrottledOperations.Write, diagnosis.Operations);
        Assert.Equal(Confidence.High, diagnosis.Confidence);
        Assert.Contains("index 'ByStatus'", diagnosis.Explanation, StringComparison.Ordinal);
        Assert.Contains(diagnosis.Evidence, e => e.Metric == "ThrottledRequests" && e.IndexName is null && e.Value == 15_000);
    }

    [Fact]
    public void AGsiShortOfReadCapacityIsThatIndexCapacityNotBackPressure()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Provisioned(read: 2000, write: 2000)
            .Index("ByStatus", read: 50, write: 500)
            .Rate(M.ConsumedReadCapacityUnits, 50, "ByStatus")
            .PerMinute(M.ReadProvisionedThroughputThrottleEvents, 90, "ByStatus")
            .Build();

        var diagnosis = ThrottleDiagnoser.Diagnose(facts);

        Assert.Equal(DiagnosisKind.ProvisionedCapacityExhausted, diagnosis.Kind);
        Assert.Equal("ByStatus", diagnosis.IndexName);
        Assert.Equal(ThrottledOperations.Read, diagnosis.Operations);
    }

    [Fact]
    public void OnDemandMaximumThrottlesAreDiagnosedWithTheMaximum()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .OnDemand(maxRead: 12_000, maxWrite: 4_000)
            .Rate(M.ConsumedWriteCapacityUnits, 3_990)
            .PerMinute(M.WriteMaxOnDemandThroughputThrottleEvents, 800)
            .Build();

        var diagnosis = ThrottleDiagnoser.Diagnose(facts);

        Assert.Equal(DiagnosisKind.OnDemandMaximumReached, diagnosis.Kind);
        Assert.Equal(ThrottledOperations.Write, diagnosis.Operations);
        Assert.Contains("4,000 write", diagnosis.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void AccountLimitThrottlesAreDiagnosedAsSuch()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .OnDemand()
            .PerMinute(M.ReadAccountLimitThrottleEvents, 70)
            .PerMinute(M.WriteKeyRangeThroughputThrottleEvents, 5)
            .Build();

        var diagnosis = ThrottleDiagnoser.Diagnose(facts);

        Assert.Equal(DiagnosisKind.AccountLimitReached, diagnosis.Kind);
        Assert.Equal(ThrottledOperations.Read, diagnosis.Operations);
        Assert.Contains(DiagnosisKind.HotKey, diagnosis.AlsoObserved);
    }

    [Fact]
    public void NoThrottleEventWithTrafficIsAConfidentFalseAlarm()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Provisioned(read: 1000, write: 500)
            .Rate(M.ConsumedWriteCapacityUnits, 320)
            .Build();

        var diagnosis = ThrottleDiagnoser.Diagnose(facts);

        Assert.Equal(DiagnosisKind.NotThrottling, diagnosis.Kind);
        Assert.Equal(Confidence.High, diagnosis.Confidence);
        Assert.Equal(ThrottledOperations.None, diagnosis.Operations);
        Assert.Contains("false alarm", diagnosis.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingThrottleMetricsAreInsufficientData()
    {
        ThrottlingFacts built = new ThrottlingFactsBuilder().Rate(M.ConsumedWriteCapacityUnits, 100).Build();
        ThrottlingFacts facts = built with { Metrics = built.Metrics.Where(s => s.Metric == M.ConsumedWriteCapacityUnits).ToList() };

        var diagnosis = ThrottleDiagnoser.Diagnose(facts);

        Assert.Equal(DiagnosisKind.InsufficientData, diagnosis.Kind);
        Assert.Equal(Confidence.Low, diagnosis.Confidence);
    }

    [Fact]
    public void ThrottledRequestsWithoutAnyReasonOrPointerAreInsufficientData()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .WithoutReasonMetrics()
            .Provisioned(read: 1000, write: 1000)
            .Rate(M.ConsumedWriteCapacityUnits, 300)
            .PerMinute(M.ThrottledRequests, 50)
            .Build();

        Assert.Equal(DiagnosisKind.InsufficientData, ThrottleDiagnoser.Diagnose(facts).Kind);
    }

    [Fact]
    public void LegacyWriteThrottlesAtFullUtilisationAreInferredAsCapacityWithMediumConfidence()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .WithoutReasonMetrics()
            .Provisioned(read: 1000, write: 400)
            .Rate(M.ConsumedWriteCapacityUnits, 398)
            .PerMinute(M.WriteThrottleEvents, 120)
            .Build();

        var diagnosis = ThrottleDiagnoser.Diagnose(facts);

        Assert.Equal(DiagnosisKind.ProvisionedCapacityExhausted, diagnosis.Kind);
        Assert.Equal(Confidence.Medium, diagnosis.Confidence);
    }

    [Fact]
    public void LegacyWriteThrottlesBelowCapacityAreInferredAsAHotKey()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .WithoutReasonMetrics()
            .Provisioned(read: 1000, write: 4000)
            .Rate(M.ConsumedWriteCapacityUnits, 1100)
            .PerMinute(M.WriteThrottleEvents, 120)
            .Build();

        var diagnosis = ThrottleDiagnoser.Diagnose(facts);

        Assert.Equal(DiagnosisKind.HotKey, diagnosis.Kind);
        Assert.Equal(Confidence.Low, diagnosis.Confidence);
    }

    [Fact]
    public void ACauseWithLessThanHalfTheEventsHasLowConfidence()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .OnDemand(maxRead: 1000, maxWrite: 1000)
            .PerMinute(M.WriteMaxOnDemandThroughputThrottleEvents, 40)
            .PerMinute(M.WriteKeyRangeThroughputThrottleEvents, 30)
            .PerMinute(M.WriteAccountLimitThrottleEvents, 30)
            .Build();

        var diagnosis = ThrottleDiagnoser.Diagnose(facts);

        Assert.Equal(DiagnosisKind.OnDemandMaximumReached, diagnosis.Kind);
        Assert.Equal(Confidence.Low, diagnosis.Confidence);
        Assert.Equal([DiagnosisKind.AccountLimitReached, DiagnosisKind.HotKey], diagnosis.AlsoObserved);
    }

    [Fact]
    public void ConsumedCapacityFetchedAsAverageIsRejectedNamingTheField()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Series(M.ConsumedWriteCapacityUnits, [new MetricDatapoint(ThrottlingFactsBuilder.WindowStart, 4)], statistic: MetricStatistic.Average)
            .Build();
        int position = facts.Metrics.ToList().FindIndex(s => s.Metric == M.ConsumedWriteCapacityUnits);

        var error = Assert.Throws<AutomationException>(() => ThrottleDiagnoser.Diagnose(facts));

        Assert.Equal(ErrorTypes.InvalidInput, error.ErrorType);
        Assert.Equal($"metrics[{position}].statistic", error.Field);
    }

    [Fact]
    public void ASeriesForAnUnknownIndexIsRejectedNamingTheField()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder().PerMinute(M.ThrottledRequests, 1, "NoSuchIndex").Build();

        var error = Assert.Throws<AutomationException>(() => ThrottleDiagnoser.Diagnose(facts));

        Assert.Equal(ErrorTypes.InvalidInput, error.ErrorType);
        Assert.EndsWith(".indexName", error.Field, StringComparison.Ordinal);
    }
}
