using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Automation.LocalCloud.Scenarios.Expectations;

/// <summary>
/// Compares an actual JSON value with what a scenario expects. A plain value must be equal (objects
/// and arrays deeply; numbers by value, also when the actual is a numeric string, as IAM's XML gives
/// them). An object whose only key starts with <c>$</c> is a matcher:
/// <c>$exists</c>, <c>$regex</c>, <c>$contains</c>, <c>$length</c>, <c>$gt</c>, <c>$gte</c>, <c>$lt</c>,
/// <c>$lte</c>, <c>$ne</c>, <c>$anyOf</c> (a list of expected values or matchers).
/// </summary>
public static class ValueMatcher
{
    /// <summary>Null when it matches, else why not.</summary>
    public static string? Mismatch(bool found, JsonNode? actual, JsonNode? expected)
    {
        if (expected is JsonObject matcher && matcher.Count == 1 && matcher.First().Key.StartsWith('$'))
        {
            var (op, operand) = matcher.First();
            return Operator(op, operand, found, actual);
        }

        if (!found)
        {
            return $"missing (expected {Show(expected)})";
        }

        return DeepEquals(actual, expected) ? null : $"was {Show(actual)}, expected {Show(expected)}";
    }

    private static string? Operator(string op, JsonNode? operand, bool found, JsonNode? actual)
    {
        if (op == "$exists")
        {
            var wanted = operand?.GetValue<bool>() ?? true;
            return found == wanted ? null : wanted ? "missing (expected to exist)" : $"exists ({Show(actual)}), expected absent";
        }

        if (!found)
        {
            return $"missing (expected {op} {Show(operand)})";
        }

        switch (op)
        {
            case "$regex":
                var text = actual is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : actual?.ToJsonString() ?? "null";
                return Regex.IsMatch(text, operand!.GetValue<string>(), RegexOptions.None, TimeSpan.FromSeconds(1))
                    ? null
                    : $"was {Show(actual)}, expected to match /{operand}/";
            case "$contains":
                return actual switch
                {
                    JsonArray array when array.Any(item => Mismatch(true, item, operand) is null) => null,
                    JsonValue s when s.GetValueKind() == JsonValueKind.String && s.GetValue<string>().Contains(operand!.ToString(), StringComparison.Ordinal) => null,
                    _ => $"was {Show(actual)}, expected to contain {Show(operand)}",
                };
            case "$length":
                var length = actual switch
                {
                    JsonArray array => array.Count,
                    JsonObject obj => obj.Count,
                    JsonValue s when s.GetValueKind() == JsonValueKind.String => s.GetValue<string>().Length,
                    _ => -1,
                };
                return length == operand!.GetValue<int>() ? null : $"has length {length}, expected {operand}";
            case "$gt" or "$gte" or "$lt" or "$lte":
                if (Number(actual) is not { } a || Number(operand) is not { } b)
                {
                    return $"was {Show(actual)}, expected a number {op} {Show(operand)}";
                }

                var ok = op switch { "$gt" => a > b, "$gte" => a >= b, "$lt" => a < b, _ => a <= b };
                return ok ? null : $"was {a.ToString(CultureInfo.InvariantCulture)}, expected {op} {b.ToString(CultureInfo.InvariantCulture)}";
            case "$keys":
                var names = actual is JsonObject keyed ? keyed.Select(p => p.Key).ToList() : null;
                var expectedNames = (operand as JsonArray ?? []).Select(n => n?.GetValue<string>()).ToList();
                return names is not null && names.SequenceEqual(expectedNames)
                    ? null
                    : $"has keys {(names is null ? "none (not an object)" : "[" + string.Join(", ", names) + "]")}, expected exactly [{string.Join(", ", expectedNames)}] in that order";
            case "$ne":
                return DeepEquals(actual, operand) ? $"was {Show(actual)}, expected anything else" : null;
            case "$anyOf":
                return (operand as JsonArray ?? []).Any(option => Mismatch(true, actual, option) is null)
                    ? null
                    : $"was {Show(actual)}, expected any of {Show(operand)}";
            default:
                throw new FormatException($"Unknown matcher '{op}' (use $exists, $regex, $contains, $length, $keys, $gt, $gte, $lt, $lte, $ne, $anyOf).");
        }
    }

    public static bool DeepEquals(JsonNode? actual, JsonNode? expected)
    {
        if (Number(expected) is { } e && Number(actual) is { } a && (IsNumber(expected) || IsNumber(actual)))
        {
            return a == e;
        }

        return (actual, expected) switch
        {
            (null, null) => true,
            (JsonObject x, JsonObject y) => x.Count == y.Count && y.All(kv => x.TryGetPropertyValue(kv.Key, out var value) && DeepEquals(value, kv.Value)),
            (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(p => DeepEquals(p.First, p.Second)),
            (JsonValue x, JsonValue y) => x.ToJsonString() == y.ToJsonString(),
            _ => false,
        };
    }

    private static bool IsNumber(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    private static double? Number(JsonNode? node) =>
        node is JsonValue v
            ? v.GetValueKind() switch
            {
                // From the text: a value built in code (e.g. JsonValue.Create(3)) holds an int, not a double.
                JsonValueKind.Number => double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
                JsonValueKind.String when double.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
                _ => null,
            }
            : null;

    public static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 200 ? text : text[..200] + "...";
    }
}
