using System.Globalization;
using System.Text.Json.Nodes;
using Automation.LocalCloud.Aws;

namespace Automation.LocalCloud.Routing;

/// <summary>
/// Rewrites the ConsumedCapacity of moto's GetItem, Query, Scan and BatchGetItem answers to what DynamoDB
/// charges (<see cref="DynamoDbCapacity"/>): moto 5.2.1 answers a constant (1.0 per Query/Scan, 0.5 per
/// GetItem, 1.0 per BatchGetItem key) whatever was read.
/// </summary>
/// <remarks>
/// DynamoDB charges for the items a read <em>reads</em>: a Query or Scan page costs the summed size of
/// every item it read before its FilterExpression drops any, and before its ProjectionExpression (or
/// Select) trims them; a GetItem the whole item whatever it projects. When a read filters or projects,
/// the meter asks moto again for the same page with neither (same key condition, ExclusiveStartKey,
/// Limit, index, segment, consistency) and sizes those items; moto applies Limit and the 1 MB bound before
/// the filter, as DynamoDB does, and the two answers must agree on where the page ended
/// (LastEvaluatedKey, ScannedCount) or the request fails loudly rather than report a wrong cost.
/// It also returns a LastEvaluatedKey when a page stopped at its Limit with nothing left after it, as
/// DynamoDB does ("LastEvaluatedKey does not necessarily mean there is more data"); moto omits it then.
/// </remarks>
public sealed class ReadCapacityMeter(Func<string, JsonObject, CancellationToken, Task<JsonObject>> dynamoDb)
{
    private readonly Dictionary<string, JsonObject> _descriptions = new(StringComparer.Ordinal);

    /// <summary>Reads whose cost the meter corrects, when they ask for ConsumedCapacity.</summary>
    public static bool Measures(string action, JsonObject request) =>
        action is "GetItem" or "Query" or "Scan" or "BatchGetItem" && DynamoDbCapacity.RequestedMode(request) is not null;

