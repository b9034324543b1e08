using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Automation.Core.Alarms;

/// <summary>Who owns the suite's alarms: the name prefix the EventBridge rule matches and the stack named in every marker.</summary>
/// <param name="AlarmNamePrefix">The template's <c>AlarmNamePrefix</c>: every suite alarm's name starts with it.</param>
/// <param name="ManagedBy">The stack name (<c>managed-by=</c> in the marker): reconcile changes only alarms naming it.</param>
public sealed record AlarmOwner(string AlarmNamePrefix, string ManagedBy);

/// <summary>What one alarm watches: the segment it comes from and the table or GSI.</summary>
/// <param name="Segment">The segment name (<see cref="AlarmSpecBuilder.AccountSegment"/> for the account-level UserErrors alarm).</param>
/// <param name="SegmentVersion">The segment file's version (defaults.yaml's for the account alarm).</param>
/// <param name="TableName">The table (<see cref="AlarmSpecBuilder.AccountTable"/> for the account alarm).</param>
/// <param name="IndexName">The GSI, or null for the table.</param>
public sealed record AlarmTarget(string Segment, int SegmentVersion, string TableName, string? IndexName);

/// <summary>
/// Builds the one alarm of a (segment, table, index, kind, operation or region): name, description with the marker,
/// metric or metric math, threshold and tags. Pure; the reconcile planner calls it for every desired alarm and the tuner
/// calls it again with its own threshold to rewrite the same alarm (same name, same metrics, marker <c>tuned=</c>).
/// </summary>
public static class AlarmSpecBuilder
{
    /// <summary>CloudWatch's longest alarm name.</summary>
    public const int MaxNameLength = 255;

    /// <summary>CloudWatch's longest alarm description.</summary>
    public const int MaxDescriptionLength = 1024;

    /// <summary>The DynamoDB namespace.</summary>
    public const string Namespace = "AWS/DynamoDB";

    /// <summary>The marker's table of the account-level UserErrors alarm (AWS publishes UserErrors without a table).</summary>
    public const string AccountTable = "*";

    /// <summary>The marker's segment of the account-level UserErrors alarm (its settings come from defaults.yaml).</summary>
    public const string AccountSegment = "defaults";

    /// <summary>What stands for the table in the account-level alarm's name: <c>&lt;prefix&gt;account-UserErrors</c>.</summary>
    public const string AccountNamePart = "account";

    /// <summary>Tag keys written on every suite alarm.</summary>
    public const string TagPrefix = "ddb-automation:";

    /// <summary>How missing data is treated: DynamoDB publishes throttle and error counts only for minutes that had some.</summary>
    public const string TreatMissingData = "notBreaching";

    /// <summary>
    /// The alarm for <paramref name="target"/> and <paramref name="kind"/>, from the segment's resolved
    /// <paramref name="settings"/>. <paramref name="qualifier"/> is the operation of a <see cref="AlarmKind.Latency"/>
    /// alarm or the receiving region of a <see cref="AlarmKind.ReplicationLatency"/> alarm, null for every other kind.
    /// With <paramref name="tunedThreshold"/> (and optionally <paramref name="tunedEvaluationPeriods"/>) the alarm uses
    /// them and its marker records them beside the file's base values; for UserErrors the threshold is the anomaly band's
    /// width in standard deviations.
    /// </summary>
    public static AlarmSpec Build(
        AlarmOwner owner,
        AlarmTarget target,
        AlarmKind kind,
        string? qualifier,
        AlarmSettings settings,
        double? tunedThreshold = null,
        int? tunedEvaluationPeriods = null)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        bool needsQualifier = kind is AlarmKind.Latency or AlarmKind.ReplicationLatency;
        if (needsQualifier != qualifier is not null)
        {
            throw new ArgumentException(needsQualifier
                ? $"a {kind} alarm needs its {(kind == AlarmKind.Latency ? "operation" : "receiving region")}"
                : $"a {kind} alarm has no operation or region", nameof(qualifier));
        }

