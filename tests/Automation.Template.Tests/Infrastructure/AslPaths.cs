using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Automation.Template.Tests.Infrastructure;

/// <summary>The JSONPaths of an ASL definition: those it reads (<c>"x.$"</c> values, Choice
/// <c>Variable</c>s, <c>...Path</c> fields, paths inside intrinsic functions) and those its
/// ResultSelector / Pass results create under a ResultPath.</summary>
internal static partial class AslPaths
{
    /// <summary>Every JSONPath the definition reads or writes, with where (<c>state: field</c>).</summary>
    public static IEnumerable<(string Where, string Path)> Used(JsonObject definition)
    {
        foreach ((string statePath, JsonObject state) in AslStates.All(definition))
        {
            foreach ((string field, string text) in PathFields(state, ""))
            {
                foreach (Match match in JsonPathPattern().Matches(text))
                {
                    yield return ($"{statePath}: {field}", match.Value);
                }
            }
        }
    }

    /// <summary>The paths a state's result shaping creates in the state's output: its ResultPath
    /// (default <c>$</c>) joined with every key of its ResultSelector (a Pass state: Parameters or
    /// Result), nested objects included. A <c>"ResultPath": null</c> creates nothing.</summary>
    public static IEnumerable<(string State, string Path)> Created(JsonObject definition)
    {
        foreach ((string statePath, JsonObject state) in AslStates.All(definition))
        {
            if (state.TryGetPropertyValue("ResultPath", out JsonNode? resultPath) && resultPath is null)
            {
                continue;
            }

            JsonNode? shape = state["Type"]?.ToString() == "Pass"
                ? state["Parameters"] ?? state["Result"]
                : state["ResultSelector"];
            if (shape is JsonObject keys)
            {
                foreach (string created in Keys(keys, resultPath?.ToString() ?? "$"))
                {
                    yield return (statePath, created);
                }
            }
        }
    }

    /// <summary>The segments of a JSONPath (<c>$.a.b[0]</c> → <c>$</c>, <c>a</c>, <c>b</c>, <c>[0]</c>).</summary>
    public static IReadOnlyList<string> Segments(string path) =>
        SegmentPattern().Matches(path).Select(m => m.Value.TrimStart('.')).ToList();

    /// <summary>The first segment that repeats the one before it (<c>$.plan.plan</c> → <c>plan</c>), else null.
    /// Case-sensitive: Step Functions' own <c>Error</c> / <c>Cause</c> under a Catch's <c>$.error</c> are not a stutter.</summary>
    public static string? Stutter(string path)
    {
        IReadOnlyList<string> segments = Segments(path);
        for (int i = 1; i < segments.Count; i++)
        {
            if (string.Equals(segments[i], segments[i - 1], StringComparison.Ordinal))
            {
                return segments[i];
            }
        }

        return null;
    }

    private static IEnumerable<(string Field, string Text)> PathFields(JsonObject node, string prefix)
    {
        foreach ((string key, JsonNode? value) in node)
        {
            string field = prefix + key;
            bool pathValued = key.EndsWith(".$", StringComparison.Ordinal)
                || key.EndsWith("Path", StringComparison.Ordinal)
                || key == "Variable";
            switch (value)
            {
                case JsonValue text when pathValued && text.TryGetValue(out string? s):
                    yield return (field, s);
                    break;
                case JsonObject inner when key is not ("Branches" or "ItemProcessor" or "Iterator" or "Result"):
                    foreach ((string, string) nested in PathFields(inner, field + "."))
                    {
                        yield return nested;
                    }

                    break;
                case JsonArray array when key is "Choices" or "And" or "Or" or "Catch":
                    for (int i = 0; i < array.Count; i++)
                    {
                        if (array[i] is JsonObject rule)
                        {
                            foreach ((string, string) nested in PathFields(rule, $"{field}[{i}]."))
                            {
                                yield return nested;
                            }
                        }
                    }

                    break;
            }
        }
    }

    private static IEnumerable<string> Keys(JsonObject shape, string under)
    {
        foreach ((string key, JsonNode? value) in shape)
        {
            string name = key.EndsWith(".$", StringComparison.Ordinal) ? key[..^2] : key;
            string path = under == "$" ? $"$.{name}" : $"{under}.{name}";
            yield return path;
            if (!key.EndsWith(".$", StringComparison.Ordinal) && value is JsonObject inner)
            {
                foreach (string nested in Keys(inner, path))
                {
                    yield return nested;
                }
            }
        }
    }

    // $.a.b, $$.Execution.Id, $.x[0].y, $.list[*].name; stops at what ends a path inside an intrinsic.
    [GeneratedRegex(@"\$\$?(?:\.[^.\[\]\s,()'""]+|\[[^\]]*\])+")]
    private static partial Regex JsonPathPattern();

    [GeneratedRegex(@"^\$\$?|\.[^.\[\]]+|\[[^\]]*\]")]
    private static partial Regex SegmentPattern();
}
