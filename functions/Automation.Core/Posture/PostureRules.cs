using System.Globalization;

namespace Automation.Core.Posture;

/// <summary>
/// The table and account posture checks, one method per <see cref="PostureRule"/> (the IAM ones are in
/// <see cref="IamPolicyAnalyzer"/>). Each is a pure function of gathered facts; each finding carries its evidence with
/// numbers, why it matters and the fix.
/// </summary>
public static class PostureRules
{
    /// <summary>The metric names that count as a throttling alarm for an index: <c>ThrottledRequests</c> and every <c>*ThrottleEvents</c>.</summary>
    public static bool IsThrottleMetric(string metricName) =>
        metricName == "ThrottledRequests" || metricName.EndsWith("ThrottleEvents", StringComparison.Ordinal);

    /// <summary>PITR off: High (an accidental delete is unrecoverable). Remediable.</summary>
    public static IEnumerable<PostureFinding> PointInTimeRecovery(TablePostureFacts table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!table.PointInTimeRecoveryEnabled)
        {
            yield return Finding(PostureRule.PointInTimeRecoveryOff, PostureSeverity.High, TableSubject(table.TableName), table.Segment,
                $"DescribeContinuousBackups: PointInTimeRecoveryStatus is not ENABLED on {table.TableName}.", PostureRemediation.EnablePointInTimeRecovery);
        }
    }

    /// <summary>Deletion protection off: Medium. Remediable.</summary>
    public static IEnumerable<PostureFinding> DeletionProtection(TablePostureFacts table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!table.DeletionProtectionEnabled)
        {
            yield return Finding(PostureRule.DeletionProtectionOff, PostureSeverity.Medium, TableSubject(table.TableName), table.Segment,
                $"DescribeTable: DeletionProtectionEnabled is false on {table.TableName}.", PostureRemediation.EnableDeletionProtection);
        }
    }

    /// <summary>
    /// Each GSI needs an alarm of its own (an <c>AWS/DynamoDB</c> metric with <c>TableName</c> = the table and
    /// <c>GlobalSecondaryIndexName</c> = the index, directly or inside metric math) on a throttle metric, and, when the
    /// index is provisioned, one on <c>ConsumedWriteCapacityUnits</c>. High: GSI write back-pressure throttles the base
    /// table. Remediable (reconcile creates them) when the table has a segment.
    /// </summary>
    public static IEnumerable<PostureFinding> UnmonitoredIndexes(TablePostureFacts table, IReadOnlyCollection<AlarmWatch> alarms)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(alarms);
        foreach (IndexPostureFacts index in table.Indexes)
        {
            List<string> throttle = AlarmsOn(alarms, table.TableName, index.IndexName, IsThrottleMetric);
            List<string> write = AlarmsOn(alarms, table.TableName, index.IndexName, m => m == "ConsumedWriteCapacityUnits");
            var missing = new List<string>();
            if (throttle.Count == 0)
            {
                missing.Add("a throttling alarm (ThrottledRequests or *ThrottleEvents)");
            }

            if (index.Provisioned && write.Count == 0)
            {
                missing.Add("a write-capacity alarm (ConsumedWriteCapacityUnits)");
            }

            if (missing.Count > 0)
            {
                string has = throttle.Count + write.Count == 0 ? "no alarm reads its metrics" : "alarms on it: " + string.Join(", ", throttle.Concat(write).Distinct(StringComparer.Ordinal));
                yield return Finding(PostureRule.UnmonitoredIndex, PostureSeverity.High, IndexSubject(table.TableName, index.IndexName), table.Segment,
                    $"GSI {index.IndexName} of {table.TableName} ({(index.Provisioned ? "provisioned" : "on-demand")}) has no {string.Join(" and no ", missing)} with its GlobalSecondaryIndexName dimension; {has}.",
                    table.Segment is null ? null : PostureRemediation.CreateSegmentAlarms);
            }
        }
    }

    /// <summary>Encryption key type below the segment's minimum: High.</summary>
    public static IEnumerable<PostureFinding> Encryption(TablePostureFacts table, PostureRequirements requirements)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(requirements);
        if (table.Encryption < requirements.MinimumEncryption)
        {
            yield return Finding(PostureRule.EncryptionBelowRequired, PostureSeverity.High, TableSubject(table.TableName), table.Segment,
                $"{table.TableName} is encrypted with an {table.Encryption} key; segment {table.Segment ?? "(none)"} requires {requirements.MinimumEncryption} or stronger.", null);
        }
    }

    /// <summary>
    /// The largest sampled item against 400 KB (409,600 bytes): at or above <see cref="PostureRequirements.ItemSizeWarnPercent"/>
    /// Medium, at or above 90 % High, at or above the limit Critical. The evidence names the dominant attributes.
    /// </summary>
    public static IEnumerable<PostureFinding> ItemSizes(TablePostureFacts table, PostureRequirements requirements)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(requirements);
        if (table.ItemSizes is not { Largest.Count: > 0 } sample)
        {
            yield break;
        }

        SampledItem largest = sample.Largest.MaxBy(i => i.Bytes)!;
        double percent = largest.Bytes * 100.0 / PostureSettings.MaxItemBytes;
        int warn = Math.Clamp(requirements.ItemSizeWarnPercent, 1, 100);
        if (percent < warn)
        {
            yield break;
        }

        PostureSeverity severity = percent >= 100 ? PostureSeverity.Critical : percent >= 90 ? PostureSeverity.High : PostureSeverity.Medium;
        string dominant = string.Join(", ", largest.LargestAttributes.Take(3).Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Name} {a.Bytes:N0} B")));
        yield return Finding(PostureRule.ItemSizeHeadroom, severity, TableSubject(table.TableName), table.Segment,
            string.Create(CultureInfo.InvariantCulture,
                $"Largest of {sample.ItemsSampled:N0} sampled items ({sample.ConsumedReadUnits:0.#} RCU) is {largest.Bytes:N0} bytes ({percent:0.#} % of 409,600; warn at {warn} %), key {largest.Key}; dominated by {(dominant.Length == 0 ? "(no attribute breakdown)" : dominant)}."),
            null);
    }

    /// <summary>Application Auto Scaling targets on a table the suite may resize: Medium.</summary>
    public static IEnumerable<PostureFinding> AutoScaling(TablePostureFacts table, PostureRequirements requirements)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(requirements);
        if (!requirements.SuiteMayResize || table.ScalableTargets.Count == 0)
        {
            yield break;
        }

        string targets = string.Join(", ", table.ScalableTargets.Select(t => t.ResourceId + " " + t.ScalableDimension));
        yield return Finding(PostureRule.AutoScalingConflict, PostureSeverity.Medium, TableSubject(table.TableName), table.Segment,
            $"Application Auto Scaling manages {targets}, and the throttling runbook may resize {table.TableName}.", null);
    }

    /// <summary>GSIs per table at or above the warn percent of the quota: Medium; at the quota: High.</summary>
    public static IEnumerable<PostureFinding> IndexQuota(TablePostureFacts table, PostureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(settings);
        if (Quota(table.Indexes.Count, settings.IndexQuota, settings.QuotaWarnPercent) is { } severity)
        {
            yield return Finding(PostureRule.IndexQuotaApproaching, severity, TableSubject(table.TableName), table.Segment,
                string.Create(CultureInfo.InvariantCulture, $"{table.TableName} has {table.Indexes.Count} of {settings.IndexQuota} GSIs (warn at {settings.QuotaWarnPercent} %)."), null);
        }
    }

    /// <summary>Tables in the account and region at or above the warn percent of the quota: Medium; at the quota: High.</summary>
    public static IEnumerable<PostureFinding> TableQuota(AccountPostureFacts account, PostureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(settings);
        if (Quota(account.TableCount, settings.TableQuota, settings.QuotaWarnPercent) is { } severity)
        {
            yield return Finding(PostureRule.TableQuotaApproaching, severity, "account/" + account.Region, null,
                string.Create(CultureInfo.InvariantCulture, $"{account.TableCount:N0} of {settings.TableQuota:N0} tables in {account.Region} (warn at {settings.QuotaWarnPercent} %)."), null);
        }
    }

    /// <summary>Contributor Insights off on a table with hot-key incidents: Medium.</summary>
    public static IEnumerable<PostureFinding> ContributorInsights(TablePostureFacts table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!table.ContributorInsightsEnabled && table.HotKeyIncidentIds.Count > 0)
        {
            yield return Finding(PostureRule.ContributorInsightsOffAfterHotKeys, PostureSeverity.Medium, TableSubject(table.TableName), table.Segment,
                $"Contributor Insights is off on {table.TableName}; {table.HotKeyIncidentIds.Count} incident(s) were hot keys: {string.Join(", ", table.HotKeyIncidentIds.Take(5))}.", null);
        }
    }

    /// <summary>The finding subject of a table.</summary>
    public static string TableSubject(string table) => "table/" + table;

    /// <summary>The finding subject of a GSI (its resource id in Application Auto Scaling's form).</summary>
    public static string IndexSubject(string table, string index) => "table/" + table + "/index/" + index;

    internal static PostureFinding Finding(PostureRule rule, PostureSeverity severity, string subject, string? segment, string evidence, PostureRemediation? remediation) =>
        new(rule, severity, subject, segment, evidence, PostureRuleCatalog.WhyItMatters(rule), PostureRuleCatalog.Fix(rule), remediation);

    private static PostureSeverity? Quota(int used, int quota, int warnPercent)
    {
        if (quota <= 0)
        {
            return null;
        }

        if (used >= quota)
        {
            return PostureSeverity.High;
        }

        return used * 100L >= (long)quota * Math.Clamp(warnPercent, 1, 100) ? PostureSeverity.Medium : null;
    }

    private static List<string> AlarmsOn(IEnumerable<AlarmWatch> alarms, string table, string index, Func<string, bool> metric) =>
        [.. alarms.Where(a => a.Metrics.Any(m =>
                m.Namespace == "AWS/DynamoDB"
                && metric(m.MetricName)
                && m.Dimensions.TryGetValue("TableName", out string? t) && t == table
                && m.Dimensions.TryGetValue("GlobalSecondaryIndexName", out string? i) && i == index))
            .Select(a => a.AlarmName)];
}
