using Automation.Core.Sharding;

namespace Automation.Core.Tests.Sharding;

public class ShardCountCalculatorTests
{
    [Theory]
    [InlineData(2400, 1000, 1.5, 2, 32, 4, 4, false)] // 3,600 / 1,000 → 4
    [InlineData(300, 1000, 1.5, 2, 32, 2, 1, false)] // below one partition: the minimum
    [InlineData(7000, 3000, 1.5, 2, 32, 4, 4, false)] // reads: 10,500 / 3,000 → 4
    [InlineData(60000, 1000, 1.0, 2, 32, 32, 60, true)] // more than the maximum allows
    [InlineData(1000, 1000, 1.0, 1, 8, 1, 1, false)] // exactly one partition's worth
    public void ShardsCoverTheRateWithHeadroomWithinBounds(double rate, int limit, double headroom, int min, int max, int expected, int required, bool capped)
    {
        ShardCountDecision decision = ShardCountCalculator.Calculate(rate, limit, headroom, min, max);

        Assert.Equal(new ShardCountDecision(expected, required, capped), decision);
    }

    [Fact]
    public void InvalidInputsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardCountCalculator.Calculate(double.NaN, 1000, 1.5, 1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardCountCalculator.Calculate(10, 1000, 0.5, 1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardCountCalculator.Calculate(10, 1000, 1.5, 3, 2));
    }
}
