using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Automation.Core.Queries;

namespace Automation.Aws.Queries;

/// <summary>
/// The one converter between the SDK's <see cref="AttributeValue"/> and DynamoDB JSON (the wire format:
/// <c>{"pk":{"S":"a"},"n":{"N":"1"},"b":{"B":"base64"},"l":{"L":[...]},"m":{"M":{...}}}</c>), which the core works in.
/// No reflection: JsonNode only (Native AOT safe).
/// </summary>
public static class DynamoDbJson
{
    /// <summary>An item as DynamoDB JSON.</summary>
    public static JsonObject ToJson(IReadOnlyDictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var json = new JsonObject();
        foreach (KeyValuePair<string, AttributeValue> attribute in item)
        {
            json[attribute.Key] = ToJson(attribute.Value);
        }

        return json;
    }

    /// <summary>One value as DynamoDB JSON (<c>{"S":"a"}</c>).</summary>
    public static JsonObject ToJson(AttributeValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.S is not null)
        {
            return new JsonObject { ["S"] = value.S };
        }

        if (value.N is not null)
        {
            return new JsonObject { ["N"] = value.N };
        }

        if (value.B is not null)
        {
            return new JsonObject { ["B"] = Convert.ToBase64String(value.B.ToArray()) };
        }

        if (value.BOOL is { } flag)
        {
            return new JsonObject { ["BOOL"] = flag };
        }

        if (value.NULL is true)
        {
            return new JsonObject { ["NULL"] = true };
        }

        if (value.M is not null)
        {
            return new JsonObject { ["M"] = ToJson(value.M) };
        }

        if (value.L is not null)
        {
            return new JsonObject { ["L"] = new JsonArray([.. value.L.Select(v => (JsonNode)ToJson(v))]) };
        }

        if (value.SS is not null)
        {
            return new JsonObject { ["SS"] = new JsonArray([.. value.SS.Select(s => (JsonNode)JsonValue.Create(s))]) };
        }

        if (value.NS is not null)
        {
            return new JsonObject { ["NS"] = new JsonArray([.. value.NS.Select(n => (JsonNode)JsonValue.Create(n))]) };
        }

        if (value.BS is not null)
        {
            return new JsonObject { ["BS"] = new JsonArray([.. value.BS.Select(b => (JsonNode)JsonValue.Create(Convert.ToBase64String(b.ToArray())))]) };
        }

        throw new FormatException("An AttributeValue with no type set cannot be converted.");
    }

    /// <summary>An item from DynamoDB JSON. Throws <see cref="FormatException"/> naming the attribute on anything else.</summary>
    public static Dictionary<string, AttributeValue> ToItem(JsonObject item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var attributes = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, JsonNode?> attribute in item)
        {
            attributes[attribute.Key] = ToAttributeValue(attribute.Value, attribute.Key);
        }

        return attributes;
    }

    /// <summary>One value from DynamoDB JSON (<c>{"S":"a"}</c>).</summary>
    public static AttributeValue ToAttributeValue(JsonNode? value) => ToAttributeValue(value, "$");

    /// <summary>A plan's typed value (S, N or BOOL).</summary>
    public static AttributeValue ToAttributeValue(QueryValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Type switch
        {
            ParameterType.Number => new AttributeValue { N = value.Text },
            ParameterType.Flag => new AttributeValue { BOOL = bool.Parse(value.Text) },
            _ => new AttributeValue { S = value.Text },
        };
    }

    private static AttributeValue ToAttributeValue(JsonNode? value, string path)
    {
        if (value is not JsonObject typed || typed.Count != 1)
        {
            throw new FormatException($"{path}: a DynamoDB JSON value is an object with exactly one type key (S, N, B, BOOL, NULL, L, M, SS, NS, BS).");
        }

        KeyValuePair<string, JsonNode?> only = typed.First();
        string at = path + "." + only.Key;
        return only.Key switch
        {
            "S" => new AttributeValue { S = Text(only.Value, at) },
            "N" => new AttributeValue { N = Text(only.Value, at) },
            "B" => new AttributeValue { B = Binary(only.Value, at) },
            "BOOL" => new AttributeValue { BOOL = Flag(only.Value, at) },
            "NULL" => new AttributeValue { NULL = Flag(only.Value, at) },
            "M" => new AttributeValue
            {
                M = (only.Value as JsonObject ?? throw new FormatException($"{at}: expected an object."))
                    .ToDictionary(p => p.Key, p => ToAttributeValue(p.Value, at + "." + p.Key), StringComparer.Ordinal),
            },
            "L" => new AttributeValue { L = [.. Array(only.Value, at).Select((v, i) => ToAttributeValue(v, $"{at}[{i}]"))] },
            "SS" => new AttributeValue { SS = [.. Array(only.Value, at).Select((v, i) => Text(v, $"{at}[{i}]"))] },
            "NS" => new AttributeValue { NS = [.. Array(only.Value, at).Select((v, i) => Text(v, $"{at}[{i}]"))] },
            "BS" => new AttributeValue { BS = [.. Array(only.Value, at).Select((v, i) => Binary(v, $"{at}[{i}]"))] },
            _ => throw new FormatException($"{path}: '{only.Key}' is not a DynamoDB type (S, N, B, BOOL, NULL, L, M, SS, NS, BS)."),
        };
    }

    private static string Text(JsonNode? node, string path) =>
        node is JsonValue value && value.TryGetValue(out string? text) ? text : throw new FormatException($"{path}: expected a string.");

    private static bool Flag(JsonNode? node, string path) =>
        node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? value.GetValue<bool>()
            : throw new FormatException($"{path}: expected true or false.");

    private static JsonArray Array(JsonNode? node, string path) =>
        node as JsonArray ?? throw new FormatException($"{path}: expected an array.");

    private static MemoryStream Binary(JsonNode? node, string path)
    {
        string text = Text(node, path);
        try
        {
            return new MemoryStream(Convert.FromBase64String(text));
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: expected base64.", e);
        }
    }
}
