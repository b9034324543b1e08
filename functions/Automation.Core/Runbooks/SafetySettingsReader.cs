using Automation.Core.Planning;
using Automation.Core.Safety;

using YamlDotNet.RepresentationModel;

namespace Automation.Core.Runbooks;

/// <summary>
/// Reads a <c>safety</c> section (format: runbooks/README.md, "safety") of defaults.yaml or a segment file:
/// <c>backupBefore</c>, the plan kinds that take an on-demand backup of the table first. A more specific segment adds
/// kinds to what it inherits (defaults.yaml ← table segment ← index segment ← key-prefix segment), never removes one.
/// </summary>
internal static class SafetySettingsReader
{
    private const string P = "safety";

    /// <summary>The fields a <c>safety</c> section may hold.</summary>
    public static readonly string[] Keys = ["backupBefore"];

    /// <summary>The section of <paramref name="root"/>, checked, as the kinds it lists (empty when absent or given without a value).</summary>
    public static IReadOnlyList<RemediationKind> Parse(YamlConfigReader r, YamlMappingNode root)
    {
        if (YamlConfigReader.Child(root, P) is not { } node || YamlConfigReader.IsNull(node) || r.Mapping(node, P) is not { } map)
        {
            return [];
        }

        r.OnlyKeys(map, P, Keys);
        string field = YamlConfigReader.Join(P, "backupBefore");
        IReadOnlyList<string> listed = r.StringList(map, P, "backupBefore", "plan kinds (" + string.Join(", ", SafetySettings.Kinds.Keys) + ")");
        var list = YamlConfigReader.Child(map, "backupBefore") as YamlSequenceNode;
        var kinds = new List<RemediationKind>();
        foreach (string name in listed)
        {
            if (SafetySettings.Kinds.TryGetValue(name, out RemediationKind kind))
            {
                kinds.Add(kind);
                continue;
            }

            YamlNode? at = list?.Children.FirstOrDefault(c => c is YamlScalarNode s && s.Value == name);
            string path = list is null || at is null ? field : $"{field}[{list.Children.IndexOf(at)}]";
            string why = name is "noAction" or "adviseCaching"
                ? $"'{name}' applies nothing, so there is nothing to back up before it; one of: {string.Join(", ", SafetySettings.Kinds.Keys)}"
                : $"'{name}' is not a kind of plan; one of: {string.Join(", ", SafetySettings.Kinds.Keys)}";
            r.Error(path, at ?? map, why);
        }

        return kinds;
    }

    /// <summary>The inherited kinds with <paramref name="own"/> added (each once, in order).</summary>
    public static SafetySettings Add(SafetySettings inherited, IEnumerable<RemediationKind> own) =>
        new([.. inherited.BackupBefore.Concat(own).Distinct()]);
}
