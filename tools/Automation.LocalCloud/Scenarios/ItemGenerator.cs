using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Automation.LocalCloud.Aws;

namespace Automation.LocalCloud.Scenarios;

/// <summary>Expands <c>arrange.tables[].generate</c> (<see cref="ScenarioItemGenerator"/>) into DynamoDB JSON items.
/// Attributes are plain JSON (marshalled as in <c>items</c>) or, one by one, typed values such as <c>{N: "{n}"}</c>.</summary>
public static partial class ItemGenerator
{
    [GeneratedRegex(@"\{n(?::(?<width>0+))?\}")]
    private static partial Regex Placeholder();

    /// <summary>The generator's items in DynamoDB JSON, in order; a size that cannot be met is a FormatException naming the item.</summary>
    public static IEnumerable<JsonObject> Items(ScenarioItemGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        Validate(generator);
        for (var n = generator.Start; n < generator.Start + generator.Count; n++)
        {
            var item = Marshal((JsonObject)Substitute(generator.Item, n)!);
            if (generator.SizeBytes is { } size)
            {
                if (item.ContainsKey(generator.PadAttribute))
                {
                    throw new FormatException($"generate: the item already has the pad attribute '{generator.PadAttribute}' (set padAttribute to another name).");
                }

                var padding = size - DynamoDbCapacity.ItemBytes(item) - Encoding.UTF8.GetByteCount(generator.PadAttribute);
                if (padding < 0)
                {
                    throw new FormatException(
                        $"generate: item {n} is {DynamoDbCapacity.ItemBytes(item)} bytes before padding, over sizeBytes {size} " +
                        $"(with the pad attribute's name): raise sizeBytes.");
                }

                item[generator.PadAttribute] = new JsonObject { ["S"] = new string('x', (int)padding) };
            }

            yield return item;
        }
    }

    /// <summary>The checks that need no expansion (the loader runs them).</summary>
    public static void Validate(ScenarioItemGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (generator.Count < 1)
        {
            throw new ArgumentException($"generate.count must be at least 1, not {generator.Count}.");
        }

        if (generator.SizeBytes is { } size && (size < 1 || size > DynamoDbCapacity.MaxItemBytes))
        {
            throw new ArgumentException($"generate.sizeBytes must be between 1 and {DynamoDbCapacity.MaxItemBytes} (DynamoDB's 400 KB item), not {size}.");
        }

        if (string.IsNullOrEmpty(generator.PadAttribute))
        {
            throw new ArgumentException("generate.padAttribute must not be empty.");
        }
    }

    /// <summary>Plain JSON attributes marshalled; an attribute written typed (<c>{"N": "{n}"}</c>, a number per item) kept.</summary>
    private static JsonObject Marshal(JsonObject item) =>
        new(item.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)(kv.Value is JsonObject typed && DynamoDbJson.IsTyped(new JsonObject { ["v"] = typed.DeepClone() })
            ? typed.DeepClone()
            : DynamoDbJson.Marshal(kv.Value)))));

    private static JsonNode? Substitute(JsonNode? node, int n) =>
        node switch
        {
            JsonObject obj => new JsonObject(obj.Select(kv => KeyValuePair.Create(kv.Key, Substitute(kv.Value, n)))),
            JsonArray array => new JsonArray([.. array.Select(v => Substitute(v, n))]),
            JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String =>
                JsonValue.Create(Placeholder().Replace(value.GetValue<string>(), match =>
                    n.ToString(CultureInfo.InvariantCulture).PadLeft(match.Groups["width"].Length, '0'))),
            _ => node?.DeepClone(),
        };
}
