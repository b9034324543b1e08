using Automation.Core.Facts;
using Automation.Core.Guardrails;

namespace Automation.Core.Tests.Guardrails;

public class DecreaseBudgetCalculatorTests
{
    private static readonly DateTimeOffset Day = new(2025, 3, 10, 0, 0, 0, TimeSpan.Zero);

    private static DecreaseBudget Budget(int today, DateTimeOffset? last, DateTimeOffset now) =>
        DecreaseBudgetCalculator.For(new ProvisionedThroughputFacts(100, 100, today, last, null), now);

    [Fact]
    public void FourDecreasesInTheFirstHourWhenNoneWasMadeToday()
    {
        Assert.Equal(4, Budget(0, null, Day.AddMinutes(30)).Available);
    }

    [Fact]
    public void TheFirstHourAllowanceShrinksWithEachDecreaseMadeInIt()
    {
        Assert.Equal(2, Budget(2, Day.AddMinutes(20), Day.AddMinutes(40)).Available);
    }

    [Fact]
    public void AfterFourInTheFirstHourTheNextIsAnHourAfterTheLast()
    {
        DecreaseBudget budget = Budget(4, Day.AddMinutes(50), Day.AddMinutes(55));

        Assert.Equal(0, budget.Available);
        Assert.Equal(Day.AddMinutes(110), budget.NextDecreaseAt);
    }

    [Fact]
    public void AfterTheFirstHourOneDecreaseAnHourIfNoneInThePreviousHour()
    {
        Assert.Equal(1, Budget(4, Day.AddMinutes(50), Day.AddMinutes(115)).Available);
        Assert.Equal(1, Budget(0, null, Day.AddHours(5)).Available); // none made, but not the first hour: 1
        DecreaseBudget recent = Budget(10, Day.AddHours(5).AddMinutes(10), Day.AddHours(5).AddMinutes(30));
        Assert.Equal((0, Day.AddHours(6).AddMinutes(10)), (recent.Available, recent.NextDecreaseAt));
    }

    [Fact]
    public void TwentySevenADayIsTheMaximum()
    {
        DecreaseBudget budget = Budget(27, Day.AddHours(20), Day.AddHours(23));

        Assert.Equal((0, Day.AddDays(1)), (budget.Available, budget.NextDecreaseAt));
    }

    [Fact]
    public void YesterdaysCountDoesNotCountToday()
    {
        Assert.Equal(4, Budget(3, Day.AddMinutes(-60), Day.AddMinutes(10)).Available);
    }

    [Fact]
    public void ACountWithoutADateIsTrusted()
    {
        Assert.Equal(1, Budget(2, null, Day.AddMinutes(10)).Available);
    }

    [Fact]
    public void TheWaitNeverRunsPastMidnight()
    {
        DecreaseBudget budget = Budget(20, Day.AddHours(23).AddMinutes(30), Day.AddHours(23).AddMinutes(59));

        Assert.Equal((0, Day.AddDays(1)), (budget.Available, budget.NextDecreaseAt));
    }

    [Fact]
    public void NonUtcInstantsAreJudgedInUtc()
    {
        // 01:30 at +02:00 is 23:30 UTC of the previous day: not the first hour of a UTC day.
        var now = new DateTimeOffset(2025, 3, 11, 1, 30, 0, TimeSpan.FromHours(2));

        Assert.Equal(1, Budget(0, null, now).Available);
    }
}
