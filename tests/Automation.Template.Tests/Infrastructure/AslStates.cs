using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Automation.Template.Tests.Infrastructure;

/// <summary>Walks the states of an ASL definition, including Parallel branches and Map processors.</summary>
internal static partial class AslStates
{
    /// <summary>Every state with a readable path (e.g. <c>Fanout/branch 0/Describe</c>).</summary>
    public static IEnumerable<(string Path, JsonObject State)> All(JsonObject definition, string prefix = "")
    {
        foreach ((string name, JsonNode? node) in definition["States"]?.AsObject() ?? [])
        {
            if (node is not JsonObject state)
            {
                continue;
            }

            string path = prefix + name;
            yield return (path, state);
            JsonArray branches = state["Branches"]?.AsArray() ?? [];
            for (int i = 0; i < branches.Count; i++)
            {
                foreach ((string, JsonObject) inner in All(branches[i]!.AsObject(), $"{path}/branch {i}/"))
                {
                    yield return inner;
                }
            }

            if ((state["ItemProcessor"] ?? state["Iterator"]) is JsonObject processor)
            {
                foreach ((string, JsonObject) inner in All(processor, $"{path}/items/"))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Placeholders used as the FunctionName of a Lambda invoke task (any variant, e.g.
    /// <c>.waitForTaskToken</c>), with the state that uses them.</summary>
    public static IEnumerable<(string Placeholder, string StatePath)> LambdaFunctionPlaceholders(JsonObject definition)
    {
        foreach ((string path, JsonObject state) in All(definition))
        {
            string resource = state["Resource"]?.ToString() ?? "";
            if (state["Type"]?.ToString() != "Task"
                || !resource.StartsWith("arn:aws:states:::lambda:invoke", StringComparison.Ordinal))
            {
                continue;
            }

            // JSONPath states use Parameters, JSONata states use Arguments.
            JsonNode? functionName = state["Parameters"]?["FunctionName"] ?? state["Arguments"]?["FunctionName"];
            foreach (Match match in Placeholder().Matches(functionName?.ToString() ?? ""))
            {
                yield return (match.Groups[1].Value, path);
            }
        }
    }

    [GeneratedRegex(@"\$\{([^}]*)\}")]
    private static partial Regex Placeholder();
}
