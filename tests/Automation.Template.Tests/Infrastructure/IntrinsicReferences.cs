using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Automation.Template.Tests.Infrastructure;

/// <summary>The logical names (resources, parameters, pseudo parameters) an intrinsic refers to.</summary>
internal static partial class IntrinsicReferences
{
    /// <summary>Every name referenced by Ref, Fn::GetAtt or a ${Name} of Fn::Sub inside value.</summary>
    public static IEnumerable<string> In(JsonNode? value)
    {
        switch (value)
        {
            case JsonArray array:
                foreach (string name in array.SelectMany(In))
                {
                    yield return name;
                }

                break;
            case JsonObject obj when obj.Count == 1 && obj.ContainsKey("Ref"):
                yield return obj["Ref"]!.ToString();
                break;
            case JsonObject obj when obj.Count == 1 && obj.ContainsKey("Fn::GetAtt"):
                JsonNode target = obj["Fn::GetAtt"]!;
                yield return target is JsonArray parts ? parts[0]!.ToString() : target.ToString().Split('.')[0];
                break;
            case JsonObject obj when obj.Count == 1 && obj.ContainsKey("Fn::Sub"):
                JsonNode sub = obj["Fn::Sub"]!;
                string text = sub is JsonArray args ? args[0]!.ToString() : sub.ToString();
                JsonObject local = sub is JsonArray withVariables && withVariables.Count > 1
                    ? withVariables[1]!.AsObject()
                    : [];
                foreach (Match match in SubPlaceholder().Matches(text))
                {
                    string name = match.Groups[1].Value;
                    if (!name.StartsWith('!') && !local.ContainsKey(name))
                    {
                        yield return name.Split('.')[0];
                    }
                }

                foreach (string name in local.Select(kv => kv.Value).SelectMany(In))
                {
                    yield return name;
                }

                break;
            case JsonObject obj:
                foreach (string name in obj.Select(kv => kv.Value).SelectMany(In))
                {
                    yield return name;
                }

                break;
        }
    }

    /// <summary>The function a value like <c>!GetAtt F.Arn</c> or <c>!Ref F</c> points at, else null.</summary>
    public static string? FunctionTarget(JsonNode? value) => value switch
    {
        JsonObject obj when obj.Count == 1 && obj["Ref"] is JsonValue reference => reference.ToString(),
        JsonObject obj when obj.Count == 1 && obj["Fn::GetAtt"] is JsonArray { Count: 2 } parts
            && parts[1]!.ToString() == "Arn" => parts[0]!.ToString(),
        JsonObject obj when obj.Count == 1 && obj["Fn::GetAtt"] is JsonValue dotted
            && dotted.ToString().EndsWith(".Arn", StringComparison.Ordinal) => dotted.ToString()[..^4],
        _ => null,
    };

    [GeneratedRegex(@"\$\{([^}]*)\}")]
    private static partial Regex SubPlaceholder();
}
