namespace Automation.Core.Planning;

/// <summary>Capacity arithmetic on whole units, saturating instead of overflowing.</summary>
internal static class Units
{
    /// <summary>A bound far above any DynamoDB quota, so products of rates and factors never overflow.</summary>
    public const long Saturation = 1L << 40;

    public static long Ceiling(double value) => value >= Saturation ? Saturation : value <= 0 ? 0 : (long)Math.Ceiling(value);

    /// <summary>
    /// The raise target while throttled: demand × headroom, but at least current × minimum factor and at least
    /// current + 1 (minute sums hide bursts, so the demand estimate can read below the capacity it exhausted).
    /// </summary>
    public static long RaiseTarget(long current, double demandPerSecond, double headroom, double minimumIncreaseFactor) =>
        Math.Max(Math.Max(Ceiling(demandPerSecond * headroom), Ceiling(current * minimumIncreaseFactor)), current + 1);
}
