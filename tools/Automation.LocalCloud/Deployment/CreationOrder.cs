using System.Text.Json.Nodes;

namespace Automation.LocalCloud.Deployment;

/// <summary>Orders a template's resources so each comes after what it refers to (Ref, GetAtt, Sub,
/// DependsOn), keeping template order otherwise. A cycle fails loudly, as in CloudFormation.</summary>
public static class CreationOrder
{
    public static IReadOnlyList<string> Of(JsonObject resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var ids = resources.Select(r => r.Key).ToList();
        var dependencies = ids.ToDictionary(id => id, id =>
        {
            var resource = resources[id]!;
            var explicitDeps = resource["DependsOn"] switch
            {
                JsonArray list => list.Select(d => d!.GetValue<string>()),
                JsonValue single => [single.GetValue<string>()],
                _ => [],
            };
            return IntrinsicResolver.References(resource["Properties"])
                .Concat(explicitDeps)
                .Where(d => resources.ContainsKey(d) && d != id)
                .ToHashSet(StringComparer.Ordinal);
        }, StringComparer.Ordinal);

        var ordered = new List<string>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: visiting, true: done
        foreach (var id in ids)
        {
            Visit(id, dependencies, state, ordered, []);
        }

        return ordered;
    }

    private static void Visit(string id, Dictionary<string, HashSet<string>> dependencies, Dictionary<string, bool> state, List<string> ordered, List<string> path)
    {
        if (state.TryGetValue(id, out var done))
        {
            if (!done)
            {
                throw new InvalidOperationException($"Circular dependency between resources: {string.Join(" -> ", path.Append(id))}.");
            }

            return;
        }

        state[id] = false;
        path.Add(id);
        foreach (var dependency in dependencies[id])
        {
            Visit(dependency, dependencies, state, ordered, path);
        }

        path.RemoveAt(path.Count - 1);
        state[id] = true;
        ordered.Add(id);
    }
}