        if (kind == AlarmKind.UserErrors != (target.TableName == AccountTable))
        {
            throw new ArgumentException($"UserErrors is the account-level alarm (table '{AccountTable}'); other kinds watch a table", nameof(target));
        }

        AlarmKindSettings k = settings.For(kind);
        double threshold = tunedThreshold ?? k.Threshold;
        int evaluation = tunedEvaluationPeriods ?? k.EvaluationPeriods;
        int datapoints = Math.Clamp(k.DatapointsToAlarm, 1, evaluation);
        var marker = new AlarmMarker(owner.ManagedBy, target.Segment, target.SegmentVersion, target.TableName, target.IndexName, kind,
            AlarmKinds.Runbook(kind), kind == AlarmKind.Latency ? qualifier : null, kind == AlarmKind.ReplicationLatency ? qualifier : null,
            k.Threshold, k.EvaluationPeriods, tunedThreshold, tunedThreshold is null ? null : evaluation);
        int period = settings.PeriodSeconds;
        SpecMetric? metric = null;
        IReadOnlyList<SpecMetricQuery>? metrics = null;
        string comparison = "GreaterThanThreshold";
        double? alarmThreshold = threshold;
        string? thresholdMetricId = null;
        List<SpecDimension> resource = Dimensions(target);
        switch (kind)
        {
            case AlarmKind.ThrottledRequests:
            case AlarmKind.SystemErrors:
                metrics = SumOverOperations(kind.ToString(), target.TableName, settings.LatencyOperations, period);
                break;
            case AlarmKind.ReadCapacityUtilisation:
            case AlarmKind.WriteCapacityUtilisation:
                bool read = kind == AlarmKind.ReadCapacityUtilisation;
                metrics =
                [
                    new SpecMetricQuery("consumed", null, new SpecMetric(Namespace, read ? "ConsumedReadCapacityUnits" : "ConsumedWriteCapacityUnits", resource, period, "Sum", null), null, false),
                    new SpecMetricQuery("provisioned", null, new SpecMetric(Namespace, read ? "ProvisionedReadCapacityUnits" : "ProvisionedWriteCapacityUnits", resource, period, "Average", null), null, false),
                    new SpecMetricQuery("utilisation", "consumed / PERIOD(consumed) / provisioned * 100",
                        null, $"{(read ? "Read" : "Write")} capacity used (% of provisioned)", true),
                ];
                break;
            case AlarmKind.Latency:
                metric = new SpecMetric(Namespace, "SuccessfulRequestLatency",
                    [new SpecDimension("TableName", target.TableName), new SpecDimension("Operation", qualifier!)], period, null, "p99");
                break;
            case AlarmKind.ReplicationLatency:
                metric = new SpecMetric(Namespace, "ReplicationLatency",
                    [new SpecDimension("TableName", target.TableName), new SpecDimension("ReceivingRegion", qualifier!)], period, "Average", null);
                break;
            case AlarmKind.ConditionalCheckFailures:
                metric = new SpecMetric(Namespace, "ConditionalCheckFailedRequests", [new SpecDimension("TableName", target.TableName)], period, "Sum", null);
                break;
            case AlarmKind.UserErrors:
                metrics =
                [
                    new SpecMetricQuery("errors", null, new SpecMetric(Namespace, "UserErrors", [], period, "Sum", null), "UserErrors", true),
                    new SpecMetricQuery("band", $"ANOMALY_DETECTION_BAND(errors, {Number(threshold)})", null, "UserErrors (expected band)", true),
                ];
                comparison = "GreaterThanUpperThreshold";
                alarmThreshold = null;
                thresholdMetricId = "band";
                break;
            default:
                metric = new SpecMetric(Namespace, AlarmKinds.MetricName(kind), resource, period, "Sum", null);
                break;
        }

