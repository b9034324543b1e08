namespace Automation.Core.Segments;

/// <summary>
/// What a segment covers: a table, one of its indexes, or a partition-key prefix of either. The boundary that an alarm,
/// a capacity guardrail, a query template and an access grant are scoped to.
/// </summary>
/// <param name="Table">The table.</param>
/// <param name="Index">A GSI or LSI of the table, or null for the table's own key space.</param>
/// <param name="KeyPrefix">A partition-key prefix (string keys only), or null for the whole table or index.</param>
public sealed record SegmentScope(string Table, string? Index, string? KeyPrefix)
{
    /// <summary>Does this scope contain a partition-key value read through <paramref name="index"/> of <see cref="Table"/>?</summary>
    public bool Contains(string table, string? index, string? partitionKey) =>
        string.Equals(Table, table, StringComparison.Ordinal)
        && string.Equals(Index, index, StringComparison.Ordinal)
        && (KeyPrefix is null || (partitionKey is not null && partitionKey.StartsWith(KeyPrefix, StringComparison.Ordinal)));

    /// <summary>How specific the scope is, for resolution (defaults ← table ← index ← key prefix): 0 table, 1 index, 2 prefix.</summary>
    public int Specificity => KeyPrefix is not null ? 2 : Index is not null ? 1 : 0;

    /// <summary>e.g. <c>Orders</c>, <c>Orders/ByStatus</c>, <c>Orders[tenant#acme*]</c>.</summary>
    public override string ToString() =>
        Table + (Index is null ? string.Empty : "/" + Index) + (KeyPrefix is null ? string.Empty : "[" + KeyPrefix + "*]");
}
