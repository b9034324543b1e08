using System.Text;
using System.Text.Json.Nodes;
using Automation.Core.Queries;

namespace Automation.LocalCloud.Aws;

/// <summary>
/// DynamoDB's read-capacity arithmetic, for the router to report what DynamoDB would charge (moto 5.2.1
/// answers a constant per call). Item size per the "Item sizes and formats" page of the DynamoDB
/// developer guide: attribute name bytes + value bytes; S as UTF-8; N as one byte per two significant
/// digits plus one; B as raw bytes; BOOL and NULL one byte; L and M three bytes plus their elements,
/// each element one byte more (map elements also count their name); sets the sum of their elements.
/// Read units: one per 4 KB (rounded up) strongly consistent, half that eventually consistent, and
/// never less than one read (1 or 0.5), also when nothing was found.
/// </summary>
public static class DynamoDbCapacity
{
    /// <summary>One read unit covers this many bytes.</summary>
    public const int ReadUnitBytes = 4096;

    /// <summary>DynamoDB's largest item (400 KB).</summary>
    public const int MaxItemBytes = 409_600;

    /// <summary>Query and Scan stop a page before the item that would take the items read past 1 MB.</summary>
    public const int PageBytes = 1_048_576;

    /// <summary>The size of an item in DynamoDB JSON (<c>{"pk": {"S": "a"}, ...}</c>): the product's own rule.</summary>
    public static long ItemBytes(JsonObject item) => ItemSize.Bytes(item);

    /// <summary>Read units for <paramref name="bytes"/> read as one operation (a GetItem's item, a
    /// Query or Scan page's items): whole 4 KB units, at least one; halved when eventually consistent.</summary>
    public static double ReadUnits(long bytes, bool stronglyConsistent)
    {
        var units = Math.Max(1, (bytes + ReadUnitBytes - 1) / ReadUnitBytes);
        return stronglyConsistent ? units : units / 2.0;
    }

    /// <summary>Whether the request asks for ConsumedCapacity (TOTAL or INDEXES).</summary>
    public static string? RequestedMode(JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var mode = request["ReturnConsumedCapacity"]?.GetValue<string>();
        return mode is "TOTAL" or "INDEXES" ? mode : null;
    }

    /// <summary>The ConsumedCapacity member DynamoDB answers for a read of <paramref name="units"/>.
    /// TOTAL: <c>{TableName, CapacityUnits}</c>. INDEXES adds <c>Table</c> and, for an index read,
    /// <c>GlobalSecondaryIndexes</c> or <c>LocalSecondaryIndexes</c> with the index's units (the table's then 0).</summary>
    public static JsonObject ConsumedCapacity(string table, double units, string mode, string? index = null, bool globalIndex = true)
    {
        var consumed = new JsonObject { ["TableName"] = table, ["CapacityUnits"] = units };
        if (mode != "INDEXES")
        {
            return consumed;
        }

        consumed["Table"] = new JsonObject { ["CapacityUnits"] = index is null ? units : 0.0 };
        if (index is not null)
        {
            consumed[globalIndex ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes"] = new JsonObject
            {
                [index] = new JsonObject { ["CapacityUnits"] = units },
            };
        }

        return consumed;
    }

    // What changes the items a read returns but not the items it reads (and so not its cost).
    private static readonly string[] NotReadingMembers =
    [
        "FilterExpression", "ProjectionExpression", "Select", "AttributesToGet", "QueryFilter", "ScanFilter",
        "ConditionalOperator", "ReturnConsumedCapacity",
    ];

    /// <summary>
    /// A copy of a GetItem, Query or Scan request that reads the same items and returns them whole:
    /// no filter, projection or Select; ExpressionAttributeNames and Values kept only where the key
    /// condition still uses them (DynamoDB and moto refuse unused names).
    /// </summary>
    public static JsonObject ReadEverything(JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var copy = (JsonObject)request.DeepClone();
        foreach (var member in NotReadingMembers)
        {
            copy.Remove(member);
        }

        var keyCondition = copy["KeyConditionExpression"]?.GetValue<string>() ?? string.Empty;
        foreach (var (member, sigil) in new[] { ("ExpressionAttributeNames", '#'), ("ExpressionAttributeValues", ':') })
        {
            if (copy[member] is not JsonObject placeholders)
            {
                continue;
            }

            foreach (var unused in placeholders.Select(p => p.Key).Where(p => !UsesPlaceholder(keyCondition, p, sigil)).ToList())
            {
                placeholders.Remove(unused);
            }

            if (placeholders.Count == 0)
            {
                copy.Remove(member);
            }
        }

        return copy;
    }

    private static bool UsesPlaceholder(string expression, string placeholder, char sigil)
    {
        for (var at = expression.IndexOf(placeholder, StringComparison.Ordinal); at >= 0;
             at = expression.IndexOf(placeholder, at + 1, StringComparison.Ordinal))
        {
            var end = at + placeholder.Length;
            var before = at == 0 || !IsPlaceholderChar(expression[at - 1], sigil);
            var after = end == expression.Length || !IsPlaceholderChar(expression[end], sigil);
            if (before && after)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPlaceholderChar(char c, char sigil) => char.IsAsciiLetterOrDigit(c) || c == '_' || c == sigil;
}
