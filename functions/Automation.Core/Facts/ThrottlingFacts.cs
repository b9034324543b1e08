namespace Automation.Core.Facts;

/// <summary>
/// Everything the diagnosis and the planner know about one throttling incident, gathered just before
/// diagnosing: the table description, metric series over a window, top keys, and mode-switch history.
/// </summary>
/// <param name="Table">DescribeTable facts.</param>
/// <param name="WindowStart">Start of the metric window (inclusive).</param>
/// <param name="WindowEnd">End of the metric window (exclusive).</param>
/// <param name="Metrics">Metric series for the table and its GSIs (see <see cref="MetricSeries"/>).</param>
/// <param name="ContributorInsights">Top-key reports (empty when Contributor Insights is not enabled).</param>
/// <param name="OnDemandSwitches">Times of recent provisioned → on-demand switches of this table (from incident history).</param>
public sealed record ThrottlingFacts(
    TableFacts Table,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    IReadOnlyList<MetricSeries> Metrics,
    IReadOnlyList<ContributorInsightsReport> ContributorInsights,
    IReadOnlyList<DateTimeOffset> OnDemandSwitches)
{
    /// <summary>
    /// Application Auto Scaling targets on the table and its GSIs (DescribeScalableTargets). The planner never sets
    /// provisioned capacity of a table or GSI that has one: Auto Scaling would undo it, and the two would fight.
    /// </summary>
    public IReadOnlyList<ScalableTarget> ScalableTargets
    {
        get => _scalableTargets;
        init => _scalableTargets = value ?? []; // absent or null in a step's JSON input: none
    }

    private readonly IReadOnlyList<ScalableTarget> _scalableTargets = [];
}
