using Automation.Core.Alarms;

using YamlDotNet.RepresentationModel;

namespace Automation.Core.Runbooks;

/// <summary>Where an <c>alarms</c> section sits: it decides which of its fields are allowed.</summary>
internal enum AlarmLayer
{
    /// <summary><c>defaults.yaml</c>: every field.</summary>
    Defaults,

    /// <summary>A table segment: every field but <c>userErrors</c> (account-level: defaults.yaml only).</summary>
    Table,

    /// <summary>An index segment: the kinds that exist per GSI, <c>enabled</c>, <c>periodSeconds</c> and <c>tuning</c>.</summary>
    Index,
}

/// <summary>
/// Reads an <c>alarms</c> section (format: runbooks/README.md, "alarms") over the settings it inherits: every field
/// omitted keeps the inherited value; a kind's fields are inherited one by one.
/// </summary>
internal static class AlarmSettingsReader
{
    private const string P = "alarms";

    private static readonly string[] KindFields = ["enabled", "threshold", "evaluationPeriods", "datapointsToAlarm", "pinned", "floor", "ceiling"];

    private static readonly string[] TuningFields = ["enabled", "maxStepPercent", "minimumStep", "consistentOutcomes", "windowDays", "lateImpactMinutes", "dryRun"];

    /// <summary>Kinds that exist for the table only (DynamoDB publishes them without a GSI dimension) or for the account.</summary>
    public static bool IsTableOnly(AlarmKind kind) => kind is AlarmKind.ThrottledRequests or AlarmKind.SystemErrors or AlarmKind.Latency
        or AlarmKind.ConditionalCheckFailures or AlarmKind.ReplicationLatency or AlarmKind.UserErrors;

    /// <summary>The keys an <c>alarms</c> section may hold at <paramref name="layer"/>.</summary>
    public static string[] Keys(AlarmLayer layer) =>
    [
        "enabled", "periodSeconds", .. layer == AlarmLayer.Index ? Array.Empty<string>() : ["latencyOperations"],
        .. AlarmKinds.All.Where(k => layer switch
        {
            AlarmLayer.Defaults => true,
            AlarmLayer.Table => k != AlarmKind.UserErrors,
            _ => !IsTableOnly(k),
        }).Select(AlarmDefaults.Key),
        "tuning",
    ];

    /// <summary>The section of <paramref name="root"/> (null when absent, empty or given without a value).</summary>
    public static YamlMappingNode? Section(YamlConfigReader r, YamlMappingNode root)
    {
        if (YamlConfigReader.Child(root, P) is not { } node || YamlConfigReader.IsNull(node) || r.Mapping(node, P) is not { } map)
        {
            return null;
        }

        return map.Children.Count == 0 ? null : map;
    }

    /// <summary>Checks the keys of a section for its layer; the wrong-layer keys get an error saying where they belong.</summary>
    public static void CheckKeys(YamlConfigReader r, YamlMappingNode map, AlarmLayer layer)
    {
        string[] allowed = Keys(layer);
        string[] everything = Keys(AlarmLayer.Defaults);
        foreach (YamlNode key in map.Children.Keys)
        {
            string name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (Array.IndexOf(allowed, name) >= 0)
            {
                continue;
            }

            if (Array.IndexOf(everything, name) < 0)
            {
                r.Error(YamlConfigReader.Join(P, name), key, $"unknown field; expected one of: {string.Join(", ", allowed)}");
            }
            else if (name == AlarmDefaults.Key(AlarmKind.UserErrors))
            {
                r.Error(YamlConfigReader.Join(P, name), key, "UserErrors is one account-level alarm (DynamoDB publishes it without a table): set it in defaults.yaml");
            }
            else
            {
                r.Error(YamlConfigReader.Join(P, name), key, "applies to the table only (DynamoDB publishes it without a GSI dimension): set it in the table's segment");
            }
        }
    }

