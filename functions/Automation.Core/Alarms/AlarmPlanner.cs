using Automation.Core.Facts;
using Automation.Core.Segments;

namespace Automation.Core.Alarms;

/// <summary>One alarm the segments ask for, with what built it (so reconcile can rebuild it with a tuned threshold).</summary>
/// <param name="Spec">The alarm.</param>
/// <param name="Target">Segment, table, index.</param>
/// <param name="Kind">What it watches.</param>
/// <param name="Qualifier">The operation or receiving region, else null.</param>
/// <param name="Settings">The resolved settings it was built from.</param>
public sealed record DesiredAlarm(AlarmSpec Spec, AlarmTarget Target, AlarmKind Kind, string? Qualifier, AlarmSettings Settings);

/// <summary>What the segments ask for: every desired alarm, and the tables that could not be described.</summary>
/// <param name="Alarms">Desired alarms, in a stable order (table, its indexes, then the account alarm).</param>
/// <param name="MissingTables">Managed tables without facts (DescribeTable failed): their alarms are left as they are.</param>
/// <param name="Segments">The segments in scope (a segment filter narrows them).</param>
public sealed record AlarmPlan(IReadOnlyList<DesiredAlarm> Alarms, IReadOnlyList<string> MissingTables, IReadOnlyList<string> Segments);

/// <summary>
/// From the segment files and DescribeTable facts, the alarms the suite keeps: for every managed table and every GSI
/// separately, the kinds that apply to it (<see cref="Applies"/>). Pure.
/// <para>
/// A table is managed when a table or index segment covers it. The table's alarms come from its table segment (none
/// without one); each GSI's from its index segment, else from the table segment. A disabled section (or kind) asks for
/// nothing, so reconcile deletes what the suite had made for it. The account-level UserErrors alarm comes from
/// defaults.yaml (segment <see cref="AlarmSpecBuilder.AccountSegment"/>).
/// </para>
/// </summary>
public static class AlarmPlanner
{
    /// <summary>The desired alarms for <paramref name="catalog"/> over <paramref name="tables"/>.</summary>
    /// <param name="catalog">The runbooks folder.</param>
    /// <param name="tables">Facts of the managed tables that could be described.</param>
    /// <param name="owner">Prefix and stack.</param>
    /// <param name="segmentFilter">Only these segments (null: all, including the account alarm's <c>defaults</c>).</param>
    /// <param name="unitTable">
    /// Only this table's alarms (<see cref="AlarmSpecBuilder.AccountTable"/>: only the account alarm), as one
    /// <see cref="AlarmUnits">reconcile unit</see> plans them; null: every managed table and the account alarm.
    /// </param>
    public static AlarmPlan Plan(SegmentCatalog catalog, IReadOnlyList<TableFacts> tables, AlarmOwner owner, IReadOnlyCollection<string>? segmentFilter = null,
        string? unitTable = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(owner);
        bool InScope(string segment) => segmentFilter is null || segmentFilter.Contains(segment);
        var facts = new Dictionary<string, TableFacts>(StringComparer.Ordinal);
        foreach (TableFacts t in tables)
        {
            facts.TryAdd(t.TableName, t);
        }

        var desired = new List<DesiredAlarm>();
        var missing = new List<string>();
        foreach (string table in ManagedTables(catalog))
        {
            if (unitTable is not null && !string.Equals(table, unitTable, StringComparison.Ordinal))
            {
                continue;
            }

            SegmentDefinition? tableSegment = Find(catalog, table, null);
            if (!facts.TryGetValue(table, out TableFacts? f))
            {
                missing.Add(table);
                continue;
            }

            if (tableSegment is { Alarms: { } ts } && InScope(tableSegment.Name) && ts.Enabled)
            {
                var target = new AlarmTarget(tableSegment.Name, tableSegment.Version, table, null);
                foreach ((AlarmKind kind, string? qualifier) in Applies(f, null, ts))
                {
                    desired.Add(Desire(owner, target, kind, qualifier, ts));
                }
            }

            foreach (IndexFacts index in f.GlobalSecondaryIndexes.OrderBy(i => i.IndexName, StringComparer.Ordinal))
            {
                SegmentDefinition? segment = Find(catalog, table, index.IndexName) ?? tableSegment;
                if (segment is not { Alarms: { } s } || !InScope(segment.Name) || !s.Enabled)
                {
                    continue;
                }

                var target = new AlarmTarget(segment.Name, segment.Version, table, index.IndexName);
                foreach ((AlarmKind kind, string? qualifier) in Applies(f, index.IndexName, s))
                {
                    desired.Add(Desire(owner, target, kind, qualifier, s));
                }
            }
        }

        IReadOnlyList<string> scope = Scope(catalog, segmentFilter);
        if (InScope(AlarmSpecBuilder.AccountSegment) && (unitTable is null || unitTable == AlarmSpecBuilder.AccountTable))
        {
            AlarmSettings a = catalog.Alarms;
            if (a.Enabled && a.For(AlarmKind.UserErrors).Enabled && ManagedTables(catalog).Count > 0)
            {
                desired.Add(Desire(owner, new AlarmTarget(AlarmSpecBuilder.AccountSegment, catalog.Version, AlarmSpecBuilder.AccountTable, null),
                    AlarmKind.UserErrors, null, a));
            }
        }

        return new AlarmPlan(desired, missing, scope);
    }

