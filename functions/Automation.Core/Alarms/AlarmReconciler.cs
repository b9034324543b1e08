namespace Automation.Core.Alarms;

/// <summary>
/// An alarm as DescribeAlarms reports it, reduced to what reconcile compares (tags are not in DescribeAlarms; they are
/// written on creation only).
/// </summary>
public sealed record ExistingAlarm(
    string AlarmName,
    string? Description,
    SpecMetric? Metric,
    IReadOnlyList<SpecMetricQuery>? Metrics,
    string? ComparisonOperator,
    double? Threshold,
    string? ThresholdMetricId,
    int EvaluationPeriods,
    int? DatapointsToAlarm,
    string? TreatMissingData,
    bool ActionsEnabled = true)
{
    /// <summary>The configuration <paramref name="spec"/> would leave (what reconcile expects to read back after writing it).</summary>
    public static ExistingAlarm From(AlarmSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new(spec.AlarmName, spec.Description, spec.Metric, spec.Metrics, spec.ComparisonOperator, spec.Threshold, spec.ThresholdMetricId,
            spec.EvaluationPeriods, spec.DatapointsToAlarm, spec.TreatMissingData);
    }
}

/// <summary>An alarm to rewrite, and the fields that drifted from the segment files.</summary>
public sealed record AlarmUpdate(AlarmSpec Spec, IReadOnlyList<string> Drifted);

/// <summary>A desired name held by an alarm that is not this stack's: left alone.</summary>
public sealed record AlarmConflict(string AlarmName, string Reason);

/// <summary>What reconcile does.</summary>
/// <param name="Creates">Missing alarms (written with tags).</param>
/// <param name="Updates">Drifted alarms (rewritten; tuned values kept while the file's base is unchanged).</param>
/// <param name="Deletes">This stack's alarms that nothing asks for any more, in name order.</param>
/// <param name="Conflicts">Desired names taken by alarms without this stack's marker.</param>
/// <param name="Unchanged">Alarms already as desired.</param>
/// <param name="KeptTuned">Of the creates, updates and unchanged: the names whose tuned threshold is kept.</param>
public sealed record ReconcilePlan(
    IReadOnlyList<AlarmSpec> Creates,
    IReadOnlyList<AlarmUpdate> Updates,
    IReadOnlyList<string> Deletes,
    IReadOnlyList<AlarmConflict> Conflicts,
    IReadOnlyList<string> Unchanged,
    IReadOnlyList<string> KeptTuned)
{
    /// <summary>Whether applying it changes nothing.</summary>
    public bool IsEmpty => Creates.Count == 0 && Updates.Count == 0 && Deletes.Count == 0;
}

/// <summary>
/// Desired alarms against the existing ones (DescribeAlarms under the prefix). Pure. Never creates over, updates or
/// deletes an alarm whose marker does not name <see cref="AlarmOwner.ManagedBy"/>. An existing alarm of this stack is
/// deleted when nothing desires it, unless its segment is out of scope (segment filter) or its table could not be
/// described this run.
/// </summary>
public static class AlarmReconciler
{
    /// <summary>The changes that bring <paramref name="existing"/> to <paramref name="plan"/>.</summary>
    /// <param name="plan">The planner's desired alarms, scope and missing tables.</param>
    /// <param name="existing">Every alarm under the prefix.</param>
    /// <param name="owner">Prefix and stack.</param>
    /// <param name="segmentFilter">The run's segment filter (null: every segment; only then are alarms of removed segments deleted).</param>
    /// <param name="unitTable">
    /// The one table a <see cref="AlarmUnits">reconcile unit</see> reconciles: an existing alarm whose marker names another
    /// table (e.g. <c>Orders-Archive</c>'s, listed under <c>Orders-</c>) is not this unit's to delete. Null: every table.
    /// </param>
    public static ReconcilePlan Reconcile(AlarmPlan plan, IReadOnlyList<ExistingAlarm> existing, AlarmOwner owner, IReadOnlyCollection<string>? segmentFilter = null,
        string? unitTable = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(owner);
        var byName = new Dictionary<string, ExistingAlarm>(StringComparer.Ordinal);
        foreach (ExistingAlarm e in existing)
        {
            byName.TryAdd(e.AlarmName, e);
        }

        var creates = new List<AlarmSpec>();
        var updates = new List<AlarmUpdate>();
        var conflicts = new List<AlarmConflict>();
        var unchanged = new List<string>();
        var tuned = new List<string>();
        var desiredNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (DesiredAlarm d in plan.Alarms)
        {
            if (!desiredNames.Add(d.Spec.AlarmName))
            {
                continue;
            }

            if (!byName.TryGetValue(d.Spec.AlarmName, out ExistingAlarm? e))
            {
                creates.Add(d.Spec);
                continue;
            }

            if (Ours(e, owner) is not { } marker)
            {
                conflicts.Add(new AlarmConflict(d.Spec.AlarmName, AlarmMarker.TryParse(e.Description, out var other)
                    ? $"the alarm is managed by stack '{other!.ManagedBy}', not '{owner.ManagedBy}'"
                    : "an alarm of that name exists without the suite's marker: it is not the suite's (rename or delete it to let reconcile create its own)"));
                continue;
            }

            AlarmSpec spec = d.Spec;
            AlarmKindSettings k = d.Settings.For(d.Kind);
            if (marker.IsTuned && !k.Pinned && marker.Kind == d.Kind
                && marker.BaseThreshold.Equals(spec.Marker.BaseThreshold) && marker.BaseEvaluationPeriods == spec.Marker.BaseEvaluationPeriods)
            {
                spec = AlarmSpecBuilder.Build(owner, d.Target, d.Kind, d.Qualifier, d.Settings, marker.TunedThreshold, marker.TunedEvaluationPeriods);
                tuned.Add(spec.AlarmName);
            }

            IReadOnlyList<string> drifted = Drift(e, spec);
            if (drifted.Count == 0)
            {
                unchanged.Add(spec.AlarmName);
            }
            else
            {
                updates.Add(new AlarmUpdate(spec, drifted));
            }
        }

        var missing = new HashSet<string>(plan.MissingTables, StringComparer.Ordinal);
        var deletes = new List<string>();
        foreach (ExistingAlarm e in existing)
        {
            if (desiredNames.Contains(e.AlarmName) || !e.AlarmName.StartsWith(owner.AlarmNamePrefix, StringComparison.Ordinal)
                || Ours(e, owner) is not { } marker)
            {
                continue;
            }

            bool outOfScope = segmentFilter is not null && !segmentFilter.Contains(marker.Segment);
            bool otherUnit = unitTable is not null && !string.Equals(marker.TableName, unitTable, StringComparison.Ordinal);
            if (outOfScope || otherUnit || missing.Contains(marker.TableName) || deletes.Contains(e.AlarmName, StringComparer.Ordinal))
            {
                continue;
            }

            deletes.Add(e.AlarmName);
        }

        deletes.Sort(StringComparer.Ordinal);
        return new ReconcilePlan(creates, updates, deletes, conflicts, unchanged, tuned);
    }

