using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Automation.LocalCloud.Scenarios;

/// <summary>Plain JSON ↔ DynamoDB's typed JSON (<c>{"S": ...}</c>, <c>{"N": "..."}</c>, ...), so
/// scenarios write items and read answers as ordinary JSON.</summary>
public static class DynamoDbJson
{
    private static readonly HashSet<string> TypeKeys = new(StringComparer.Ordinal) { "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS" };

    public static JsonObject MarshalItem(JsonObject item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return IsTyped(item) ? (JsonObject)item.DeepClone() : new JsonObject(item.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)Marshal(kv.Value))));
    }

    public static JsonObject Marshal(JsonNode? value) =>
        value switch
        {
            null => new JsonObject { ["NULL"] = true },
            JsonObject obj => new JsonObject { ["M"] = MarshalItem(obj) },
            JsonArray array => new JsonObject { ["L"] = new JsonArray([.. array.Select(v => (JsonNode?)Marshal(v))]) },
            JsonValue v => v.GetValueKind() switch
            {
                JsonValueKind.String => new JsonObject { ["S"] = v.GetValue<string>() },
                JsonValueKind.Number => new JsonObject { ["N"] = v.ToJsonString() },
                JsonValueKind.True or JsonValueKind.False => new JsonObject { ["BOOL"] = v.GetValue<bool>() },
                _ => new JsonObject { ["NULL"] = true },
            },
            _ => throw new ArgumentException($"Cannot marshal {value.GetType().Name}.", nameof(value)),
        };

    public static JsonObject UnmarshalItem(JsonObject item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new JsonObject(item.Select(kv => KeyValuePair.Create(kv.Key, Unmarshal(kv.Value as JsonObject))));
    }

    public static JsonNode? Unmarshal(JsonObject? typed)
    {
        if (typed is null || typed.Count != 1)
        {
            return typed?.DeepClone();
        }

        var (type, value) = typed.First();
        return type switch
        {
            "S" or "B" => value?.DeepClone(),
            "N" => JsonValue.Create(double.Parse(value!.GetValue<string>(), CultureInfo.InvariantCulture)),
            "BOOL" => value?.DeepClone(),
            "NULL" => null,
            "M" => UnmarshalItem((JsonObject)value!),
            "L" => new JsonArray([.. ((JsonArray)value!).Select(v => Unmarshal(v as JsonObject))]),
            "SS" or "BS" => value?.DeepClone(),
            "NS" => new JsonArray([.. ((JsonArray)value!).Select(v => (JsonNode?)JsonValue.Create(double.Parse(v!.GetValue<string>(), CultureInfo.InvariantCulture)))]),
            _ => typed.DeepClone(),
        };
    }

    /// <summary>True when every attribute is already a typed value (one key like S, N, M, ...).</summary>
    public static bool IsTyped(JsonObject item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Count > 0 && item.All(kv => kv.Value is JsonObject typed && typed.Count == 1 && TypeKeys.Contains(typed.First().Key));
    }

    /// <summary>For check calls: typed request members written as plain JSON are marshalled.</summary>
    public static void MarshalRequest(JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var key in new[] { "Key", "Item", "ExpressionAttributeValues", "ExclusiveStartKey" })
        {
            if (request[key] is JsonObject value)
            {
                request[key] = MarshalItem(value);
            }
        }
    }

    /// <summary>For check answers: Item, Items and Attributes as plain JSON.</summary>
    public static void UnmarshalResponse(JsonObject response)
    {
        ArgumentNullException.ThrowIfNull(response);
        foreach (var key in new[] { "Item", "Attributes" })
        {
            if (response[key] is JsonObject item)
            {
                response[key] = UnmarshalItem(item);
            }
        }

        if (response["Items"] is JsonArray items)
        {
            response["Items"] = new JsonArray([.. items.Select(i => (JsonNode?)UnmarshalItem((JsonObject)i!))]);
        }
    }
}
