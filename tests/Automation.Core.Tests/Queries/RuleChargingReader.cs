using System.Globalization;
using System.Text.Json.Nodes;
using Automation.Core.Queries;

namespace Automation.Core.Tests.Queries;

/// <summary>
/// A fake DynamoDB that charges exactly as DynamoDB does: a page reads at most Limit items and stops once it has read
/// 1 MB (the item that crosses it is read and counted); it charges the sum of the sizes of the items read, rounded up
/// to 4 KB, at least one unit, halved for eventually consistent reads; GetItem charges its one item. Items have declared
/// sizes (segment by segment for a Scan); a filter may drop some of them from the result without changing the charge.
/// </summary>
internal sealed class RuleChargingReader(IReadOnlyList<IReadOnlyList<int>> segments, Func<int, bool>? filter = null, bool keyOnLimit = false) : IQueryPageReader
{
    public List<(QueryPageRequest Request, QueryPage Page)> Calls { get; } = [];

    public double Charged => Calls.Sum(c => c.Page.ConsumedUnits);

    public static RuleChargingReader Of(params int[] sizes) => new([sizes]);

    public Task<QueryPage> ReadPageAsync(QueryPageRequest request, CancellationToken cancellationToken)
    {
        int segment = request.ScanSegment ?? 0;
        IReadOnlyList<int> sizes = segments[segment];
        int start = request.ExclusiveStartKey is { } key ? int.Parse(key["i"]!["N"]!.GetValue<string>(), CultureInfo.InvariantCulture) + 1 : 0;
        if (request.Plan.Operation == QueryOperation.GetItem)
        {
            bool found = sizes.Count > 0;
            var item = found ? new List<JsonObject> { Item(segment, 0) } : [];
            return Record(request, new QueryPage(item, found ? 1 : 0, ReadCost.Units(found ? sizes[0] : 0, request.Plan.ConsistentRead), null));
        }

        long bytes = 0;
        int read = 0;
        List<JsonObject> items = [];
        int i = start;
        while (i < sizes.Count && read < request.Limit && bytes < ReadCost.PageBytes)
        {
            bytes += sizes[i];
            read++;
            if (filter?.Invoke(i) ?? true)
            {
                items.Add(Item(segment, i));
            }

            i++;
        }

        bool stoppedEarly = i < sizes.Count || (keyOnLimit && read > 0 && (read == request.Limit || bytes >= ReadCost.PageBytes));
        JsonObject? last = stoppedEarly && read > 0 ? Key(segment, i - 1) : null;
        return Record(request, new QueryPage(items, read, ReadCost.Units(bytes, request.Plan.ConsistentRead), last));
    }

    private Task<QueryPage> Record(QueryPageRequest request, QueryPage page)
    {
        Calls.Add((request, page));
        return Task.FromResult(page);
    }

    public static JsonObject Key(int segment, int index) => new()
    {
        ["pk"] = new JsonObject { ["S"] = $"customer#{segment}" },
        ["sk"] = new JsonObject { ["S"] = $"order#{index:D5}" },
        ["i"] = new JsonObject { ["N"] = index.ToString(CultureInfo.InvariantCulture) },
    };

    public static JsonObject Item(int segment, int index)
    {
        JsonObject item = Key(segment, index);
        item["email"] = new JsonObject { ["S"] = $"c{index}@example.com" };
        item["status"] = new JsonObject { ["S"] = "PENDING" };
        return item;
    }
}
