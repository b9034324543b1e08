using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Automation.Core.Queries;

/// <summary>
/// The size of an item as DynamoDB counts it for capacity, from its DynamoDB JSON (<c>{"pk":{"S":"a"}}</c>), following
/// "Item sizes and formats" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html):
/// an item is the sum of its attributes, each the UTF-8 length of its name plus the size of its value.
/// <list type="bullet">
/// <item><description>S: UTF-8 bytes. B: the raw bytes (the JSON carries base64).</description></item>
/// <item><description>N: up to 38 significant digits, leading and trailing zeros trimmed; about one byte per two
/// significant digits plus one byte.</description></item>
/// <item><description>BOOL and NULL: one byte.</description></item>
/// <item><description>L and M: 3 bytes of overhead whatever their content (an empty one is 3 bytes), plus each element
/// with one byte of overhead (an M element also counts its name).</description></item>
/// <item><description>SS, NS, BS: the sum of their elements.</description></item>
/// </list>
/// The local cloud reuses it to compute consumed capacity as DynamoDB does.
/// </summary>
public static class ItemSize
{
    /// <summary>The item's size in bytes. Throws <see cref="FormatException"/> on anything that is not DynamoDB JSON.</summary>
    public static long Bytes(JsonObject dynamoJsonItem)
    {
        ArgumentNullException.ThrowIfNull(dynamoJsonItem);
        long total = 0;
        foreach (KeyValuePair<string, JsonNode?> attribute in dynamoJsonItem)
        {
            total += Encoding.UTF8.GetByteCount(attribute.Key) + ValueBytes(attribute.Value, attribute.Key);
        }

        return total;
    }

    /// <summary>The size of one attribute value (<c>{"S":"a"}</c>), without its name.</summary>
    public static long ValueBytes(JsonNode? dynamoJsonValue) => ValueBytes(dynamoJsonValue, "$");

    /// <summary>DynamoDB's size of a number given as text: ceil(significant digits / 2) + 1 bytes.</summary>
    public static int NumberBytes(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        int significant = SignificantDigits(number);
        return ((Math.Max(significant, 1) + 1) / 2) + 1;
    }

    /// <summary>Significant digits of a decimal number's text (leading and trailing zeros trimmed; the exponent ignored).</summary>
    internal static int SignificantDigits(string number)
    {
        ReadOnlySpan<char> text = number.AsSpan().Trim();
        int exponent = text.IndexOfAny('e', 'E');
        if (exponent >= 0)
        {
            text = text[..exponent];
        }

        int first = -1;
        int last = -1;
        int count = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                continue;
            }

            if (text[i] != '0')
            {
                first = first < 0 ? count : first;
                last = count;
            }

            count++;
        }

        return first < 0 ? 0 : last - first + 1;
    }

    private static long ValueBytes(JsonNode? value, string path)
    {
        if (value is not JsonObject typed || typed.Count != 1)
        {
            throw new FormatException($"{path}: a DynamoDB JSON value is an object with exactly one type key (S, N, B, BOOL, NULL, L, M, SS, NS, BS).");
        }

        KeyValuePair<string, JsonNode?> only = typed.First();
        JsonNode? content = only.Value;
        string at = path + "." + only.Key;
        return only.Key switch
        {
            "S" => Encoding.UTF8.GetByteCount(Text(content, at)),
            "N" => NumberBytes(Text(content, at)),
            "B" => BinaryBytes(Text(content, at), at),
            "BOOL" or "NULL" => content is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                ? 1
                : throw new FormatException($"{at}: expected true or false."),
            "L" => 3 + Elements(content, at).Select((element, i) => ValueBytes(element, $"{at}[{i}]") + 1).Sum(),
            "M" => 3 + Map(content, at).Sum(pair => Encoding.UTF8.GetByteCount(pair.Key) + ValueBytes(pair.Value, at + "." + pair.Key) + 1),
            "SS" => Elements(content, at).Select((element, i) => (long)Encoding.UTF8.GetByteCount(Text(element, $"{at}[{i}]"))).Sum(),
            "NS" => Elements(content, at).Select((element, i) => (long)NumberBytes(Text(element, $"{at}[{i}]"))).Sum(),
            "BS" => Elements(content, at).Select((element, i) => BinaryBytes(Text(element, $"{at}[{i}]"), $"{at}[{i}]")).Sum(),
            _ => throw new FormatException($"{path}: '{only.Key}' is not a DynamoDB type (S, N, B, BOOL, NULL, L, M, SS, NS, BS)."),
        };
    }

    private static string Text(JsonNode? node, string path) =>
        node is JsonValue value && value.TryGetValue(out string? text)
            ? text
            : throw new FormatException($"{path}: expected a string.");

    private static JsonArray Elements(JsonNode? node, string path) =>
        node as JsonArray ?? throw new FormatException($"{path}: expected an array.");

    private static JsonObject Map(JsonNode? node, string path) =>
        node as JsonObject ?? throw new FormatException($"{path}: expected an object.");

    private static long BinaryBytes(string base64, string path)
    {
        int length = base64.Length;
        if (length % 4 != 0)
        {
            throw new FormatException($"{path}: expected base64.");
        }

        int padding = length == 0 ? 0 : base64[^1] == '=' ? base64[^2] == '=' ? 2 : 1 : 0;
        return (length / 4 * 3) - padding;
    }
}