    /// <summary><paramref name="inherited"/> with the section's fields applied (errors in <paramref name="r"/>; a bad field keeps the inherited value).</summary>
    public static AlarmSettings Apply(YamlConfigReader r, YamlMappingNode? map, AlarmSettings inherited)
    {
        if (map is null)
        {
            return inherited;
        }

        bool enabled = r.Bool(map, P, "enabled", inherited.Enabled);
        int period = r.Int(map, P, "periodSeconds", inherited.PeriodSeconds, 60, 86_400);
        if (period % 60 != 0 && YamlConfigReader.Child(map, "periodSeconds") is { } periodNode)
        {
            r.Error($"{P}.periodSeconds", periodNode, $"must be a multiple of 60: DynamoDB publishes its metrics per minute (got {period})");
            period = inherited.PeriodSeconds;
        }

        IReadOnlyList<string> operations = inherited.LatencyOperations;
        if (YamlConfigReader.Child(map, "latencyOperations") is { } opsNode && !YamlConfigReader.IsNull(opsNode))
        {
            int before = r.Errors.Count;
            IReadOnlyList<string> listed = r.StringList(map, P, "latencyOperations", "DynamoDB operation names");
            var list = opsNode as YamlSequenceNode;
            for (int i = 0; i < listed.Count; i++)
            {
                if (!AlarmDefaults.Operations.Contains(listed[i], StringComparer.Ordinal))
                {
                    YamlNode? at = list?.Children.FirstOrDefault(c => c is YamlScalarNode s && s.Value == listed[i]);
                    r.Error($"{P}.latencyOperations[{(list is null || at is null ? i : list.Children.IndexOf(at))}]", at ?? opsNode,
                        $"'{listed[i]}' is not a DynamoDB operation with latency metrics; one of: {string.Join(", ", AlarmDefaults.Operations)}");
                }
            }

            if (list is not null && (list.Children.Count == 0 || listed.Count > AlarmDefaults.MaxLatencyOperations))
            {
                r.Error($"{P}.latencyOperations", opsNode,
                    $"must list 1 to {AlarmDefaults.MaxLatencyOperations} operations (a metric-math alarm sums at most {AlarmDefaults.MaxLatencyOperations + 1} queries), got {listed.Count}");
            }

            if (r.Errors.Count == before)
            {
                operations = listed;
            }
        }

        var kinds = new Dictionary<AlarmKind, AlarmKindSettings>();
        foreach (AlarmKind kind in AlarmKinds.All)
        {
            kinds[kind] = Kind(r, map, kind, inherited.For(kind));
        }

        TuningSettings tuning = inherited.Tuning;
        if (YamlConfigReader.Child(map, "tuning") is { } tn && !YamlConfigReader.IsNull(tn) && r.Mapping(tn, $"{P}.tuning") is { } t)
        {
            const string tp = P + ".tuning";
            r.OnlyKeys(t, tp, TuningFields);
            tuning = new TuningSettings(
                r.Bool(t, tp, "enabled", tuning.Enabled),
                r.Double(t, tp, "maxStepPercent", tuning.MaxStepPercent, 1, 100),
                r.Double(t, tp, "minimumStep", tuning.MinimumStep, 0, 1_000_000),
                r.Int(t, tp, "consistentOutcomes", tuning.ConsistentOutcomes, 1, 100),
                r.Int(t, tp, "windowDays", tuning.WindowDays, 1, 455),
                r.Int(t, tp, "lateImpactMinutes", tuning.LateImpactMinutes, 1, 1440),
                r.Bool(t, tp, "dryRun", tuning.DryRun));
        }

        return new AlarmSettings(enabled, period, kinds, operations, tuning);
    }

    private static AlarmKindSettings Kind(YamlConfigReader r, YamlMappingNode map, AlarmKind kind, AlarmKindSettings inherited)
    {
        string key = AlarmDefaults.Key(kind);
        if (YamlConfigReader.Child(map, key) is not { } node || YamlConfigReader.IsNull(node) || r.Mapping(node, $"{P}.{key}") is not { } k)
        {
            return inherited;
        }

        string p = $"{P}.{key}";
        int before = r.Errors.Count;
        r.OnlyKeys(k, p, KindFields);
        bool enabled = r.Bool(k, p, "enabled", inherited.Enabled);
        bool pinned = r.Bool(k, p, "pinned", inherited.Pinned);
        double max = kind is AlarmKind.ReadCapacityUtilisation or AlarmKind.WriteCapacityUtilisation ? 1000 : 10_000_000;
        double floor = r.Double(k, p, "floor", inherited.Floor, 0, max);
        double ceiling = r.Double(k, p, "ceiling", inherited.Ceiling, 0, max);
        double threshold = r.Double(k, p, "threshold", inherited.Threshold, 0, max);
        int evaluation = r.Int(k, p, "evaluationPeriods", inherited.EvaluationPeriods, 1, 100);
        bool datapointsGiven = YamlConfigReader.Child(k, "datapointsToAlarm") is not null;
        int datapoints = r.Int(k, p, "datapointsToAlarm", inherited.DatapointsToAlarm, 1, 100);
        if (datapointsGiven && datapoints > evaluation)
        {
            r.Error($"{p}.datapointsToAlarm", YamlConfigReader.Child(k, "datapointsToAlarm"), $"must be at most evaluationPeriods ({evaluation}), got {datapoints}");
        }

        if (!datapointsGiven)
        {
            datapoints = Math.Min(datapoints, evaluation);
        }

        if (kind == AlarmKind.UserErrors && YamlConfigReader.Child(k, "threshold") is { } bandNode && threshold < 0.1)
        {
            r.Error($"{p}.threshold", bandNode, $"the anomaly band's width in standard deviations must be at least 0.1 (got {threshold})");
        }

        if (floor > ceiling)
        {
            r.Error($"{p}.floor", YamlConfigReader.Child(k, "floor") ?? k, $"the floor ({floor}) must not exceed the ceiling ({ceiling})");
        }
        else if (threshold < floor || threshold > ceiling)
        {
            r.Error($"{p}.threshold", YamlConfigReader.Child(k, "threshold") ?? k, $"{threshold} is outside the tuning bounds floor {floor} .. ceiling {ceiling}");
        }

        return r.Errors.Count > before
            ? inherited
            : new AlarmKindSettings(enabled, threshold, evaluation, datapoints, pinned, floor, ceiling);
    }
}
