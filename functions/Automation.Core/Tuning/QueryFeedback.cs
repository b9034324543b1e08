using System.Globalization;

using Automation.Core.Queries;

namespace Automation.Core.Tuning;

/// <summary>What a query-runbook template's runs say.</summary>
public enum QueryFlagKind
{
    /// <summary>A run consumed at least <see cref="QueryFeedbackSettings.CeilingFraction"/> of the template's read ceiling.</summary>
    NearReadCeiling,

    /// <summary>The recent runs' mean consumed units exceed the older runs' mean by more than <see cref="QueryFeedbackSettings.DriftFactor"/>.</summary>
    CostDrift,
}

/// <summary>One flag, with its numbers.</summary>
/// <param name="Kind">What.</param>
/// <param name="TemplateName">The template.</param>
/// <param name="RunIds">The runs behind it (one for NearReadCeiling; the recent runs for CostDrift).</param>
/// <param name="Value">Consumed units (NearReadCeiling) or the recent mean (CostDrift).</param>
/// <param name="Reference">The read ceiling (NearReadCeiling) or the older mean (CostDrift).</param>
/// <param name="Message">One sentence with the numbers.</param>
public sealed record QueryFeedbackFlag(QueryFlagKind Kind, string TemplateName, IReadOnlyList<string> RunIds, double Value, double Reference, string Message);

/// <summary>How query-runbook runs are judged.</summary>
/// <param name="CeilingFraction">Flag a run at or above this fraction of its read ceiling (0.8).</param>
/// <param name="DriftFactor">Flag drift when the recent mean is above this multiple of the older mean (1.5).</param>
/// <param name="RecentRuns">How many of the latest runs are "recent" (5).</param>
/// <param name="MinimumOlderRuns">Drift needs at least this many older runs to compare with (3).</param>
public sealed record QueryFeedbackSettings(double CeilingFraction = 0.8, double DriftFactor = 1.5, int RecentRuns = 5, int MinimumOlderRuns = 3)
{
    public static QueryFeedbackSettings Default { get; } = new();
}

/// <summary>
/// Query-runbook feedback (pure): over one template's succeeded runs (others read nothing or an unknown amount),
/// flags each run at or above the ceiling fraction, and cost drift when the latest <c>RecentRuns</c> runs' mean
/// consumed units is above <c>DriftFactor</c> × the mean of the runs before them (needs a positive older mean and at
/// least <c>MinimumOlderRuns</c> of them). Runs are ordered by start time, then run id.
/// </summary>
public static class QueryFeedback
{
    public static IReadOnlyList<QueryFeedbackFlag> Review(string templateName, IEnumerable<QueryAuditRecord> audits, QueryFeedbackSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(templateName);
        ArgumentNullException.ThrowIfNull(audits);
        QueryFeedbackSettings s = settings ?? QueryFeedbackSettings.Default;
        var runs = audits
            .Where(a => a.Status == QueryRunStatus.Succeeded && string.Equals(a.TemplateName, templateName, StringComparison.Ordinal) && double.IsFinite(a.ConsumedUnits))
            .OrderBy(a => a.StartedAt).ThenBy(a => a.RunId, StringComparer.Ordinal)
            .ToList();
        var flags = new List<QueryFeedbackFlag>();
        foreach (QueryAuditRecord run in runs)
        {
            if (run.ReadCeiling is { } ceiling && ceiling > 0 && run.ConsumedUnits >= s.CeilingFraction * ceiling)
            {
                flags.Add(new(
                    QueryFlagKind.NearReadCeiling,
                    templateName,
                    [run.RunId],
                    run.ConsumedUnits,
                    ceiling,
                    F($"Run {run.RunId} of {templateName} consumed {run.ConsumedUnits} read units, {run.ConsumedUnits / ceiling * 100:0.#}% of its ceiling {ceiling} (flagged at {s.CeilingFraction * 100:0.#}%).")));
            }
        }

        int recentCount = Math.Max(1, s.RecentRuns);
        if (runs.Count - recentCount >= Math.Max(1, s.MinimumOlderRuns))
        {
            List<QueryAuditRecord> recent = runs[^recentCount..];
            double recentMean = recent.Average(r => r.ConsumedUnits);
            double olderMean = runs[..^recentCount].Average(r => r.ConsumedUnits);
            if (olderMean > 0 && recentMean > s.DriftFactor * olderMean)
            {
                flags.Add(new(
                    QueryFlagKind.CostDrift,
                    templateName,
                    [.. recent.Select(r => r.RunId)],
                    recentMean,
                    olderMean,
                    F($"The latest {recentCount} runs of {templateName} consumed {recentMean:0.##} read units on average, {recentMean / olderMean:0.##}× the {olderMean:0.##} of the {runs.Count - recentCount} before them (flagged above {s.DriftFactor}×).")));
            }
        }

        return flags;
    }

    /// <summary>How many of a template's earlier runs a new run is compared with (the audit store reads at most this many).</summary>
    public const int LookBackRuns = 20;

    /// <summary>
    /// The flags a new run raises against the template's earlier runs: its own <see cref="QueryFlagKind.NearReadCeiling"/>,
    /// and <see cref="QueryFlagKind.CostDrift"/> when the recent runs it belongs to drift. Earlier runs' own ceiling flags
    /// are theirs (already on their records), so they are not repeated. Only earlier runs of the same template and
    /// segment that started before it count; a run that did not succeed raises nothing.
    /// </summary>
    public static IReadOnlyList<QueryFeedbackFlag> ForRun(QueryAuditRecord run, IEnumerable<QueryAuditRecord> earlier, QueryFeedbackSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(earlier);
        if (run.Status != QueryRunStatus.Succeeded || run.TemplateName is not { } template)
        {
            return [];
        }

        var history = earlier
            .Where(a => !string.Equals(a.RunId, run.RunId, StringComparison.Ordinal)
                && string.Equals(a.Segment, run.Segment, StringComparison.Ordinal)
                && (a.StartedAt < run.StartedAt || (a.StartedAt == run.StartedAt && string.CompareOrdinal(a.RunId, run.RunId) < 0)))
            .Append(run);
        return [.. Review(template, history, settings).Where(f => f.RunIds.Contains(run.RunId, StringComparer.Ordinal))];
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
