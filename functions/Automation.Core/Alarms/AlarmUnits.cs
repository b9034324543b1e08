using Automation.Core.Segments;

namespace Automation.Core.Alarms;

/// <summary>
/// One piece of a reconcile run: one managed table (its alarms and its GSIs'), or the account alarm. The state machine
/// reconciles each unit on its own (DescribeTable, DescribeAlarms under <see cref="AlarmNamePrefix"/>, plan, write), so
/// what one execution carries between states is bounded by the largest table, not by the account.
/// </summary>
/// <param name="TableName">The table, or <see cref="AlarmSpecBuilder.AccountTable"/> for the account alarm.</param>
/// <param name="AlarmNamePrefix">The start every alarm name of the unit has (<see cref="AlarmUnits.NamePrefix"/>).</param>
public sealed record AlarmUnit(string TableName, string AlarmNamePrefix)
{
    /// <summary>Whether this is the account alarm's unit (no table to describe).</summary>
    public bool IsAccount => TableName == AlarmSpecBuilder.AccountTable;
}

/// <summary>
/// How a reconcile run is split into <see cref="AlarmUnit"/>s, and which of the suite's alarms no unit covers (the
/// orphans a full run deletes: alarms of tables no segment manages any more). Pure.
/// </summary>
public static class AlarmUnits
{
    // AlarmSpecBuilder.Name keeps a name's first MaxNameLength - 13 characters when it hashes the rest ("~" + 12 hex).
    private const int KeptNameStart = AlarmSpecBuilder.MaxNameLength - 13;

    /// <summary>
    /// The units of a run: every managed table a segment in the filter covers (all: <paramref name="segmentFilter"/>
    /// null), in name order, then the account alarm's when <c>defaults</c> is in scope.
    /// </summary>
    public static IReadOnlyList<AlarmUnit> For(SegmentCatalog catalog, AlarmOwner owner, IReadOnlyCollection<string>? segmentFilter)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(owner);
        IEnumerable<string> tables = AlarmPlanner.ManagedTables(catalog);
        if (segmentFilter is not null)
        {
            var inScope = catalog.Segments.Where(s => segmentFilter.Contains(s.Name) && s.Covers.KeyPrefix is null)
                .Select(s => s.Covers.Table).ToHashSet(StringComparer.Ordinal);
            tables = tables.Where(inScope.Contains);
        }

        var units = tables.Select(t => new AlarmUnit(t, NamePrefix(owner.AlarmNamePrefix, t))).ToList();
        if (segmentFilter is null || segmentFilter.Contains(AlarmSpecBuilder.AccountSegment))
        {
            units.Add(new AlarmUnit(AlarmSpecBuilder.AccountTable, NamePrefix(owner.AlarmNamePrefix, AlarmSpecBuilder.AccountTable)));
        }

        return units;
    }

    /// <summary>
    /// The start every alarm name of <paramref name="table"/> has (<c>&lt;prefix&gt;&lt;table&gt;-</c>; the account
    /// alarm's <c>&lt;prefix&gt;account-</c>), cut where <see cref="AlarmSpecBuilder.Name"/> cuts a long name, so a
    /// DescribeAlarms by this prefix lists every alarm of the table.
    /// </summary>
    public static string NamePrefix(string prefix, string table)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentException.ThrowIfNullOrEmpty(table);
        string start = string.Concat(prefix, table == AlarmSpecBuilder.AccountTable ? AlarmSpecBuilder.AccountNamePart : table, "-");
        return start.Length <= KeptNameStart ? start : start[..KeptNameStart];
    }

    /// <summary>
    /// Whether <paramref name="alarm"/> is this stack's, under the owner's prefix, and covered by no unit (no unit has
    /// its marker's table with its name under the unit's prefix): nothing asks for it, and no unit will see it.
    /// </summary>
    public static bool IsOrphan(ExistingAlarm alarm, AlarmOwner owner, IReadOnlyCollection<AlarmUnit> units)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(units);
        if (!alarm.AlarmName.StartsWith(owner.AlarmNamePrefix, StringComparison.Ordinal) || AlarmReconciler.Ours(alarm, owner) is not { } marker)
        {
            return false;
        }

        return !units.Any(u => string.Equals(u.TableName, marker.TableName, StringComparison.Ordinal)
            && alarm.AlarmName.StartsWith(u.AlarmNamePrefix, StringComparison.Ordinal));
    }
}
