using Automation.Core.Posture;

using YamlDotNet.RepresentationModel;

namespace Automation.Core.Runbooks;

/// <summary>
/// Reads a <c>posture</c> section (format: runbooks/README.md, "posture"). In defaults.yaml it holds the run-wide
/// settings (<see cref="PostureSettings"/>, the item-size sample) and the requirements every table starts from; in a
/// table segment only the requirements (<see cref="PostureRequirements"/>), each field omitted inherited from
/// defaults.yaml. Index and key-prefix segments have none: posture is judged per table.
/// </summary>
internal static class PostureSettingsReader
{
    private const string P = "posture";

    /// <summary>The fields a table segment may set (what its table must meet).</summary>
    public static readonly string[] RequirementKeys = ["minimumEncryption", "requireKeyConditions", "itemSizeWarnPercent", "suiteMayResize"];

    /// <summary>The run-wide fields, defaults.yaml only.</summary>
    public static readonly string[] RunKeys = ["quotaWarnPercent", "indexQuota", "tableQuota", "exemptPrincipals", "sample"];

    private static readonly string[] SampleKeys = ["enabled", "pageSize", "pageLimit", "readCeiling", "largest"];

    private static readonly Dictionary<string, EncryptionKeyType> KeyTypes = new(StringComparer.Ordinal)
    {
        ["awsOwned"] = EncryptionKeyType.AwsOwned,
        ["awsManaged"] = EncryptionKeyType.AwsManaged,
        ["customerManaged"] = EncryptionKeyType.CustomerManaged,
    };

    /// <summary>The documented spelling of a key type (<c>awsOwned</c>, <c>awsManaged</c>, <c>customerManaged</c>).</summary>
    public static string Name(EncryptionKeyType type) => KeyTypes.First(k => k.Value == type).Key;

    /// <summary>The section of <paramref name="root"/> (null when absent, empty or given without a value).</summary>
    public static YamlMappingNode? Section(YamlConfigReader r, YamlMappingNode root)
    {
        if (YamlConfigReader.Child(root, P) is not { } node || YamlConfigReader.IsNull(node) || r.Mapping(node, P) is not { } map)
        {
            return null;
        }

        return map.Children.Count == 0 ? null : map;
    }

    /// <summary>defaults.yaml's section: the run-wide settings and the requirements every table starts from.</summary>
    public static (PostureSettings Settings, PostureSampleSettings Sample, PostureRequirements Requirements) ParseDefaults(YamlConfigReader r, YamlMappingNode? map)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (map is null)
        {
            return (PostureSettings.Default, PostureSampleSettings.Default, PostureRequirements.Default);
        }

        r.OnlyKeys(map, P, [.. RequirementKeys, .. RunKeys]);
        PostureSettings d = PostureSettings.Default;
        var settings = new PostureSettings(
            r.Int(map, P, "quotaWarnPercent", d.QuotaWarnPercent, 1, 100),
            r.Int(map, P, "indexQuota", d.IndexQuota, 1, 1_000),
            r.Int(map, P, "tableQuota", d.TableQuota, 1, 1_000_000),
            r.StringList(map, P, "exemptPrincipals", "IAM principal ARN patterns (* and ? wildcards) the IAM checks skip"));
        PostureSampleSettings sample = PostureSampleSettings.Default;
        if (YamlConfigReader.Child(map, "sample") is { } node && !YamlConfigReader.IsNull(node) && r.Mapping(node, P + ".sample") is { } s)
        {
            const string sp = P + ".sample";
            r.OnlyKeys(s, sp, SampleKeys);
            sample = new PostureSampleSettings(
                r.Bool(s, sp, "enabled", sample.Enabled),
                r.Int(s, sp, "pageSize", sample.PageSize, 1, 1_000),
                r.Int(s, sp, "pageLimit", sample.PageLimit, 1, 100),
                r.Double(s, sp, "readCeiling", sample.ReadCeiling, 0.5, 100_000),
                r.Int(s, sp, "largest", sample.Largest, 1, 20));
        }

        return (settings, sample, Apply(r, map, PostureRequirements.Default));
    }

    /// <summary>A segment's section: a table segment's requirements over <paramref name="inherited"/>; elsewhere an error.</summary>
    public static PostureRequirements Segment(YamlConfigReader r, YamlMappingNode? map, bool tableSegment, PostureRequirements inherited)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (map is null)
        {
            return inherited;
        }

        if (!tableSegment)
        {
            r.Error(P, map, "posture is judged per table: set it in the table's segment (an index or key-prefix segment has no posture section)");
            return inherited;
        }

        foreach (YamlNode key in map.Children.Keys)
        {
            string name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (Array.IndexOf(RunKeys, name) >= 0)
            {
                r.Error(YamlConfigReader.Join(P, name), key, "a run-wide setting: set it in defaults.yaml's posture section");
            }
            else if (Array.IndexOf(RequirementKeys, name) < 0)
            {
                r.Error(YamlConfigReader.Join(P, name), key, $"unknown field; expected one of: {string.Join(", ", RequirementKeys)}");
            }
        }

        return Apply(r, map, inherited);
    }

    private static PostureRequirements Apply(YamlConfigReader r, YamlMappingNode map, PostureRequirements inherited) => new(
        r.Choice(map, P, "minimumEncryption", inherited.MinimumEncryption, KeyTypes),
        r.Bool(map, P, "requireKeyConditions", inherited.RequireKeyConditions),
        r.Int(map, P, "itemSizeWarnPercent", inherited.ItemSizeWarnPercent, 1, 100),
        r.Bool(map, P, "suiteMayResize", inherited.SuiteMayResize));
}