    /// <summary>The segments a run reconciles: those with an alarm section in the filter (all: null), then <c>defaults</c> (the account alarm) if in it.</summary>
    public static IReadOnlyList<string> Scope(SegmentCatalog catalog, IReadOnlyCollection<string>? segmentFilter)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        bool InScope(string segment) => segmentFilter is null || segmentFilter.Contains(segment);
        var scope = catalog.Segments.Where(s => s.Alarms is not null && InScope(s.Name)).Select(s => s.Name).ToList();
        if (InScope(AlarmSpecBuilder.AccountSegment))
        {
            scope.Add(AlarmSpecBuilder.AccountSegment);
        }

        return scope;
    }

    /// <summary>
    /// The (kind, operation or region) pairs that apply to the table (<paramref name="indexName"/> null) or one GSI and
    /// are enabled in <paramref name="settings"/>: provisioned-only kinds on provisioned tables, max-on-demand kinds only
    /// with that direction's on-demand maximum, table-only kinds (sums over operations, latency per operation,
    /// conditional-check failures, replication latency per replica region) on the table.
    /// </summary>
    public static IReadOnlyList<(AlarmKind Kind, string? Qualifier)> Applies(TableFacts table, string? indexName, AlarmSettings settings)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(settings);
        bool provisioned = table.CapacityMode == CapacityMode.Provisioned;
        OnDemandThroughput? max = provisioned ? null : table.OnDemandThroughputOf(indexName);
        bool isTable = indexName is null;
        var result = new List<(AlarmKind, string?)>();
        foreach (AlarmKind kind in AlarmKinds.All)
        {
            if (!settings.For(kind).Enabled)
            {
                continue;
            }

            switch (kind)
            {
                case AlarmKind.UserErrors:
                    break;
                case AlarmKind.ThrottledRequests or AlarmKind.SystemErrors or AlarmKind.ConditionalCheckFailures:
                    if (isTable)
                    {
                        result.Add((kind, null));
                    }

                    break;
                case AlarmKind.Latency:
                    if (isTable)
                    {
                        result.AddRange(settings.LatencyOperations.Select(o => (kind, (string?)o)));
                    }

                    break;
                case AlarmKind.ReplicationLatency:
                    if (isTable)
                    {
                        result.AddRange(table.ReplicaRegions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(r => (kind, (string?)r)));
                    }

                    break;
                case AlarmKind.ReadProvisionedThroughputThrottleEvents or AlarmKind.WriteProvisionedThroughputThrottleEvents
                    or AlarmKind.ReadCapacityUtilisation or AlarmKind.WriteCapacityUtilisation:
                    if (provisioned)
                    {
                        result.Add((kind, null));
                    }

                    break;
                case AlarmKind.ReadMaxOnDemandThroughputThrottleEvents:
                    if (max is { MaxReadRequestUnits: > 0 })
                    {
                        result.Add((kind, null));
                    }

                    break;
                case AlarmKind.WriteMaxOnDemandThroughputThrottleEvents:
                    if (max is { MaxWriteRequestUnits: > 0 })
                    {
                        result.Add((kind, null));
                    }

                    break;
                default:
                    result.Add((kind, null));
                    break;
            }
        }

        return result;
    }

    /// <summary>The tables a table or index segment covers, in name order (key-prefix segments add none of their own).</summary>
    public static IReadOnlyList<string> ManagedTables(SegmentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return [.. catalog.Segments.Where(s => s.Covers.KeyPrefix is null).Select(s => s.Covers.Table).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private static SegmentDefinition? Find(SegmentCatalog catalog, string table, string? index) =>
        catalog.Segments.FirstOrDefault(s => s.Covers.KeyPrefix is null
            && string.Equals(s.Covers.Table, table, StringComparison.Ordinal) && string.Equals(s.Covers.Index, index, StringComparison.Ordinal));

    private static DesiredAlarm Desire(AlarmOwner owner, AlarmTarget target, AlarmKind kind, string? qualifier, AlarmSettings settings) =>
        new(AlarmSpecBuilder.Build(owner, target, kind, qualifier, settings), target, kind, qualifier, settings);
}
