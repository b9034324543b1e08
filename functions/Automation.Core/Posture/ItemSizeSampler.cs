using System.Globalization;
using System.Text.Json.Nodes;

using Automation.Core.Queries;
using Automation.Core.Segments;

namespace Automation.Core.Posture;

/// <summary>
/// The item-size sample of one table: a bounded Scan run by the query runner (<see cref="QueryRunner"/>, so its page
/// limit and read ceiling hold exactly as for a query template) and the largest items it saw, measured with
/// <see cref="ItemSizeBreakdown"/>. Reads eventually consistent (half the cost). Items are measured unmasked; only the
/// reported key is masked, by the segment's attribute classes as the query runner masks results.
/// </summary>
public static class ItemSizeSampler
{
    /// <summary>The name the plan carries (audit logs of the page reader show it).</summary>
    public const string PlanName = "posture-item-size-sample";

    /// <summary>The Scan plan: the whole table, <see cref="PostureSampleSettings.PageSize"/> items a page, at most
    /// <see cref="PostureSampleSettings.PageLimit"/> pages and <see cref="PostureSampleSettings.ReadCeiling"/> read units.</summary>
    public static QueryPlan Plan(string table, string segment, PostureSampleSettings settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentNullException.ThrowIfNull(settings);
        int pageSize = Math.Max(1, settings.PageSize);
        int pageLimit = Math.Max(1, settings.PageLimit);
        double pageWorst = ReadCost.WorstCasePage(QueryOperation.Scan, pageSize, consistent: false);
        return new QueryPlan(
            TemplateName: PlanName,
            TemplateHash: "-",
            Segment: segment,
            SegmentVersion: 0,
            SegmentSource: "runbooks/defaults.yaml#posture.sample",
            Table: table,
            Index: null,
            Operation: QueryOperation.Scan,
            KeyConditionExpression: null,
            FilterExpression: null,
            ProjectionExpression: null,
            ExpressionAttributeNames: new Dictionary<string, string>(),
            ExpressionAttributeValues: new Dictionary<string, QueryValue>(),
            Key: null,
            ConsistentRead: false,
            PageSize: pageSize,
            PageLimit: pageLimit,
            ReadCeiling: settings.ReadCeiling,
            ScanSegments: null,
            PageWorstCase: pageWorst,
            RunWorstCase: Math.Min(settings.ReadCeiling, pageLimit * pageWorst),
            Attributes: AttributeClasses.None,
            AuditParameters: new Dictionary<string, string>());
    }

    /// <summary>
    /// What the run saw: items read, read units consumed, and the <paramref name="largest"/> largest items (largest
    /// first, ties by key), each with its masked key (<paramref name="keyAttributes"/>, masked per
    /// <paramref name="attributes"/>) and its three dominant attributes.
    /// </summary>
    public static ItemSizeSample Summarise(QueryRunResult run, IReadOnlyList<string> keyAttributes, AttributeClasses attributes, int largest)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(keyAttributes);
        ArgumentNullException.ThrowIfNull(attributes);
        List<SampledItem> items = [.. run.Items
            .Select(item =>
            {
                (long bytes, IReadOnlyList<AttributeBytes> top) = ItemSizeBreakdown.Of(item);
                return new SampledItem(Key(item, keyAttributes, attributes), bytes, top);
            })
            .OrderByDescending(i => i.Bytes)
            .ThenBy(i => i.Key, StringComparer.Ordinal)
            .Take(Math.Max(0, largest))];
        return new ItemSizeSample(run.ScannedCount, run.ConsumedUnits, items);
    }

    /// <summary><c>pk=customer#42, sk=order#1</c>: the key attributes' values as text, sensitive ones masked.</summary>
    public static string Key(JsonObject item, IReadOnlyList<string> keyAttributes, AttributeClasses attributes)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(keyAttributes);
        ArgumentNullException.ThrowIfNull(attributes);
        JsonObject masked = QueryRunner.Mask(item, attributes);
        return string.Join(", ", keyAttributes.Where(masked.ContainsKey).Select(k => k + "=" + Scalar(masked[k])));
    }

    private static string Scalar(JsonNode? typed) =>
        typed is JsonObject { Count: 1 } o && o.First().Value is JsonValue v
            ? v.ToString()
            : typed?.ToJsonString() ?? "null";

    /// <summary>The read units as text for logs.</summary>
    public static string Units(double units) => units.ToString("0.#", CultureInfo.InvariantCulture);
}
