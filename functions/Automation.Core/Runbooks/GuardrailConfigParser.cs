using System.Text.RegularExpressions;

using Automation.Core.Guardrails;

using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Automation.Core.Runbooks;

/// <summary>
/// Parses and validates <c>runbooks/guardrails.yaml</c> (format: runbooks/README.md) into a <see cref="GuardrailPolicy"/>.
/// Pure: parses a string. Unknown fields, wrong types and out-of-range values are errors naming the field
/// path and line; all are reported at once in a <see cref="RunbookConfigException"/>.
/// <para>
/// Each segment's settings are resolved here: built-in defaults ← <c>defaults</c> ← table segment ← index
/// segment ← key-prefix segment, so a segment only states what differs.
/// </para>
/// </summary>
public static partial class GuardrailConfigParser
{
    private const string Source = "runbooks/guardrails.yaml";
    private const long MaxUnits = 100_000_000;

    private static readonly Dictionary<string, OnDemandSwitchPolicy> SwitchPolicies = new(StringComparer.Ordinal)
    {
        ["never"] = OnDemandSwitchPolicy.Never,
        ["whenCapped"] = OnDemandSwitchPolicy.WhenCapped,
        ["preferred"] = OnDemandSwitchPolicy.Preferred,
    };

    private static readonly string[] SettingKeys = ["capacity", "onDemand", "sharding", "approval", "dryRun", "planMaxAgeMinutes", "caching"];

    private sealed record SegmentNode(int Position, string Path, YamlMappingNode Node, string Name, string Table, string? Index, string? KeyPrefix);

    /// <summary>Parses <paramref name="yaml"/>; throws <see cref="RunbookConfigException"/> listing every problem.</summary>
    public static GuardrailPolicy Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var reader = new YamlConfigReader();
        YamlMappingNode? root = Load(yaml, reader);
        if (root is null)
        {
            throw new RunbookConfigException(Source, reader.Errors);
        }

        reader.OnlyKeys(root, string.Empty, "version", "defaults", "pricing", "segments");
        YamlNode? versionNode = YamlConfigReader.Child(root, "version");
        if (versionNode is null)
        {
            reader.Error("version", root, "required: the config version (a whole number, raised on every change)");
        }

        int version = reader.Int(root, string.Empty, "version", 0, 1, int.MaxValue);
        GuardrailSettings defaults = GuardrailSettings.Default;
        if (YamlConfigReader.Child(root, "defaults") is { } defaultsNode && reader.Mapping(defaultsNode, "defaults") is { } defaultsMap)
        {
            reader.OnlyKeys(defaultsMap, "defaults", SettingKeys);
            defaults = ParseSettings(reader, defaultsMap, "defaults", GuardrailSettings.Default, costCapAllowed: true);
            CheckCrossFields(reader, defaults, "defaults", defaultsMap);
        }

        PricingAssumptions pricing = PricingAssumptions.Default;
        if (YamlConfigReader.Child(root, "pricing") is { } pricingNode && reader.Mapping(pricingNode, "pricing") is { } pricingMap)
        {
            pricing = ParsePricing(reader, pricingMap);
        }

        List<GuardrailSegment> segments = ParseSegments(reader, root, defaults);
        if (reader.Errors.Count > 0)
        {
            throw new RunbookConfigException(Source, reader.Errors);
        }

