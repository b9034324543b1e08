using Automation.Core.Guardrails;

using YamlDotNet.RepresentationModel;

namespace Automation.Core.Runbooks;

/// <summary>
/// Parses the single-file guardrails config of version 1 (<c>runbooks/guardrails.yaml</c> before the runbooks folder:
/// <c>version</c>, <c>defaults</c>, <c>pricing</c>, <c>segments: [...]</c>) into a <see cref="GuardrailPolicy"/>.
/// The deployed config is now the runbooks folder (<see cref="RunbookCatalogParser"/>); this entry point stays so the
/// migration test can prove that every resolved value is unchanged, and to read a file of the old layout.
/// Pure: parses a string. Unknown fields, wrong types and out-of-range values are errors naming the field path and
/// line; all are reported at once in a <see cref="RunbookConfigException"/>. The settings blocks and their resolution
/// (built-in defaults ← <c>defaults</c> ← table segment ← index segment ← key-prefix segment) are
/// <see cref="GuardrailSettingsReader"/>'s, shared with the runbooks folder.
/// </summary>
public static class GuardrailConfigParser
{
    private const string Source = "runbooks/guardrails.yaml";

    /// <summary>Parses <paramref name="yaml"/>; throws <see cref="RunbookConfigException"/> listing every problem.</summary>
    public static GuardrailPolicy Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var reader = new YamlConfigReader();
        YamlMappingNode? root = reader.LoadMapping(yaml);
        if (root is null)
        {
            throw new RunbookConfigException(Source, reader.Errors);
        }

        reader.OnlyKeys(root, string.Empty, "version", "defaults", "pricing", "segments");
        if (YamlConfigReader.Child(root, "version") is null)
        {
            reader.Error("version", root, "required: the config version (a whole number, raised on every change)");
        }

        int version = reader.Int(root, string.Empty, "version", 0, 1, int.MaxValue);
        GuardrailSettings defaults = GuardrailSettingsReader.ParseDefaults(reader, root);
        PricingAssumptions pricing = GuardrailSettingsReader.ParsePricing(reader, root);
        IReadOnlyList<GuardrailSegment> segments = GuardrailSettingsReader.Resolve(ParseSegments(reader, root), defaults);
        if (reader.Errors.Count > 0)
        {
            throw new RunbookConfigException(Source, reader.Errors);
        }

        return new GuardrailPolicy(version, defaults, pricing, segments);
    }

    private static List<SettingsLayer> ParseSegments(YamlConfigReader r, YamlMappingNode root)
    {
        YamlNode? node = YamlConfigReader.Child(root, "segments");
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode list)
        {
            r.Error("segments", node, "must be a list of segments (- name: ...)");
            return [];
        }

        var parsed = new List<SettingsLayer>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var scopes = new HashSet<(string, string, string)>();
        for (int i = 0; i < list.Children.Count; i++)
        {
            string path = $"segments[{i}]";
            if (r.Mapping(list.Children[i], path) is not { } map)
            {
                continue;
            }

            r.OnlyKeys(map, path, ["name", "description", "table", "index", "keyPrefix", .. GuardrailSettingsReader.SettingKeys]);
            string? name = r.Name(map, path, "name", RunbookPatterns.SegmentName(), RunbookPatterns.SegmentNameRule, required: true);
            string? table = r.Name(map, path, "table", RunbookPatterns.DynamoDbName(), RunbookPatterns.DynamoDbNameRule, required: true);
            string? index = r.Name(map, path, "index", RunbookPatterns.DynamoDbName(), RunbookPatterns.DynamoDbNameRule, required: false);

            string? keyPrefix = r.String(map, path, "keyPrefix", null);
            _ = r.String(map, path, "description", null);
            if (name is null || table is null)
            {
                continue;
            }

            if (!names.Add(name))
            {
                r.Error($"{path}.name", YamlConfigReader.Child(map, "name"), $"duplicate segment name '{name}'");
            }

            if (!scopes.Add((table, index ?? string.Empty, keyPrefix ?? string.Empty)))
            {
                r.Error(path, map, $"another segment already covers table '{table}'{(index is null ? string.Empty : $", index '{index}'")}{(keyPrefix is null ? string.Empty : $", key prefix '{keyPrefix}'")}");
            }

            parsed.Add(new SettingsLayer(r, path, map, name, table, index, keyPrefix));
        }

        return parsed;
    }
}
