using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Automation.LocalCloud.Deployment;

/// <summary>The template's parameters with their values: defaults, then overrides, validated
/// against AllowedValues / AllowedPattern as CloudFormation would (a bad override fails the deploy).</summary>
public static class StackParameters
{
    public static Dictionary<string, JsonNode?> Resolve(JsonObject template, IReadOnlyDictionary<string, string> overrides)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(overrides);
        var declared = template["Parameters"] as JsonObject ?? [];
        foreach (var name in overrides.Keys.Where(k => !declared.ContainsKey(k)))
        {
            throw new ArgumentException($"Parameter '{name}' is not declared in the template (declared: {string.Join(", ", declared.Select(p => p.Key))}).");
        }

        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, declaration) in declared)
        {
            var text = overrides.TryGetValue(name, out var given) ? given : declaration?["Default"]?.ToString();
            if (text is null)
            {
                throw new ArgumentException($"Parameter '{name}' has no Default: give it a value.");
            }

            if (declaration?["AllowedValues"] is JsonArray allowed && !allowed.Any(a => a?.ToString() == text))
            {
                throw new ArgumentException($"Parameter '{name}' = '{text}' is not one of: {string.Join(", ", allowed)}.");
            }

            if (declaration?["AllowedPattern"]?.ToString() is { } pattern
                && !Regex.IsMatch(text, $"^(?:{pattern})$", RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                throw new ArgumentException($"Parameter '{name}' = '{text}' does not match {pattern}.");
            }

            var type = declaration?["Type"]?.ToString() ?? "String";
            values[name] = type.StartsWith("List<", StringComparison.Ordinal) || type == "CommaDelimitedList"
                ? new JsonArray([.. text.Split(',').Select(v => (JsonNode?)v.Trim())])
                : JsonValue.Create(text);
        }

        return values;
    }
}