    /// <summary>The alarm's marker when it names this stack, else null.</summary>
    public static AlarmMarker? Ours(ExistingAlarm alarm, AlarmOwner owner)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(owner);
        return AlarmMarker.TryParse(alarm.Description, out AlarmMarker? m) && string.Equals(m!.ManagedBy, owner.ManagedBy, StringComparison.Ordinal) ? m : null;
    }

    /// <summary>The fields in which <paramref name="e"/> differs from <paramref name="spec"/> (PutMetricAlarm's names).</summary>
    public static IReadOnlyList<string> Drift(ExistingAlarm e, AlarmSpec spec)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(spec);
        var drifted = new List<string>();
        if (!string.Equals(e.Description, spec.Description, StringComparison.Ordinal))
        {
            drifted.Add("AlarmDescription");
        }

        if (!SameMetric(e.Metric, spec.Metric))
        {
            drifted.Add("Metric");
        }

        if (!SameQueries(e.Metrics, spec.Metrics))
        {
            drifted.Add("Metrics");
        }

        if (!string.Equals(e.ComparisonOperator, spec.ComparisonOperator, StringComparison.Ordinal))
        {
            drifted.Add("ComparisonOperator");
        }

        if (!Nullable.Equals(e.Threshold, spec.Threshold))
        {
            drifted.Add("Threshold");
        }

        if (!string.Equals(e.ThresholdMetricId, spec.ThresholdMetricId, StringComparison.Ordinal))
        {
            drifted.Add("ThresholdMetricId");
        }

        if (e.EvaluationPeriods != spec.EvaluationPeriods)
        {
            drifted.Add("EvaluationPeriods");
        }

        if ((e.DatapointsToAlarm ?? e.EvaluationPeriods) != spec.DatapointsToAlarm)
        {
            drifted.Add("DatapointsToAlarm");
        }

        if (!string.Equals(e.TreatMissingData ?? "missing", spec.TreatMissingData, StringComparison.Ordinal))
        {
            drifted.Add("TreatMissingData");
        }

        if (!e.ActionsEnabled)
        {
            drifted.Add("ActionsEnabled");
        }

        return drifted;
    }

    private static bool SameMetric(SpecMetric? a, SpecMetric? b) =>
        a is null || b is null
            ? a is null && b is null
            : string.Equals(a.Namespace, b.Namespace, StringComparison.Ordinal) && string.Equals(a.MetricName, b.MetricName, StringComparison.Ordinal)
                && a.Period == b.Period && string.Equals(a.Statistic, b.Statistic, StringComparison.Ordinal)
                && string.Equals(a.ExtendedStatistic, b.ExtendedStatistic, StringComparison.Ordinal)
                && a.Dimensions.OrderBy(d => d.Name, StringComparer.Ordinal).SequenceEqual(b.Dimensions.OrderBy(d => d.Name, StringComparer.Ordinal));

    private static bool SameQueries(IReadOnlyList<SpecMetricQuery>? a, IReadOnlyList<SpecMetricQuery>? b)
    {
        if (a is null || a.Count == 0 || b is null || b.Count == 0)
        {
            return (a is null || a.Count == 0) && (b is null || b.Count == 0);
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Count; i++)
        {
            SpecMetricQuery x = a[i];
            SpecMetricQuery y = b[i];
            if (!string.Equals(x.Id, y.Id, StringComparison.Ordinal) || !string.Equals(x.Expression, y.Expression, StringComparison.Ordinal)
                || !string.Equals(x.Label, y.Label, StringComparison.Ordinal) || x.ReturnData != y.ReturnData
                || !SameStat(x.MetricStat, y.MetricStat))
            {
                return false;
            }
        }

        return true;
    }

    // In a MetricStat, CloudWatch keeps one "Stat" whether plain or percentile: compare that.
    private static bool SameStat(SpecMetric? a, SpecMetric? b) =>
        a is null || b is null
            ? a is null && b is null
            : SameMetric(a with { Statistic = a.Stat, ExtendedStatistic = null }, b with { Statistic = b.Stat, ExtendedStatistic = null });
}