    /// <summary>Sets <c>ConsumedCapacity</c> of moto's successful <paramref name="answer"/> (changed in place).</summary>
    public async Task CorrectAsync(string action, JsonObject request, JsonObject answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(answer);
        var mode = DynamoDbCapacity.RequestedMode(request) ?? throw new ArgumentException("The request asks for no ConsumedCapacity.", nameof(request));
        switch (action)
        {
            case "GetItem":
                await GetItemAsync(request, answer, mode, cancellationToken).ConfigureAwait(false);
                break;
            case "Query" or "Scan":
                await PageAsync(action, request, answer, mode, cancellationToken).ConfigureAwait(false);
                break;
            case "BatchGetItem":
                await BatchGetItemAsync(request, answer, mode, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentException($"{action} is not a read the meter measures.", nameof(action));
        }
    }

    private async Task GetItemAsync(JsonObject request, JsonObject answer, string mode, CancellationToken cancellationToken)
    {
        var item = answer["Item"] as JsonObject;
        if (Trims(request))
        {
            var whole = await dynamoDb("GetItem", DynamoDbCapacity.ReadEverything(request), cancellationToken).ConfigureAwait(false);
            item = whole["Item"] as JsonObject;
        }

        var bytes = item is null ? 0 : DynamoDbCapacity.ItemBytes(item);
        var units = DynamoDbCapacity.ReadUnits(bytes, Consistent(request));
        answer["ConsumedCapacity"] = DynamoDbCapacity.ConsumedCapacity(TableName(request), units, mode);
    }

    private async Task PageAsync(string action, JsonObject request, JsonObject answer, string mode, CancellationToken cancellationToken)
    {
        var table = TableName(request);
        var items = answer["Items"] as JsonArray;
        if (Trims(request) || items is null)
        {
            var whole = await dynamoDb(action, DynamoDbCapacity.ReadEverything(request), cancellationToken).ConfigureAwait(false);
            items = whole["Items"] as JsonArray ?? [];
            var scanned = answer["ScannedCount"]?.GetValue<int>();
            if (!JsonNode.DeepEquals(answer["LastEvaluatedKey"], whole["LastEvaluatedKey"]) || (scanned is not null && scanned != items.Count))
            {
                throw new RouterException(500, "InternalServerError",
                    $"The local cloud could not measure this {action}'s consumed capacity: the page without filter or projection " +
                    $"read {items.Count} items up to {whole["LastEvaluatedKey"]?.ToJsonString() ?? "the end"}, the page itself " +
                    $"scanned {scanned} up to {answer["LastEvaluatedKey"]?.ToJsonString() ?? "the end"} (did the table change between the two reads?).");
            }
        }

        var read = items.OfType<JsonObject>().ToList();
        if (answer["LastEvaluatedKey"] is null && request["Limit"] is { } limit && read.Count > 0
            && read.Count == int.Parse(limit.ToString(), CultureInfo.InvariantCulture))
        {
            // DynamoDB stops at Limit and returns where it stopped, even when nothing follows.
            answer["LastEvaluatedKey"] = await KeyOfAsync(read[^1], table, request["IndexName"]?.GetValue<string>(), cancellationToken).ConfigureAwait(false);
        }

        var bytes = read.Sum(DynamoDbCapacity.ItemBytes);
        var units = DynamoDbCapacity.ReadUnits(bytes, Consistent(request));
        var index = request["IndexName"]?.GetValue<string>();
        var global = index is not null && mode == "INDEXES" && await IsGlobalIndexAsync(table, index, cancellationToken).ConfigureAwait(false);
        answer["ConsumedCapacity"] = DynamoDbCapacity.ConsumedCapacity(table, units, mode, index, global);
    }

    private async Task BatchGetItemAsync(JsonObject request, JsonObject answer, string mode, CancellationToken cancellationToken)
    {
        var requested = request["RequestItems"] as JsonObject ?? [];
        JsonObject responses;
        if (requested.Any(t => t.Value is JsonObject spec && (spec.ContainsKey("ProjectionExpression") || spec.ContainsKey("AttributesToGet"))))
        {
            var whole = new JsonObject();
            foreach (var (table, spec) in requested)
            {
                var keysOnly = new JsonObject { ["Keys"] = spec?["Keys"]?.DeepClone() };
                if (spec?["ConsistentRead"] is { } consistent)
                {
                    keysOnly["ConsistentRead"] = consistent.DeepClone();
                }

                whole[table] = keysOnly;
            }

            var wholeAnswer = await dynamoDb("BatchGetItem", new JsonObject { ["RequestItems"] = whole }, cancellationToken).ConfigureAwait(false);
            responses = wholeAnswer["Responses"] as JsonObject ?? [];
        }
        else
        {
            responses = answer["Responses"] as JsonObject ?? [];
        }

        var consumed = new JsonArray();
        foreach (var (table, spec) in requested)
        {
            var unprocessed = (answer["UnprocessedKeys"]?[table]?["Keys"] as JsonArray ?? []).ToList();
            var found = (responses[table] as JsonArray ?? []).OfType<JsonObject>().ToList();
            var strong = spec?["ConsistentRead"]?.GetValue<bool>() == true;
            double units = 0;
            foreach (var key in (spec?["Keys"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (unprocessed.Any(u => JsonNode.DeepEquals(u, key)))
                {
                    continue; // not read: the caller retries it
                }

                var item = found.FirstOrDefault(i => key.All(k => JsonNode.DeepEquals(i[k.Key], k.Value)));
                units += DynamoDbCapacity.ReadUnits(item is null ? 0 : DynamoDbCapacity.ItemBytes(item), strong);
            }

            consumed.Add(DynamoDbCapacity.ConsumedCapacity(table, units, mode));
        }

        answer["ConsumedCapacity"] = consumed;
    }

    /// <summary>True when the read returns less than it reads (filter, projection, Select).</summary>
    private static bool Trims(JsonObject request) =>
        request.ContainsKey("FilterExpression") || request.ContainsKey("ProjectionExpression") || request.ContainsKey("Select")
        || request.ContainsKey("AttributesToGet") || request.ContainsKey("QueryFilter") || request.ContainsKey("ScanFilter");

    private static bool Consistent(JsonObject request) => request["ConsistentRead"]?.GetValue<bool>() == true;

    private static string TableName(JsonObject request) =>
        request["TableName"]?.GetValue<string>() ?? throw new RouterException(400, "ValidationException", "TableName is required.");

    /// <summary>The item's primary key, plus the index's key when reading an index (what DynamoDB returns as LastEvaluatedKey).</summary>
    private async Task<JsonObject> KeyOfAsync(JsonObject item, string table, string? index, CancellationToken cancellationToken)
    {
        var description = await DescribeAsync(table, cancellationToken).ConfigureAwait(false);
        var names = KeyNames(description["KeySchema"]);
        if (index is not null)
        {
            var indexes = (description["GlobalSecondaryIndexes"] as JsonArray ?? []).Concat(description["LocalSecondaryIndexes"] as JsonArray ?? []);
            names.AddRange(KeyNames(indexes.FirstOrDefault(i => i?["IndexName"]?.GetValue<string>() == index)?["KeySchema"]));
        }

        var key = new JsonObject();
        foreach (var name in names.Distinct(StringComparer.Ordinal).Where(item.ContainsKey))
        {
            key[name] = item[name]!.DeepClone();
        }

        return key;
    }

    private static List<string> KeyNames(JsonNode? schema) =>
        (schema as JsonArray ?? []).Select(k => k?["AttributeName"]?.GetValue<string>()).OfType<string>().ToList();

    private async Task<bool> IsGlobalIndexAsync(string table, string index, CancellationToken cancellationToken)
    {
        var description = await DescribeAsync(table, cancellationToken).ConfigureAwait(false);
        return !(description["LocalSecondaryIndexes"] as JsonArray ?? []).Any(i => i?["IndexName"]?.GetValue<string>() == index);
    }

    private async Task<JsonObject> DescribeAsync(string table, CancellationToken cancellationToken)
    {
        if (!_descriptions.TryGetValue(table, out var description))
        {
            var answer = await dynamoDb("DescribeTable", new JsonObject { ["TableName"] = table }, cancellationToken).ConfigureAwait(false);
            description = answer["Table"] as JsonObject ?? [];
            _descriptions[table] = description;
        }

        return description;
    }
}
