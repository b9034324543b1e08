namespace Automation.Core.Sharding;

/// <summary>
/// How many shards a hot key needs: each shard lands on its own partition at best, so
/// N = ceil(observed units/s × headroom / partition limit), bounded by [minShards, maxShards].
/// </summary>
public static class ShardCountCalculator
{
    /// <param name="unitsPerSecond">The key's observed demand, in capacity units per second.</param>
    /// <param name="partitionLimitPerSecond">3,000 for reads, 1,000 for writes (<see cref="PartitionThroughputLimits"/>).</param>
    /// <param name="headroom">Multiplier ≥ 1 over the observed rate.</param>
    /// <param name="minShards">Lower bound ≥ 1.</param>
    /// <param name="maxShards">Upper bound ≥ minShards.</param>
    public static ShardCountDecision Calculate(double unitsPerSecond, int partitionLimitPerSecond, double headroom, int minShards, int maxShards)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionLimitPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minShards, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxShards, minShards);
        if (!double.IsFinite(unitsPerSecond) || unitsPerSecond < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(unitsPerSecond), unitsPerSecond, "must be a finite rate >= 0");
        }

        if (!double.IsFinite(headroom) || headroom < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(headroom), headroom, "must be >= 1");
        }

        double needed = Math.Ceiling(unitsPerSecond * headroom / partitionLimitPerSecond);
        int required = needed >= int.MaxValue ? int.MaxValue : Math.Max(1, (int)needed);
        int count = Math.Clamp(required, minShards, maxShards);
        return new ShardCountDecision(count, required, required > maxShards);
    }
}
