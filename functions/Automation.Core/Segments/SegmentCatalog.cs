using Automation.Core.Alarms;
using Automation.Core.Guardrails;
using Automation.Core.Posture;
using Automation.Core.Queries;

namespace Automation.Core.Segments;

/// <summary>Limits every query template is checked against (<c>runbooks/defaults.yaml</c>, <c>queries</c>).</summary>
/// <param name="MaxReadCeiling">Largest read ceiling a template may declare, RCU per run.</param>
/// <param name="MaxPageSize">Largest page size (DynamoDB Limit).</param>
/// <param name="MaxPageLimit">Most pages a run may read.</param>
public sealed record QueryLimits(double MaxReadCeiling, int MaxPageSize, int MaxPageLimit)
{
    /// <summary>Built-in limits, used when defaults.yaml leaves them out.</summary>
    public static QueryLimits Default { get; } = new(MaxReadCeiling: 10_000, MaxPageSize: 1_000, MaxPageLimit: 100);
}

/// <summary>
/// The whole <c>runbooks/</c> folder, parsed and linted: defaults, prices, every segment file and its templates.
/// </summary>
/// <param name="Version">defaults.yaml's version.</param>
/// <param name="Guardrails">The guardrail policy (defaults, pricing, every segment's resolved settings).</param>
/// <param name="Limits">Query limits.</param>
/// <param name="Segments">Every segment file.</param>
public sealed record SegmentCatalog(
    int Version,
    GuardrailPolicy Guardrails,
    QueryLimits Limits,
    IReadOnlyList<SegmentDefinition> Segments)
{
    /// <summary>
    /// The alarm settings of defaults.yaml (built-in ← its <c>alarms</c> section): what every segment starts from, and
    /// the settings of the account-level UserErrors alarm.
    /// </summary>
    public AlarmSettings Alarms { get; init; } = AlarmDefaults.Settings;

    /// <summary>defaults.yaml's <c>posture</c> section: run-wide settings, the item-size sample, default requirements.</summary>
    public PostureDefaults Posture { get; init; } = PostureDefaults.Default;

    /// <summary>defaults.yaml's <c>safety</c> section (built-in: nothing marked risky): what a table no segment covers gets.</summary>
    public Safety.SafetySettings Safety { get; init; } = Core.Safety.SafetySettings.Default;

    /// <summary>The safety settings of the most specific segment covering the table, index and key, else the defaults'.</summary>
    public Safety.SafetySettings SafetyFor(string table, string? index = null, string? partitionKey = null) =>
        SegmentFor(table, index, partitionKey)?.Safety ?? Safety;

    /// <summary>The template of that name and the segment that declares it, or null.</summary>
    public (QueryTemplate Template, SegmentDefinition Segment)? FindTemplate(string name)
    {
        foreach (SegmentDefinition segment in Segments)
        {
            foreach (QueryTemplate template in segment.Queries)
            {
                if (string.Equals(template.Name, name, StringComparison.Ordinal))
                {
                    return (template, segment);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The most specific segment containing a read of <paramref name="table"/> (through <paramref name="index"/>) at
    /// <paramref name="partitionKey"/>: key prefix (longest) ← index ← table; null if none covers it.
    /// </summary>
    public SegmentDefinition? SegmentFor(string table, string? index = null, string? partitionKey = null)
    {
        SegmentDefinition? best = null;
        foreach (SegmentDefinition segment in Segments)
        {
            SegmentScope scope = segment.Covers;
            bool matches = scope.Contains(table, index, partitionKey)
                || (scope.Index is null && scope.KeyPrefix is null && string.Equals(scope.Table, table, StringComparison.Ordinal));
            if (!matches)
            {
                continue;
            }

            if (best is null
                || scope.Specificity > best.Covers.Specificity
                || (scope.Specificity == best.Covers.Specificity && (scope.KeyPrefix?.Length ?? 0) > (best.Covers.KeyPrefix?.Length ?? 0)))
            {
                best = segment;
            }
        }

        return best;
    }
}
