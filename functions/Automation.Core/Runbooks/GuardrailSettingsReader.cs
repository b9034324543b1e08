using Automation.Core.Guardrails;

using YamlDotNet.RepresentationModel;

namespace Automation.Core.Runbooks;

/// <summary>
/// One segment's guardrail overrides before resolution: where they are (reader, field path, mapping) and what the
/// segment covers.
/// </summary>
/// <param name="Reader">The reader of the segment's file (errors name that file).</param>
/// <param name="Path">Field path of the settings mapping (<c>guardrails</c>, or <c>segments[2]</c> in the v1 file).</param>
/// <param name="Settings">The mapping holding the settings sections, or null when the segment overrides nothing.</param>
internal sealed record SettingsLayer(YamlConfigReader Reader, string Path, YamlMappingNode? Settings, string Name, string Table, string? Index, string? KeyPrefix);

/// <summary>
/// The guardrail settings block (<c>capacity</c>, <c>onDemand</c>, <c>sharding</c>, <c>approval</c>, <c>caching</c>,
/// <c>dryRun</c>, <c>planMaxAgeMinutes</c>), the <c>pricing</c> block and the layer resolution, shared by
/// defaults.yaml's <c>defaults</c>, each segment file's <c>guardrails</c> and the v1 <c>guardrails.yaml</c>.
/// </summary>
internal static class GuardrailSettingsReader
{
    private const long MaxUnits = 100_000_000;

    private static readonly Dictionary<string, OnDemandSwitchPolicy> SwitchPolicies = new(StringComparer.Ordinal)
    {
        ["never"] = OnDemandSwitchPolicy.Never,
        ["whenCapped"] = OnDemandSwitchPolicy.WhenCapped,
        ["preferred"] = OnDemandSwitchPolicy.Preferred,
    };

    /// <summary>The fields of a settings block.</summary>
    public static readonly string[] SettingKeys = ["capacity", "onDemand", "sharding", "approval", "dryRun", "planMaxAgeMinutes", "caching"];

    /// <summary>The root's <c>defaults</c> block over the built-in defaults (built-in when absent).</summary>
    public static GuardrailSettings ParseDefaults(YamlConfigReader r, YamlMappingNode root)
    {
        if (YamlConfigReader.Child(root, "defaults") is not { } node || r.Mapping(node, "defaults") is not { } map)
        {
            return GuardrailSettings.Default;
        }

        r.OnlyKeys(map, "defaults", SettingKeys);
        GuardrailSettings defaults = ParseSettings(r, map, "defaults", GuardrailSettings.Default, costCapAllowed: true);
        CheckCrossFields(r, defaults, "defaults", map);
        return defaults;
    }

    /// <summary>The root's <c>pricing</c> block over the list prices (those when absent).</summary>
    public static PricingAssumptions ParsePricing(YamlConfigReader r, YamlMappingNode root)
    {
        const string p = "pricing";
        PricingAssumptions b = PricingAssumptions.Default;
        if (YamlConfigReader.Child(root, p) is not { } node || r.Mapping(node, p) is not { } map)
        {
            return b;
        }

        r.OnlyKeys(map, p, "readCapacityUnitHourUsd", "writeCapacityUnitHourUsd", "readRequestUnitsPerMillionUsd", "writeRequestUnitsPerMillionUsd", "hoursPerMonth");
        return new PricingAssumptions(
            r.Double(map, p, "readCapacityUnitHourUsd", b.ReadCapacityUnitHourUsd, 1e-9, 1000),
            r.Double(map, p, "writeCapacityUnitHourUsd", b.WriteCapacityUnitHourUsd, 1e-9, 1000),
            r.Double(map, p, "readRequestUnitsPerMillionUsd", b.ReadRequestUnitsPerMillionUsd, 1e-9, 1000),
            r.Double(map, p, "writeRequestUnitsPerMillionUsd", b.WriteRequestUnitsPerMillionUsd, 1e-9, 1000),
            r.Double(map, p, "hoursPerMonth", b.HoursPerMonth, 1, 744));
    }

    /// <summary>
    /// Resolves every layer in specificity order, so each inherits the one above it: defaults ← table segment ← index
    /// segment ← key-prefix segment (a prefix segment on an index inherits that index's segment). The result keeps the
    /// order of <paramref name="layers"/>.
    /// </summary>
    public static IReadOnlyList<GuardrailSegment> Resolve(IReadOnlyList<SettingsLayer> layers, GuardrailSettings defaults)
    {
        var resolved = new GuardrailSegment[layers.Count];
        var tables = new Dictionary<string, GuardrailSettings>(StringComparer.Ordinal);
        var indexes = new Dictionary<(string, string), GuardrailSettings>();
        for (int i = 0; i < layers.Count; i++)
        {
            if (layers[i] is { Index: null, KeyPrefix: null } s)
            {
                resolved[i] = Resolve(s, defaults, costCapAllowed: true);
                tables[s.Table] = resolved[i].Settings;
            }
        }

        for (int i = 0; i < layers.Count; i++)
        {
            if (layers[i] is { Index: { } index, KeyPrefix: null } s)
            {
                resolved[i] = Resolve(s, tables.GetValueOrDefault(s.Table, defaults), costCapAllowed: false);
                indexes[(s.Table, index)] = resolved[i].Settings;
            }
        }

        for (int i = 0; i < layers.Count; i++)
        {
            if (layers[i] is { KeyPrefix: not null } s)
            {
                GuardrailSettings parent = s.Index is not null && indexes.TryGetValue((s.Table, s.Index), out GuardrailSettings? indexSettings)
                    ? indexSettings
                    : tables.GetValueOrDefault(s.Table, defaults);
                resolved[i] = Resolve(s, parent, costCapAllowed: false);
            }
        }

        return resolved;
    }

    private static GuardrailSegment Resolve(SettingsLayer s, GuardrailSettings parent, bool costCapAllowed)
    {
        GuardrailSettings settings = parent;
        if (s.Settings is not null)
        {
            settings = ParseSettings(s.Reader, s.Settings, s.Path, parent, costCapAllowed);
            CheckCrossFields(s.Reader, settings, s.Path, s.Settings);
        }

        return new GuardrailSegment(s.Name, s.Table, s.Index, s.KeyPrefix, settings);
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
}