        var tags = new List<AlarmTag>
        {
            new(TagPrefix + "managed-by", owner.ManagedBy),
            new(TagPrefix + "segment", target.Segment),
            new(TagPrefix + "table", target.TableName),
        };
        if (target.IndexName is not null)
        {
            tags.Add(new AlarmTag(TagPrefix + "index", target.IndexName));
        }

        tags.Add(new AlarmTag(TagPrefix + "kind", kind.ToString()));
        return new AlarmSpec(Name(owner.AlarmNamePrefix, target, kind, qualifier), Describe(target, kind, qualifier, marker), marker,
            metric, metrics, comparison, alarmThreshold, thresholdMetricId, evaluation, datapoints, TreatMissingData, tags);
    }

    /// <summary>
    /// <c>&lt;prefix&gt;&lt;table&gt;[-&lt;index&gt;]-&lt;Kind&gt;[-&lt;qualifier&gt;]</c>; a name over 255 characters keeps the
    /// prefix and its start and ends in a hash of the full name (still unique, still matched by the prefix rule).
    /// </summary>
    public static string Name(string prefix, AlarmTarget target, AlarmKind kind, string? qualifier)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(target);
        var b = new StringBuilder(prefix);
        b.Append(target.TableName == AccountTable ? AccountNamePart : target.TableName);
        if (target.IndexName is not null)
        {
            b.Append('-').Append(target.IndexName);
        }

        b.Append('-').Append(kind.ToString());
        if (qualifier is not null)
        {
            b.Append('-').Append(qualifier);
        }

        string name = b.ToString();
        if (name.Length <= MaxNameLength)
        {
            return name;
        }

        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..12];
        return string.Concat(name.AsSpan(0, MaxNameLength - hash.Length - 1), "~", hash);
    }

    private static string Describe(AlarmTarget target, AlarmKind kind, string? qualifier, AlarmMarker marker)
    {
        string what = target.TableName == AccountTable
            ? "DynamoDB UserErrors of the account and region against its anomaly band"
            : $"DynamoDB {kind}{(qualifier is null ? string.Empty : $" ({qualifier})")} of table {target.TableName}{(target.IndexName is null ? string.Empty : $", index {target.IndexName}")}";
        string source = target.Segment == AccountSegment ? "runbooks/defaults.yaml" : $"runbooks/segments/{target.Segment}.yaml";
        string text = $"{what}. Answered by the {marker.Runbook} runbook (statemachines/{marker.Runbook}.asl.json). "
            + $"Kept by the alarm-reconcile workflow from {source}: change the file, not the alarm.";
        string line = marker.Format();
        int room = MaxDescriptionLength - line.Length - 1;
        return room <= 0 ? line : $"{(text.Length > room ? text[..room] : text)}\n{line}";
    }

    private static List<SpecDimension> Dimensions(AlarmTarget target)
    {
        var dimensions = new List<SpecDimension> { new("TableName", target.TableName) };
        if (target.IndexName is not null)
        {
            dimensions.Add(new SpecDimension("GlobalSecondaryIndexName", target.IndexName));
        }

        return dimensions;
    }

    private static List<SpecMetricQuery> SumOverOperations(string metricName, string table, IReadOnlyList<string> operations, int period)
    {
        var queries = new List<SpecMetricQuery>();
        for (int i = 0; i < operations.Count; i++)
        {
            queries.Add(new SpecMetricQuery($"m{i.ToString(CultureInfo.InvariantCulture)}", null,
                new SpecMetric(Namespace, metricName, [new SpecDimension("TableName", table), new SpecDimension("Operation", operations[i])], period, "Sum", null),
                operations[i], false));
        }

        string ids = string.Join(", ", queries.Select(q => q.Id));
        queries.Add(new SpecMetricQuery("total", $"SUM([{ids}])", null, $"{metricName} ({string.Join(", ", operations)})", true));
        return queries;
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
