using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Automation.LocalCloud.Deployment;

/// <summary>
/// EventBridge event-pattern matching (moto's TestEventPattern answers nothing useful): exact
/// values, <c>prefix</c>, <c>suffix</c>, <c>equals-ignore-case</c>, <c>wildcard</c>,
/// <c>anything-but</c>, <c>exists</c>, <c>numeric</c>, and <c>$or</c>. A field of the event that is
/// an array matches when any element does, as in EventBridge.
/// </summary>
public static class EventPatternMatcher
{
    public static bool Matches(JsonObject pattern, JsonNode? @event)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        foreach (var (key, rule) in pattern)
        {
            if (key == "$or")
            {
                if (!(rule as JsonArray ?? []).OfType<JsonObject>().Any(alternative => Matches(alternative, @event)))
                {
                    return false;
                }

                continue;
            }

            var present = @event is JsonObject obj && obj.TryGetPropertyValue(key, out _);
            var value = present ? @event![key] : null;
            switch (rule)
            {
                case JsonObject nested:
                    if (!present || !Matches(nested, value))
                    {
                        return false;
                    }

                    break;
                case JsonArray options:
                    if (!MatchesAny(options, present, value))
                    {
                        return false;
                    }

                    break;
                default:
                    throw new FormatException($"Event pattern field '{key}' must be a list or an object, not {rule?.ToJsonString()}.");
            }
        }

        return true;
    }

    private static bool MatchesAny(JsonArray options, bool present, JsonNode? value)
    {
        foreach (var option in options)
        {
            if (option is JsonObject filter && filter.Count == 1 && filter.First().Key == "exists")
            {
                if (filter.First().Value!.GetValue<bool>() == present)
                {
                    return true;
                }

                continue;
            }

            if (!present)
            {
                continue;
            }

            var candidates = value is JsonArray array ? array.ToList() : [value];
            if (candidates.Any(candidate => MatchesOne(option, candidate)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesOne(JsonNode? option, JsonNode? value)
    {
        if (option is not JsonObject filter)
        {
            return option is null ? value is null : value is JsonValue && option.ToJsonString() == value.ToJsonString();
        }

        var (kind, operand) = filter.First();
        var text = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        return kind switch
        {
            "prefix" when operand is JsonObject ic => text?.StartsWith(ic["equals-ignore-case"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase) == true,
            "prefix" => text?.StartsWith(operand!.GetValue<string>(), StringComparison.Ordinal) == true,
            "suffix" when operand is JsonObject ic => text?.EndsWith(ic["equals-ignore-case"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase) == true,
            "suffix" => text?.EndsWith(operand!.GetValue<string>(), StringComparison.Ordinal) == true,
            "equals-ignore-case" => string.Equals(text, operand!.GetValue<string>(), StringComparison.OrdinalIgnoreCase),
            "wildcard" => text is not null && Regex.IsMatch(text, "^" + Regex.Escape(operand!.GetValue<string>()).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
                RegexOptions.None, TimeSpan.FromSeconds(1)),
            "anything-but" => operand switch
            {
                JsonArray list => !list.Any(o => MatchesOne(o, value)),
                JsonObject inner => !MatchesOne(inner, value),
                _ => !MatchesOne(operand, value),
            },
            "numeric" => Numeric((JsonArray)operand!, value),
            _ => throw new NotSupportedException($"Event pattern filter '{kind}' is not supported by the local cloud."),
        };
    }

    private static bool Numeric(JsonArray conditions, JsonNode? value)
    {
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        var number = v.GetValue<double>();
        for (var i = 0; i + 1 < conditions.Count; i += 2)
        {
            var bound = double.Parse(conditions[i + 1]!.ToJsonString(), CultureInfo.InvariantCulture);
            var ok = conditions[i]!.GetValue<string>() switch
            {
                "=" => number == bound,
                ">" => number > bound,
                ">=" => number >= bound,
                "<" => number < bound,
                "<=" => number <= bound,
                var op => throw new FormatException($"Unknown numeric operator '{op}'."),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
