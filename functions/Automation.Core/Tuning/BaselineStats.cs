using Automation.Core.Facts;

namespace Automation.Core.Tuning;

/// <summary>A time window, start and end inclusive (an incident: from its alarm to its close).</summary>
public sealed record TimeWindow(DateTimeOffset Start, DateTimeOffset End);

/// <summary>The metric's normal behaviour over the tuning window, incident windows excluded (nearest-rank percentiles).</summary>
/// <param name="Count">Datapoints used.</param>
/// <param name="Mean">Their mean.</param>
/// <param name="P50">Their median.</param>
/// <param name="P95">Their 95th percentile: the top of the normal range.</param>
/// <param name="Max">Their maximum.</param>
public sealed record BaselineStats(int Count, double Mean, double P50, double P95, double Max)
{
    public static BaselineStats Empty { get; } = new(0, 0, 0, 0, 0);

    /// <summary>
    /// Stats of the datapoints of <paramref name="series"/> in [<paramref name="from"/>, <paramref name="to"/>) whose period
    /// [timestamp, timestamp + period) overlaps no incident window. Only datapoints present count (CloudWatch omits
    /// empty periods; leaving them out keeps the normal range high, which only makes a lower more cautious).
    /// </summary>
    public static BaselineStats From(MetricSeries series, IReadOnlyList<TimeWindow> incidentWindows, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(incidentWindows);
        var period = TimeSpan.FromSeconds(Math.Max(0, series.PeriodSeconds));
        double[] kept = [.. series.Datapoints
            .Where(p => double.IsFinite(p.Value) && p.Timestamp >= from && p.Timestamp < to
                && !incidentWindows.Any(w => p.Timestamp <= w.End && p.Timestamp + period > w.Start))
            .Select(p => p.Value)
            .Order()];
        if (kept.Length == 0)
        {
            return Empty;
        }

        return new(kept.Length, kept.Average(), Rank(kept, 0.50), Rank(kept, 0.95), kept[^1]);
    }

    private static double Rank(double[] sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}
