using System.Text.Json.Nodes;

namespace Automation.Template.Tests.Infrastructure;

/// <summary>One <c>States</c> object of an ASL definition: the top level, a Parallel branch or a Map
/// processor. Transitions never leave their scope.</summary>
/// <param name="Label">How failure messages name it (e.g. <c>top level</c>, <c>GatherTableFacts/branch 1</c>).</param>
/// <param name="StartAt">The scope's StartAt, or null when missing.</param>
/// <param name="States">The states in the order the file writes them.</param>
internal sealed record AslScope(string Label, string? StartAt, IReadOnlyList<(string Name, JsonObject State)> States)
{
    public IReadOnlySet<string> Names { get; } = States.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every state of the scope <paramref name="from"/> can reach in one or more transitions.</summary>
    public IReadOnlySet<string> ReachableFrom(string from)
    {
        Dictionary<string, JsonObject> byName = States.ToDictionary(s => s.Name, s => s.State, StringComparer.Ordinal);
        HashSet<string> seen = new(StringComparer.Ordinal);
        Stack<string> pending = new([from]);
        while (pending.TryPop(out string? name))
        {
            if (!byName.TryGetValue(name, out JsonObject? state))
            {
                continue;
            }

            foreach ((_, string target) in AslGraph.Transitions(state))
            {
                if (seen.Add(target))
                {
                    pending.Push(target);
                }
            }
        }

        return seen;
    }
}

/// <summary>The transitions between the states of an ASL definition (Next, Choices, Default, Catch).</summary>
internal static class AslGraph
{
    /// <summary>The top-level scope, then every Parallel branch and Map processor, depth first.</summary>
    public static IEnumerable<AslScope> Scopes(JsonObject definition, string label = "top level")
    {
        List<(string, JsonObject)> states = (definition["States"]?.AsObject() ?? [])
            .Where(kv => kv.Value is JsonObject)
            .Select(kv => (kv.Key, kv.Value!.AsObject()))
            .ToList();
        yield return new AslScope(label, definition["StartAt"]?.ToString(), states);

        string prefix = label == "top level" ? "" : label + "/";
        foreach ((string name, JsonObject state) in states)
        {
            JsonArray branches = state["Branches"]?.AsArray() ?? [];
            for (int i = 0; i < branches.Count; i++)
            {
                if (branches[i] is JsonObject branch)
                {
                    foreach (AslScope inner in Scopes(branch, $"{prefix}{name}/branch {i}"))
                    {
                        yield return inner;
                    }
                }
            }

            if ((state["ItemProcessor"] ?? state["Iterator"]) is JsonObject processor)
            {
                foreach (AslScope inner in Scopes(processor, $"{prefix}{name}/items"))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Where a state can go next, with how it says so (<c>Next</c>, <c>Default</c>,
    /// <c>Choices[1]</c>, <c>Catch[0]</c>).</summary>
    public static IEnumerable<(string Via, string Target)> Transitions(JsonObject state)
    {
        if (state["Next"] is JsonValue next)
        {
            yield return ("Next", next.ToString());
        }

        JsonArray choices = state["Choices"]?.AsArray() ?? [];
        for (int i = 0; i < choices.Count; i++)
        {
            if (choices[i]?["Next"] is JsonValue target)
            {
                yield return ($"Choices[{i}]", target.ToString());
            }
        }

        if (state["Default"] is JsonValue fallback)
        {
            yield return ("Default", fallback.ToString());
        }

        JsonArray catches = state["Catch"]?.AsArray() ?? [];
        for (int i = 0; i < catches.Count; i++)
        {
            if (catches[i]?["Next"] is JsonValue target)
            {
                yield return ($"Catch[{i}]", target.ToString());
            }
        }
    }

    /// <summary>The ASL file exactly as written in the repository (state order included), placeholders still in.</summary>
    public static JsonObject ReadFile(string repoRelativePath) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, repoRelativePath)))!.AsObject();
}
