using Automation.Core.Alarms;
using Automation.Core.Errors;
using Automation.Core.Tuning;

namespace Automation.Core.Tests.Tuning;

public class ThresholdChangeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ThresholdChange Change = new(
        "chg-1", "ddb-auto/orders/orders/WriteThrottleEvents", "orders", AlarmKind.WriteThrottleEvents,
        10, 12, 2, 3, "Raised 10 to 12.", ["inc-1", "inc-2"], new BaselineStats(3, 1, 1, 2, 2), false, Now.AddDays(-1), null);

    [Fact]
    public void RevertSwapsOldAndNewAndNamesTheChange()
    {
        ThresholdChange revert = ThresholdChanges.Revert(Change, Now, "chg-2");
        Assert.Equal("chg-2", revert.ChangeId);
        Assert.Equal((12d, 10d, 3, 2), (revert.OldThreshold, revert.NewThreshold, revert.OldEvaluationPeriods, revert.NewEvaluationPeriods));
        Assert.Equal("chg-1", revert.RevertOf);
        Assert.Equal(Now, revert.DecidedAt);
        Assert.Equal(Change.AlarmName, revert.AlarmName);
        Assert.Contains("Reverts chg-1: threshold 12 back to 10", revert.Reason, StringComparison.Ordinal);
        ThresholdChange twice = ThresholdChanges.Revert(revert, Now.AddHours(1), "chg-3");
        Assert.Equal((Change.OldThreshold, Change.NewThreshold), (twice.OldThreshold, twice.NewThreshold));
    }

    [Fact]
    public void RevertNeedsANewId()
    {
        Assert.Equal("changeId", Assert.Throws<AutomationException>(() => ThresholdChanges.Revert(Change, Now, "chg-1")).Field);
        Assert.Equal("changeId", Assert.Throws<AutomationException>(() => ThresholdChanges.Revert(Change, Now, " ")).Field);
    }

    [Fact]
    public void FromRecordsMovesOnly()
    {
        var keep = new TuningDecision(TuningAction.Keep, 10, 2, "Kept.", [], BaselineStats.Empty);
        Assert.Null(ThresholdChanges.From(keep, "c", "a", "s", AlarmKind.Latency, 10, 2, false, Now));
        ThresholdChange? raise = ThresholdChanges.From(keep with { Action = TuningAction.Raise, Threshold = 12 }, "c", "a", "s", AlarmKind.Latency, 10, 2, true, Now);
        Assert.NotNull(raise);
        Assert.Equal((10d, 12d, true, Now), (raise.OldThreshold, raise.NewThreshold, raise.DryRun, raise.DecidedAt));
    }
}