        return new GuardrailPolicy(version, defaults, pricing, segments);
    }

    private static YamlMappingNode? Load(string yaml, YamlConfigReader reader)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            reader.Error("(document)", null, $"not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}");
            return null;
        }

        if (stream.Documents.Count != 1)
        {
            reader.Error("(document)", null, stream.Documents.Count == 0 ? "the file is empty" : "expected exactly one YAML document");
            return null;
        }

        return reader.Mapping(stream.Documents[0].RootNode, "(document)");
    }

    private static GuardrailSettings ParseSettings(YamlConfigReader r, YamlMappingNode map, string path, GuardrailSettings b, bool costCapAllowed)
    {
        CapacityGuardrails capacity = b.Capacity;
        if (Section(r, map, path, "capacity") is { } c)
        {
            string p = YamlConfigReader.Join(path, "capacity");
            r.OnlyKeys(c, p, "headroom", "minimumIncreaseFactor", "maxReadCapacityUnits", "maxWriteCapacityUnits", "maxMonthlyCostUsd");
            if (!costCapAllowed && YamlConfigReader.Child(c, "maxMonthlyCostUsd") is { } capNode)
            {
                r.Error(YamlConfigReader.Join(p, "maxMonthlyCostUsd"), capNode,
                    "only the defaults or a table segment may set the cost cap: it covers the table and all its indexes");
            }

            capacity = new CapacityGuardrails(
                r.Double(c, p, "headroom", b.Capacity.Headroom, 1, 10),
                r.Double(c, p, "minimumIncreaseFactor", b.Capacity.MinimumIncreaseFactor, 1, 10),
                r.Long(c, p, "maxReadCapacityUnits", b.Capacity.MaxReadCapacityUnits, 1, MaxUnits),
                r.Long(c, p, "maxWriteCapacityUnits", b.Capacity.MaxWriteCapacityUnits, 1, MaxUnits),
                costCapAllowed ? r.Double(c, p, "maxMonthlyCostUsd", b.Capacity.MaxMonthlyCostUsd, 0.01, 1e9) : b.Capacity.MaxMonthlyCostUsd);
        }

        OnDemandGuardrails onDemand = b.OnDemand;
        if (Section(r, map, path, "onDemand") is { } o)
        {
            string p = YamlConfigReader.Join(path, "onDemand");
            r.OnlyKeys(o, p, "switchFromProvisioned", "maxSwitchesPer24Hours", "raiseMaximum", "maxReadRequestUnits", "maxWriteRequestUnits");
            onDemand = new OnDemandGuardrails(
                r.Choice(o, p, "switchFromProvisioned", b.OnDemand.SwitchFromProvisioned, SwitchPolicies),
                r.Int(o, p, "maxSwitchesPer24Hours", b.OnDemand.MaxSwitchesPer24Hours, 0, OnDemandGuardrails.DynamoDbSwitchLimitPer24Hours),
                r.Bool(o, p, "raiseMaximum", b.OnDemand.RaiseMaximum),
                r.Long(o, p, "maxReadRequestUnits", b.OnDemand.MaxReadRequestUnits, 1, MaxUnits),
                r.Long(o, p, "maxWriteRequestUnits", b.OnDemand.MaxWriteRequestUnits, 1, MaxUnits));
        }

        ShardingGuardrails sharding = b.Sharding;
        if (Section(r, map, path, "sharding") is { } s)
        {
            string p = YamlConfigReader.Join(path, "sharding");
            r.OnlyKeys(s, p, "minShards", "maxShards", "headroom", "separator");
            sharding = new ShardingGuardrails(
                r.Int(s, p, "minShards", b.Sharding.MinShards, 1, 1000),
                r.Int(s, p, "maxShards", b.Sharding.MaxShards, 1, 1000),
                r.Double(s, p, "headroom", b.Sharding.Headroom, 1, 10),
                r.String(s, p, "separator", b.Sharding.Separator)!);
        }

        ApprovalGuardrails approval = b.Approval;
        if (Section(r, map, path, "approval") is { } a)
        {
            string p = YamlConfigReader.Join(path, "approval");
            r.OnlyKeys(a, p, "maxIncreaseFactor", "maxIncreaseUnits", "shardChanges", "modeSwitch", "onDemandMaximumChanges");
            approval = new ApprovalGuardrails(
                r.Double(a, p, "maxIncreaseFactor", b.Approval.MaxIncreaseFactor, 1, 1000),
                r.Long(a, p, "maxIncreaseUnits", b.Approval.MaxIncreaseUnits, 0, MaxUnits),
                r.Bool(a, p, "shardChanges", b.Approval.ShardChanges),
                r.Bool(a, p, "modeSwitch", b.Approval.ModeSwitch),
                r.Bool(a, p, "onDemandMaximumChanges", b.Approval.OnDemandMaximumChanges));
        }

        CachingGuardrails caching = b.Caching;
        if (Section(r, map, path, "caching") is { } k)
        {
            string p = YamlConfigReader.Join(path, "caching");
            r.OnlyKeys(k, p, "readsTolerateEventualConsistency");
            caching = new CachingGuardrails(r.Bool(k, p, "readsTolerateEventualConsistency", b.Caching.ReadsTolerateEventualConsistency));
        }

        return new GuardrailSettings(
            capacity,
            onDemand,
            sharding,
            approval,
            r.Bool(map, path, "dryRun", b.DryRun),
            r.Int(map, path, "planMaxAgeMinutes", b.PlanMaxAgeMinutes, 1, 1440),
            caching);
    }

    private static YamlMappingNode? Section(YamlConfigReader r, YamlMappingNode map, string path, string key) =>
        YamlConfigReader.Child(map, key) is { } node ? r.Mapping(node, YamlConfigReader.Join(path, key)) : null;

    private static void CheckCrossFields(YamlConfigReader r, GuardrailSettings settings, string path, YamlMappingNode map)
    {
        if (settings.Sharding.MinShards > settings.Sharding.MaxShards)
        {
            r.Error(YamlConfigReader.Join(path, "sharding.maxShards"), map,
                $"must be at least minShards ({settings.Sharding.MinShards}), got {settings.Sharding.MaxShards} after inheriting");
        }
    }

    private static PricingAssumptions ParsePricing(YamlConfigReader r, YamlMappingNode map)
    {
        const string p = "pricing";
        PricingAssumptions b = PricingAssumptions.Default;
        r.OnlyKeys(map, p, "readCapacityUnitHourUsd", "writeCapacityUnitHourUsd", "readRequestUnitsPerMillionUsd", "writeRequestUnitsPerMillionUsd", "hoursPerMonth");
        return new PricingAssumptions(
            r.Double(map, p, "readCapacityUnitHourUsd", b.ReadCapacityUnitHourUsd, 1e-9, 1000),
            r.Double(map, p, "writeCapacityUnitHourUsd", b.WriteCapacityUnitHourUsd, 1e-9, 1000),
            r.Double(map, p, "readRequestUnitsPerMillionUsd", b.ReadRequestUnitsPerMillionUsd, 1e-9, 1000),
            r.Double(map, p, "writeRequestUnitsPerMillionUsd", b.WriteRequestUnitsPerMillionUsd, 1e-9, 1000),
            r.Double(map, p, "hoursPerMonth", b.HoursPerMonth, 1, 744));
    }

    private static List<GuardrailSegment> ParseSegments(YamlConfigReader r, YamlMappingNode root, GuardrailSettings defaults)
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

        var parsed = new List<SegmentNode>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var scopes = new HashSet<(string, string, string)>();
        for (int i = 0; i < list.Children.Count; i++)
        {
            string path = $"segments[{i}]";
            if (r.Mapping(list.Children[i], path) is not { } map)
            {
                continue;
            }

            r.OnlyKeys(map, path, ["name", "description", "table", "index", "keyPrefix", .. SettingKeys]);
            string? name = Required(r, map, path, "name", NamePattern(), "letters, digits, '.', '_' or '-'");
            string? table = Required(r, map, path, "table", DynamoDbNamePattern(), "a DynamoDB table name: 3-255 of letters, digits, '_', '-', '.'");
            string? index = r.String(map, path, "index", null);
            if (index is not null && !DynamoDbNamePattern().IsMatch(index))
            {
                r.Error($"{path}.index", YamlConfigReader.Child(map, "index"), "must be a DynamoDB index name: 3-255 of letters, digits, '_', '-', '.'");
            }

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

            parsed.Add(new SegmentNode(i, path, map, name, table, index, keyPrefix));
        }

        // Resolve in specificity order so each layer inherits the one above it, then restore file order.
        var resolved = new GuardrailSegment?[list.Children.Count];
        var tables = new Dictionary<string, GuardrailSettings>(StringComparer.Ordinal);
        var indexes = new Dictionary<(string, string), GuardrailSettings>();
        foreach (SegmentNode s in parsed.Where(s => s.Index is null && s.KeyPrefix is null))
        {
            resolved[s.Position] = Resolve(r, s, defaults, costCapAllowed: true);
            tables[s.Table] = resolved[s.Position]!.Settings;
        }

        foreach (SegmentNode s in parsed.Where(s => s.Index is not null && s.KeyPrefix is null))
        {
            resolved[s.Position] = Resolve(r, s, tables.GetValueOrDefault(s.Table, defaults), costCapAllowed: false);
            indexes[(s.Table, s.Index!)] = resolved[s.Position]!.Settings;
        }

        foreach (SegmentNode s in parsed.Where(s => s.KeyPrefix is not null))
        {
            GuardrailSettings parent = s.Index is not null && indexes.TryGetValue((s.Table, s.Index), out GuardrailSettings? indexSettings)
                ? indexSettings
                : tables.GetValueOrDefault(s.Table, defaults);
            resolved[s.Position] = Resolve(r, s, parent, costCapAllowed: false);
        }

        return resolved.Where(s => s is not null).Select(s => s!).ToList();
    }

    private static GuardrailSegment Resolve(YamlConfigReader r, SegmentNode s, GuardrailSettings parent, bool costCapAllowed)
    {
        GuardrailSettings settings = ParseSettings(r, s.Node, s.Path, parent, costCapAllowed);
        CheckCrossFields(r, settings, s.Path, s.Node);
        return new GuardrailSegment(s.Name, s.Table, s.Index, s.KeyPrefix, settings);
    }

    private static string? Required(YamlConfigReader r, YamlMappingNode map, string path, string key, Regex pattern, string expected)
    {
        YamlNode? node = YamlConfigReader.Child(map, key);
        if (node is null)
        {
            r.Error($"{path}.{key}", map, "required");
            return null;
        }

        string? value = r.String(map, path, key, null);
        if (value is not null && !pattern.IsMatch(value))
        {
            r.Error($"{path}.{key}", node, $"must be {expected} (got '{value}')");
            return null;
        }

        return value;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex DynamoDbNamePattern();
}
