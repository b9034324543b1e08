using Automation.Core.Diagnosis;
using Automation.Core.Facts;
using Automation.Core.Tests.Facts;

namespace Automation.Core.Tests.Diagnosis;

public class HotKeyFinderTests
{
    [Fact]
    public void ThrottledKeysComeFirstThenByShareAndOnlyAboveTheThreshold()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .TopKeys(ContributorInsightsRule.PartitionKeyAccessed, 1000, null, ("a", 600), ("b", 300), ("c", 100))
            .TopKeys(ContributorInsightsRule.PartitionKeyThrottled, 100, null, ("b", 40), ("a", 30), ("d", 10))
            .Build();

        var keys = HotKeyFinder.Find(facts, null, DiagnosisThresholds.Default);

        Assert.Equal(
            [("b", ContributorInsightsRule.PartitionKeyThrottled), ("a", ContributorInsightsRule.PartitionKeyThrottled),
             ("a", ContributorInsightsRule.PartitionKeyAccessed), ("b", ContributorInsightsRule.PartitionKeyAccessed)],
            keys.Select(k => (k.PartitionKey, k.Source)).ToList());
        Assert.Equal(600.0 / 3600, keys[2].RatePerSecond, 6);
    }

    [Fact]
    public void ReportsOfAnotherIndexAreIgnored()
    {
        ThrottlingFacts facts = new ThrottlingFactsBuilder()
            .Index("ByStatus", 100, 100)
            .TopKeys(ContributorInsightsRule.PartitionKeyThrottled, 100, "ByStatus", ("OPEN", 90))
            .Build();

        Assert.Empty(HotKeyFinder.Find(facts, null, DiagnosisThresholds.Default));
        Assert.Equal("OPEN", Assert.Single(HotKeyFinder.Find(facts, "ByStatus", DiagnosisThresholds.Default)).PartitionKey);
    }
}
