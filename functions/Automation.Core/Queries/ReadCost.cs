namespace Automation.Core.Queries;

/// <summary>
/// DynamoDB's read-capacity rules, as the query runner budgets them and the local cloud charges them.
/// One read unit is one strongly consistent read of up to 4 KB, or two eventually consistent ones (GSI reads are
/// always eventually consistent). GetItem charges the item's size rounded up to 4 KB; Query and Scan charge the SUM
/// of the sizes of every item read in the page (before any filter or projection), rounded up to 4 KB. A request that
/// reads nothing still charges one unit (half for eventual). A page reads at most <c>Limit</c> items and stops once it
/// has read 1 MB, so the item that crosses 1 MB may still count: the worst case of a page of n items is
/// min(n × 400 KB, 1 MB + 400 KB).
/// See https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html and
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html.
/// </summary>
public static class ReadCost
{
    /// <summary>The largest item DynamoDB stores (400 KB).</summary>
    public const int MaxItemBytes = 409_600;

    /// <summary>A Query or Scan page stops once it has read this much (1 MB).</summary>
    public const int PageBytes = 1_048_576;

    /// <summary>One read unit covers this much of a strongly consistent read (4 KB).</summary>
    public const int UnitBytes = 4096;

    /// <summary>
    /// Read units of one request that read <paramref name="bytes"/> (Query/Scan: the sum of the items read; GetItem:
    /// the item): rounded up to 4 KB, at least one unit, halved when eventually consistent.
    /// </summary>
    public static double Units(long bytes, bool consistent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        long units = Math.Max(1, (bytes + UnitBytes - 1) / UnitBytes);
        return consistent ? units : units * 0.5;
    }

    /// <summary>
    /// The most a request of <paramref name="operation"/> with <c>Limit</c> <paramref name="items"/> can charge:
    /// GetItem, one item of <see cref="MaxItemBytes"/>; Query and Scan, min(items × <see cref="MaxItemBytes"/>,
    /// <see cref="PageBytes"/> + <see cref="MaxItemBytes"/>).
    /// </summary>
    public static double WorstCasePage(QueryOperation operation, int items, bool consistent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(items);
        long bytes = operation == QueryOperation.GetItem
            ? MaxItemBytes
            : Math.Min((long)items * MaxItemBytes, (long)PageBytes + MaxItemBytes);
        return Units(bytes, consistent);
    }
}
