using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Automation.Core.Errors;
using Automation.Core.Segments;

namespace Automation.Core.Queries;

/// <summary>Why a run stopped.</summary>
public enum StopReason
{
    /// <summary>Everything the plan covers was read (no LastEvaluatedKey; for a Scan, on its last segment).</summary>
    Completed,

    /// <summary>The plan's page limit was reached while more remained.</summary>
    PageLimitReached,

    /// <summary>Not even a one-item page's worst case fitted the remaining read budget: nothing more was read.</summary>
    CeilingReached,
}

/// <summary>One page of a run, as it is logged (one structured line per page) and audited.</summary>
/// <param name="Page">1-based page number within the run.</param>
/// <param name="ScanSegment">Scan only: the segment read.</param>
/// <param name="Limit">The Limit asked for.</param>
/// <param name="Items">Items returned.</param>
/// <param name="Scanned">Items read (before the filter).</param>
/// <param name="Consumed">Read units charged for this page.</param>
/// <param name="CumulativeConsumed">Read units charged so far in the run.</param>
/// <param name="WorstCase">The most this page could have charged (what the budget reserved for it).</param>
/// <param name="HasMore">Did DynamoDB return a LastEvaluatedKey?</param>
public sealed record QueryPageRecord(
    int Page,
    int? ScanSegment,
    int Limit,
    int Items,
    int Scanned,
    double Consumed,
    double CumulativeConsumed,
    double WorstCase,
    bool HasMore);

/// <summary>What a run read.</summary>
/// <param name="StopReason">Why it stopped.</param>
/// <param name="Pages">Pages read.</param>
/// <param name="ItemCount">Items returned (after the filter).</param>
/// <param name="ScannedCount">Items read (before the filter).</param>
/// <param name="ConsumedUnits">Read units charged in all; never more than the plan's read ceiling.</param>
/// <param name="Items">The items, DynamoDB JSON, sensitive attributes masked (<c>{"S":"&lt;masked&gt;"}</c>).</param>
/// <param name="LastEvaluatedKey">Where the run stopped when more remained (masked like the items), or null.</param>
/// <param name="LastScanSegment">Scan only: the segment read last.</param>
/// <param name="PageRecords">One record per page read.</param>
public sealed record QueryRunResult(
    StopReason StopReason,
    int Pages,
    int ItemCount,
    int ScannedCount,
    double ConsumedUnits,
    IReadOnlyList<JsonObject> Items,
    JsonObject? LastEvaluatedKey,
    int? LastScanSegment,
    IReadOnlyList<QueryPageRecord> PageRecords);

/// <summary>
/// What a run had read and been charged when it failed part-way (a page throttled beyond the SDK's retries after others
/// were read, the deadline mid-run). A failed step returns no output, only its error, so this travels
/// in the error's message as a marker (<see cref="Describe"/>) that the failure's record reads back (<see cref="Find"/>):
/// the audit item of a failed run then says what it cost.
/// </summary>
/// <param name="Pages">Pages read.</param>
/// <param name="Items">Items returned (after the filter).</param>
/// <param name="Scanned">Items read (before the filter).</param>
/// <param name="ConsumedUnits">Read units charged for those pages.</param>
public sealed partial record QueryRunProgress(int Pages, int Items, int Scanned, double ConsumedUnits)
{
    /// <summary>The marker, e.g. <c>[read before the failure: 2 pages, 150 of 200 items, 12.5 read units]</c>.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"[read before the failure: {Pages} pages, {Items} of {Scanned} items, {ConsumedUnits.ToString("R", CultureInfo.InvariantCulture)} read units]");

