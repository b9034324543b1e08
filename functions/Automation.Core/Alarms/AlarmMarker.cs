using System.Globalization;
using System.Text;

namespace Automation.Core.Alarms;

/// <summary>
/// The machine-readable last line of the description of every alarm the suite creates:
/// <c>[ddb-automation] managed-by=&lt;stack&gt;; segment=orders@3; table=Orders; index=ByStatus; kind=WriteThrottleEvents;
/// runbook=throttling-response; base=0/1; tuned=2/1</c> (optional keys omitted). It is what makes an alarm the suite's
/// own (reconcile never changes or deletes an alarm without a marker naming its stack), what lets the trigger normaliser
/// read the table and index off a metric-math alarm, and where the tuner's threshold is remembered so that reconcile
/// keeps it (<see cref="TunedThreshold"/>) until the segment file's own value (<see cref="BaseThreshold"/>) changes.
/// </summary>
/// <param name="ManagedBy">The stack that owns the alarm.</param>
/// <param name="Segment">The segment whose file the alarm comes from.</param>
/// <param name="SegmentVersion">That file's version when the alarm was last written.</param>
/// <param name="TableName">The table.</param>
/// <param name="IndexName">The GSI, or null for the table.</param>
/// <param name="Kind">What the alarm watches.</param>
/// <param name="Runbook">The workflow that answers it (<see cref="AlarmRunbooks"/>).</param>
/// <param name="Operation">The operation (latency alarms), else null.</param>
/// <param name="Region">The receiving region (replication-latency alarms), else null.</param>
/// <param name="BaseThreshold">The threshold the segment file asks for.</param>
/// <param name="BaseEvaluationPeriods">The evaluation periods the segment file asks for.</param>
/// <param name="TunedThreshold">The tuner's threshold, when it changed the alarm; null otherwise.</param>
/// <param name="TunedEvaluationPeriods">The tuner's evaluation periods, when it changed the alarm; null otherwise.</param>
public sealed record AlarmMarker(
    string ManagedBy,
    string Segment,
    int SegmentVersion,
    string TableName,
    string? IndexName,
    AlarmKind Kind,
    string Runbook,
    string? Operation,
    string? Region,
    double BaseThreshold,
    int BaseEvaluationPeriods,
    double? TunedThreshold,
    int? TunedEvaluationPeriods)
{
    /// <summary>What the marker line starts with.</summary>
    public const string Tag = "[ddb-automation]";

    /// <summary>Whether the tuner's values are in force.</summary>
    public bool IsTuned => TunedThreshold is not null;

    /// <summary>The marker line (no line break).</summary>
    public string Format()
    {
        var b = new StringBuilder(Tag);
        b.Append(" managed-by=").Append(ManagedBy);
        b.Append("; segment=").Append(Segment).Append('@').Append(SegmentVersion.ToString(CultureInfo.InvariantCulture));
        b.Append("; table=").Append(TableName);
        if (IndexName is not null)
        {
            b.Append("; index=").Append(IndexName);
        }

        b.Append("; kind=").Append(Kind.ToString());
        b.Append("; runbook=").Append(Runbook);
        if (Operation is not null)
        {
            b.Append("; operation=").Append(Operation);
        }

        if (Region is not null)
        {
            b.Append("; region=").Append(Region);
        }

        b.Append("; base=").Append(Number(BaseThreshold)).Append('/').Append(BaseEvaluationPeriods.ToString(CultureInfo.InvariantCulture));
        if (TunedThreshold is { } t)
        {
            b.Append("; tuned=").Append(Number(t)).Append('/')
                .Append((TunedEvaluationPeriods ?? BaseEvaluationPeriods).ToString(CultureInfo.InvariantCulture));
        }

        return b.ToString();
    }

    /// <summary>
    /// The marker on the last line of <paramref name="description"/> that starts with <see cref="Tag"/>; false when there
    /// is none or it is malformed (an alarm with a malformed marker is treated as not the suite's).
    /// </summary>
    public static bool TryParse(string? description, out AlarmMarker? marker)
    {
        marker = null;
        if (string.IsNullOrEmpty(description))
        {
            return false;
        }

        string? line = null;
        foreach (var candidate in description.Split('\n'))
        {
            var trimmed = candidate.Trim();
            if (trimmed.StartsWith(Tag, StringComparison.Ordinal))
            {
                line = trimmed;
            }
        }

        if (line is null)
        {
            return false;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in line[Tag.Length..].Split(';'))
        {
            var p = part.Trim();
            if (p.Length == 0)
            {
                continue;
            }

            int eq = p.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !fields.TryAdd(p[..eq], p[(eq + 1)..]))
            {
                return false;
            }
        }

        if (!fields.TryGetValue("managed-by", out var managedBy) || managedBy.Length == 0
            || !fields.TryGetValue("segment", out var segment)
            || !fields.TryGetValue("table", out var table) || table.Length == 0
            || !fields.TryGetValue("kind", out var kindText) || !Enum.TryParse<AlarmKind>(kindText, ignoreCase: false, out var kind)
            || !Enum.IsDefined(kind) || kindText.Any(char.IsDigit)
            || !fields.TryGetValue("runbook", out var runbook) || runbook.Length == 0
            || !fields.TryGetValue("base", out var baseText) || !TryPair(baseText, out var baseThreshold, out var baseEvaluation))
        {
            return false;
        }

        int at = segment.LastIndexOf('@');
        if (at <= 0 || !int.TryParse(segment[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        double? tuned = null;
        int? tunedEvaluation = null;
        if (fields.TryGetValue("tuned", out var tunedText))
        {
            if (!TryPair(tunedText, out var t, out var te))
            {
                return false;
            }

            tuned = t;
            tunedEvaluation = te;
        }

        marker = new AlarmMarker(
            managedBy,
            segment[..at],
            version,
            table,
            fields.GetValueOrDefault("index"),
            kind,
            runbook,
            fields.GetValueOrDefault("operation"),
            fields.GetValueOrDefault("region"),
            baseThreshold,
            baseEvaluation,
            tuned,
            tunedEvaluation);
        return true;
    }

    private static bool TryPair(string text, out double threshold, out int evaluationPeriods)
    {
        threshold = 0;
        evaluationPeriods = 0;
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash > 0
            && double.TryParse(text[..slash], NumberStyles.Float, CultureInfo.InvariantCulture, out threshold)
            && double.IsFinite(threshold)
            && int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out evaluationPeriods)
            && evaluationPeriods >= 1;
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
