namespace Automation.Core.Planning;

/// <summary>
/// Shrinks planned increases so the estimated monthly cost stays within the cap: every increase is scaled
/// by the same factor (rounded down to whole units), then trimmed one unit at a time if rounding still
/// leaves the estimate above the cap. The estimate is always recomputed in full, so the figure the plan
/// reports is the one checked.
/// </summary>
internal static class CostCapFitter
{
    /// <param name="from">Current values.</param>
    /// <param name="to">Wanted values (≥ from).</param>
    /// <param name="costOf">Full monthly estimate for a candidate set of values.</param>
    /// <param name="capUsd">The cap.</param>
    /// <returns>Values between from and to whose estimate is ≤ cap; from itself when even that is above the cap.</returns>
    public static long[] Fit(long[] from, long[] to, Func<long[], double> costOf, double capUsd)
    {
        if (costOf(to) <= capUsd)
        {
            return to;
        }

        double current = costOf(from);
        if (current >= capUsd)
        {
            return (long[])from.Clone();
        }

        // Linear in the units, so one scale factor gets close; the loop fixes rounding.
        double wanted = costOf(to) - current;
        double factor = (capUsd - current) / wanted;
        long[] fitted = new long[to.Length];
        for (int i = 0; i < to.Length; i++)
        {
            fitted[i] = from[i] + (long)Math.Floor((to[i] - from[i]) * factor);
        }

        while (costOf(fitted) > capUsd)
        {
            int largest = -1;
            for (int i = 0; i < fitted.Length; i++)
            {
                if (fitted[i] > from[i] && (largest < 0 || fitted[i] - from[i] > fitted[largest] - from[largest]))
                {
                    largest = i;
                }
            }

            if (largest < 0)
            {
                break;
            }

            fitted[largest]--;
        }

        return fitted;
    }
}