    /// <summary>The progress a failure's message carries (the first marker in it), or null when it has none.</summary>
    public static QueryRunProgress? Find(string? message)
    {
        if (message is null || Marker().Match(message) is not { Success: true } match)
        {
            return null;
        }

        return int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int pages)
            && int.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int items)
            && int.TryParse(match.Groups[3].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int scanned)
            && double.TryParse(match.Groups[4].ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out double units)
            && double.IsFinite(units) && units >= 0
                ? new QueryRunProgress(pages, items, scanned, units)
                : null;
    }

    /// <summary>
    /// <paramref name="failure"/> again, of the same kind and error type, its message led by this progress: an
    /// <see cref="OperationCanceledException"/> stays one (same token: the host still tells a deadline from a shutdown),
    /// an <see cref="AutomationException"/> keeps its error type and field, anything else is an
    /// <see cref="ErrorTypes.InternalError"/> (what the host reports it as anyway).
    /// </summary>
    public Exception Wrap(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        string message = $"{Describe()} {failure.Message}";
        return failure switch
        {
            OperationCanceledException cancelled => new OperationCanceledException(message, cancelled, cancelled.CancellationToken),
            AutomationException typed => new AutomationException(typed.ErrorType, message, typed) { Field = typed.Field },
            _ => new AutomationException(ErrorTypes.InternalError, message, failure),
        };
    }

    [GeneratedRegex(@"\[read before the failure: ([0-9]{1,9}) pages, ([0-9]{1,9}) of ([0-9]{1,9}) items, ([0-9.eE+-]{1,32}) read units\]", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();
}

/// <summary>
/// Runs a plan page by page through <see cref="IQueryPageReader"/>, keeping the read ceiling literally true: before
/// each page it asks for the largest Limit (≤ the page size) whose worst case (<see cref="ReadCost.WorstCasePage"/>)
/// fits what is left of the ceiling, and stops with <see cref="StopReason.CeilingReached"/> when not even one item
/// fits; it stops with <see cref="StopReason.PageLimitReached"/> after the page limit when more remains. A Scan walks
/// its segments 0..N-1 one after another. Items come back masked per the plan's attribute classes.
/// </summary>
public static class QueryRunner
{
    /// <summary>The value every sensitive attribute is replaced by, whatever its type.</summary>
    public static JsonObject MaskedValue() => new() { ["S"] = QueryPlanner.Masked };

    /// <summary>Runs <paramref name="plan"/> without a per-page callback (the records are in the result).</summary>
    public static Task<QueryRunResult> RunAsync(QueryPlan plan, IQueryPageReader reader, CancellationToken cancellationToken) =>
        RunAsync(plan, reader, null, cancellationToken);

    /// <summary>Runs <paramref name="plan"/>; <paramref name="onPage"/> sees each page's record as soon as it is read (one log line per page).</summary>
    public static async Task<QueryRunResult> RunAsync(QueryPlan plan, IQueryPageReader reader, Action<QueryPageRecord>? onPage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(reader);

        bool scan = plan.Operation == QueryOperation.Scan;
        int segments = scan ? Math.Max(1, plan.ScanSegments ?? 1) : 1;
        int segment = 0;
        JsonObject? startKey = null;
        double consumed = 0;
        int scanned = 0;
        List<JsonObject> items = [];
        List<QueryPageRecord> records = [];
        StopReason reason;

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (records.Count >= plan.PageLimit)
            {
                reason = StopReason.PageLimitReached;
                break;
            }

            int limit = LargestLimit(plan, plan.ReadCeiling - consumed);
            if (limit == 0)
            {
                reason = StopReason.CeilingReached;
                break;
            }

            var request = new QueryPageRequest(plan, limit, scan ? segment : null, startKey);
            QueryPage page;
            try
            {
                page = await reader.ReadPageAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (records.Count > 0)
            {
                // Pages were read and charged: the failure says how much, so the failed run's record can.
                throw new QueryRunProgress(records.Count, items.Count, scanned, consumed).Wrap(failure);
            }

            consumed += page.ConsumedUnits;
            scanned += page.ScannedCount;
            items.AddRange(page.Items.Select(item => Mask(item, plan.Attributes)));
            var record = new QueryPageRecord(
                Page: records.Count + 1,
                ScanSegment: request.ScanSegment,
                Limit: limit,
                Items: page.Items.Count,
                Scanned: page.ScannedCount,
                Consumed: page.ConsumedUnits,
                CumulativeConsumed: consumed,
                WorstCase: ReadCost.WorstCasePage(plan.Operation, limit, plan.ConsistentRead),
                HasMore: page.LastEvaluatedKey is not null);
            records.Add(record);
            onPage?.Invoke(record);

            if (plan.Operation != QueryOperation.GetItem && page.LastEvaluatedKey is { } next)
            {
                startKey = next;
                continue;
            }

            if (scan && segment < segments - 1)
            {
                segment++;
                startKey = null;
                continue;
            }

            startKey = null;
            reason = StopReason.Completed;
            break;
        }

        return new QueryRunResult(
            StopReason: reason,
            Pages: records.Count,
            ItemCount: items.Count,
            ScannedCount: scanned,
            ConsumedUnits: consumed,
            Items: items,
            LastEvaluatedKey: startKey is null ? null : Mask(startKey, plan.Attributes),
            LastScanSegment: scan && records.Count > 0 ? records[^1].ScanSegment : null,
            PageRecords: records);
    }

    /// <summary>
    /// The largest Limit n ≤ the plan's page size (GetItem: 1) whose worst case fits <paramref name="remaining"/>
    /// read units, or 0 when not even one item fits.
    /// </summary>
    public static int LargestLimit(QueryPlan plan, double remaining)
    {
        ArgumentNullException.ThrowIfNull(plan);
        int high = plan.Operation == QueryOperation.GetItem ? 1 : plan.PageSize;
        if (high < 1 || ReadCost.WorstCasePage(plan.Operation, 1, plan.ConsistentRead) > remaining)
        {
            return 0;
        }

        // The worst case grows with n (then stays at the 1 MB + 400 KB bound): binary search for the last n that fits.
        int low = 1;
        while (low < high)
        {
            int middle = low + ((high - low + 1) / 2);
            if (ReadCost.WorstCasePage(plan.Operation, middle, plan.ConsistentRead) <= remaining)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }

    /// <summary>A copy of <paramref name="item"/> with every sensitive top-level attribute replaced by <c>{"S":"&lt;masked&gt;"}</c>.</summary>
    public static JsonObject Mask(JsonObject item, AttributeClasses attributes)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(attributes);
        var masked = new JsonObject();
        foreach (KeyValuePair<string, JsonNode?> attribute in item)
        {
            masked[attribute.Key] = attributes.IsSensitive(attribute.Key) ? MaskedValue() : attribute.Value?.DeepClone();
        }

        return masked;
    }
}
