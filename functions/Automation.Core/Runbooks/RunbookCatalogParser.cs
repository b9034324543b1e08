using Automation.Core.Access;
using Automation.Core.Alarms;
using Automation.Core.Guardrails;
using Automation.Core.Posture;
using Automation.Core.Safety;
using Automation.Core.Segments;
using YamlDotNet.RepresentationModel;

namespace Automation.Core.Runbooks;

/// <summary>
/// Parses and lints the runbooks folder (format: runbooks/README.md): <c>defaults.yaml</c> (version, guardrail
/// defaults, pricing, query limits) and one <c>segments/&lt;name&gt;.yaml</c> per segment, into a
/// <see cref="SegmentCatalog"/> whose <see cref="SegmentCatalog.Guardrails"/> has one resolved
/// <see cref="GuardrailSegment"/> per segment file.
/// <para>
/// Pure: takes the files' texts (the caller reads the folder). Every problem of every file is reported at once, each
/// naming its file, field path and line: <see cref="Lint"/> returns them, <see cref="Parse"/> throws them in one
/// <see cref="RunbookConfigException"/>.
/// </para>
/// <para>
/// Resolution: guardrails built-in ← <c>defaults</c> ← table segment ← index segment ← key-prefix segment (a prefix
/// segment on an index inherits that index's segment); sensitive attributes add up along the same chain (a more
/// specific segment can add, never remove, a masked attribute). The break-glass <c>access</c> section is inherited whole
/// by an index or key-prefix segment without its own.
/// </para>
/// </summary>
public static class RunbookCatalogParser
{
    /// <summary>The defaults file, relative to the runbooks folder.</summary>
    public const string DefaultsFile = "defaults.yaml";

    /// <summary>The folder of the segment files, relative to the runbooks folder.</summary>
    public const string SegmentsFolder = "segments/";

    /// <summary>Parses the folder; throws <see cref="RunbookConfigException"/> (every problem of every file) when any is invalid.</summary>
    /// <param name="files">Every file of the folder (<see cref="RunbookFile.RelativePath"/> relative to it).</param>
    /// <param name="source">How the folder is named in the exception's message.</param>
    public static SegmentCatalog Parse(IReadOnlyList<RunbookFile> files, string source = "runbooks/")
    {
        RunbookLintResult result = Lint(files);
        return result.Catalog ?? throw new RunbookConfigException(source, result.Errors);
    }

    /// <summary>Every problem of the folder's files (none: the catalog).</summary>
    public static RunbookLintResult Lint(IReadOnlyList<RunbookFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var readers = new List<YamlConfigReader>();
        RunbookFile? defaultsFile = null;
        var segmentFiles = new List<RunbookFile>();
        foreach (RunbookFile file in files.Select(f => f with { RelativePath = f.RelativePath.Replace('\\', '/') }).OrderBy(f => f.RelativePath, StringComparer.Ordinal))
        {
            if (string.Equals(file.RelativePath, DefaultsFile, StringComparison.Ordinal))
            {
                defaultsFile = file;
            }
            else if (file.RelativePath.StartsWith(SegmentsFolder, StringComparison.Ordinal) && file.RelativePath.EndsWith(".yaml", StringComparison.Ordinal)
                && file.RelativePath.IndexOf('/', SegmentsFolder.Length) < 0 && file.RelativePath.Length > SegmentsFolder.Length + ".yaml".Length)
            {
                segmentFiles.Add(file);
            }
            else
            {
                var reader = new YamlConfigReader(file.RelativePath);
                reader.Error("(file)", null, $"not a runbook file: the runbooks folder holds {DefaultsFile} and {SegmentsFolder}<segment>.yaml only");
                readers.Add(reader);
            }
        }

        var defaultsReader = new YamlConfigReader(DefaultsFile);
        readers.Add(defaultsReader);
        Defaults defaults = ParseDefaults(defaultsReader, defaultsFile);
        var drafts = new List<SegmentDraft>();
        foreach (RunbookFile file in segmentFiles)
        {
            var reader = new YamlConfigReader(file.RelativePath);
            readers.Add(reader);
            if (SegmentFileParser.Parse(reader, file.RelativePath, file.Text, defaults.Limits) is { } draft)
            {
                drafts.Add(draft);
            }
        }

        CheckAcrossFiles(drafts);
        List<AlarmSettings?> alarms = ResolveAlarms(drafts, defaults.Alarms);
        List<PostureRequirements> posture = ResolvePosture(drafts, defaults.Posture.Requirements);
        IReadOnlyList<GuardrailSegment> guardrails = GuardrailSettingsReader.Resolve(
            [.. drafts.Select(d => new SettingsLayer(d.Reader, "guardrails", d.Guardrails, d.Name, d.Covers.Table, d.Covers.Index, d.Covers.KeyPrefix))],
            defaults.Guardrails);
        List<ConfigError> errors = [.. readers
            .OrderBy(r => r.File, StringComparer.Ordinal)
            .SelectMany(r => r.Errors.OrderBy(e => e.Line))];
        if (errors.Count > 0)
        {
            return new RunbookLintResult(null, errors);
        }

        var segments = new List<SegmentDefinition>();
        for (int i = 0; i < drafts.Count; i++)
        {
            SegmentDraft d = drafts[i];
            segments.Add(new SegmentDefinition(d.Name, d.Version, d.Description, d.Owner, d.Source, d.Covers, d.Schema,
                InheritedAttributes(d, drafts), guardrails[i].Settings, [.. d.Queries.Select(q => q.Template)], InheritedAccess(d, drafts))
            {
                Alarms = alarms[i],
                Posture = posture[i],
                Safety = InheritedSafety(d, drafts, defaults.Safety),
            });
        }

        var policy = new GuardrailPolicy(defaults.Version, defaults.Guardrails, defaults.Pricing, guardrails);
        return new RunbookLintResult(new SegmentCatalog(defaults.Version, policy, defaults.Limits, segments) { Alarms = defaults.Alarms, Posture = defaults.Posture, Safety = defaults.Safety }, []);
    }

    private sealed record Defaults(int Version, GuardrailSettings Guardrails, PricingAssumptions Pricing, QueryLimits Limits, AlarmSettings Alarms)
    {
        public SafetySettings Safety { get; init; } = SafetySettings.Default;
        public PostureDefaults Posture { get; init; } = PostureDefaults.Default;
    }

    /// <summary>
    /// Posture requirements per draft: built-in ← defaults.yaml ← the table's segment. An index or key-prefix segment
    /// gets its table segment's (or defaults.yaml's); its own section is an error (read once, in its own file).
    /// </summary>
    private static List<PostureRequirements> ResolvePosture(List<SegmentDraft> drafts, PostureRequirements defaults)
    {
        var tables = new Dictionary<string, PostureRequirements>(StringComparer.Ordinal);
        foreach (SegmentDraft d in drafts.Where(d => d.Covers.Index is null && d.Covers.KeyPrefix is null))
        {
            tables.TryAdd(d.Covers.Table, PostureSettingsReader.Segment(d.Reader, d.Posture, tableSegment: true, defaults));
        }

        foreach (SegmentDraft d in drafts.Where(d => d.Covers.Index is not null || d.Covers.KeyPrefix is not null))
        {
            PostureSettingsReader.Segment(d.Reader, d.Posture, tableSegment: false, defaults);
        }

        return [.. drafts.Select(d => tables.GetValueOrDefault(d.Covers.Table, defaults))];
    }

    /// <summary>
    /// Alarm settings per draft: built-in ← defaults.yaml ← table segment ← index segment (an index segment without a
    /// table segment starts from defaults.yaml); null for key-prefix segments. Each section is read once, so its errors
    /// are reported once, in its own file.
    /// </summary>
    private static List<AlarmSettings?> ResolveAlarms(List<SegmentDraft> drafts, AlarmSettings defaults)
    {
        var tables = new Dictionary<string, AlarmSettings>(StringComparer.Ordinal);
        foreach (SegmentDraft d in drafts.Where(d => d.Covers.Index is null && d.Covers.KeyPrefix is null))
        {
            tables.TryAdd(d.Covers.Table, AlarmSettingsReader.Apply(d.Reader, d.Alarms, defaults));
        }

        var resolved = new List<AlarmSettings?>();
        foreach (SegmentDraft d in drafts)
        {
            SegmentScope c = d.Covers;
            resolved.Add(c.KeyPrefix is not null
                ? null
                : c.Index is null
                    ? tables.GetValueOrDefault(c.Table, defaults)
                    : AlarmSettingsReader.Apply(d.Reader, d.Alarms, tables.GetValueOrDefault(c.Table, defaults)));
        }

        return resolved;
    }

    private static Defaults ParseDefaults(YamlConfigReader r, RunbookFile? file)
    {
        var fallback = new Defaults(0, GuardrailSettings.Default, PricingAssumptions.Default, QueryLimits.Default, AlarmDefaults.Settings);
        if (file is null)
        {
            r.Error("(file)", null, "required: the runbooks folder needs defaults.yaml (version, defaults, pricing, queries)");
            return fallback;
        }

        if (r.LoadMapping(file.Text) is not { } root)
        {
            return fallback;
        }

        r.OnlyKeys(root, string.Empty, "version", "defaults", "pricing", "queries", "alarms", "posture", "safety");
        int version = r.Required(root, string.Empty, "version", "the config version (a whole number >= 1, raised on every change; plans record it)") is null
            ? 0
            : r.Int(root, string.Empty, "version", 0, 1, int.MaxValue);
        GuardrailSettings guardrails = GuardrailSettingsReader.ParseDefaults(r, root);
        PricingAssumptions pricing = GuardrailSettingsReader.ParsePricing(r, root);
        QueryLimits limits = QueryLimits.Default;
        if (YamlConfigReader.Child(root, "queries") is { } node && r.Mapping(node, "queries") is { } map)
        {
            const string p = "queries";
            r.OnlyKeys(map, p, "maxReadCeiling", "maxPageSize", "maxPageLimit");
            limits = new QueryLimits(
                r.Double(map, p, "maxReadCeiling", limits.MaxReadCeiling, 0.5, 1_000_000),
                r.Int(map, p, "maxPageSize", limits.MaxPageSize, 1, 100_000),
                r.Int(map, p, "maxPageLimit", limits.MaxPageLimit, 1, 10_000));
        }

        AlarmSettings alarms = AlarmDefaults.Settings;
        if (AlarmSettingsReader.Section(r, root) is { } section)
        {
            AlarmSettingsReader.CheckKeys(r, section, AlarmLayer.Defaults);
            alarms = AlarmSettingsReader.Apply(r, section, alarms);
        }

        (PostureSettings postureSettings, PostureSampleSettings sample, PostureRequirements requirements) =
            PostureSettingsReader.ParseDefaults(r, PostureSettingsReader.Section(r, root));
        return new Defaults(version, guardrails, pricing, limits, alarms)
        {
            Posture = new PostureDefaults(postureSettings, sample, requirements),
            Safety = SafetySettingsReader.Add(SafetySettings.Default, SafetySettingsReader.Parse(r, root)),
        };
    }

    /// <summary>
    /// What one file cannot see: two files covering the same scope, segments of one table disagreeing on its keys or on
    /// an index, template names used twice. The later file (in path order) gets the error, naming the earlier one.
    /// </summary>
    private static void CheckAcrossFiles(List<SegmentDraft> drafts)
    {
        var scopes = new Dictionary<SegmentScope, SegmentDraft>();
        var tables = new Dictionary<string, SegmentDraft>(StringComparer.Ordinal);
        var indexes = new Dictionary<(string, string), (IndexSchema Index, SegmentDraft Draft)>();
        var templates = new Dictionary<string, (SegmentDraft Draft, ParsedTemplate Template)>(StringComparer.Ordinal);
        foreach (SegmentDraft d in drafts)
        {
            YamlConfigReader r = d.Reader;
            if (!scopes.TryAdd(d.Covers, d))
            {
                r.Error("covers", d.CoversNode, $"{scopes[d.Covers].Source} already covers {d.Covers}: one segment file per table, index or key prefix");
            }

            if (!tables.TryAdd(d.Covers.Table, d) && tables[d.Covers.Table] is { } sameTable && !Equals(sameTable.Schema.Keys, d.Schema.Keys))
            {
                r.Error("schema.partitionKey", d.SchemaKeysNode,
                    $"table '{d.Covers.Table}' has keys {SegmentFileParser.Describe(sameTable.Schema.Keys)} in {sameTable.Source}, {SegmentFileParser.Describe(d.Schema.Keys)} here: every segment of a table must declare the same keys");
            }

            foreach ((IndexSchema index, YamlNode node, string path) in d.IndexNodes)
            {
                if (!indexes.TryAdd((d.Covers.Table, index.Name), (index, d)) && indexes[(d.Covers.Table, index.Name)] is var earlier && !Equals(earlier.Index, index))
                {
                    r.Error(path, node,
                        $"index '{index.Name}' of table '{d.Covers.Table}' is declared differently in {earlier.Draft.Source} ({Describe(earlier.Index)}; here {Describe(index)}): segments of a table must agree on it");
                }
            }

            foreach (ParsedTemplate t in d.Queries)
            {
                if (!templates.TryAdd(t.Template.Name, (d, t)))
                {
                    (SegmentDraft other, ParsedTemplate first) = templates[t.Template.Name];
                    r.Error($"{t.Path}.name", t.NameNode,
                        $"template '{t.Template.Name}' is already declared in {other.Source} (line {YamlConfigReader.Line(first.NameNode)}): template names are unique across all segments");
                }
            }
        }
    }

    /// <summary>The segment's own sensitive attributes plus those of its table segment and (for a prefix of an index) its index segment.</summary>
    private static AttributeClasses InheritedAttributes(SegmentDraft d, List<SegmentDraft> drafts)
    {
        IEnumerable<string> sensitive = [];
        SegmentScope c = d.Covers;
        foreach (SegmentDraft parent in drafts)
        {
            SegmentScope p = parent.Covers;
            bool isParent = string.Equals(p.Table, c.Table, StringComparison.Ordinal) && p.KeyPrefix is null && !ReferenceEquals(parent, d)
                && (p.Index is null || (c.KeyPrefix is not null && string.Equals(p.Index, c.Index, StringComparison.Ordinal)));
            if (isParent)
            {
                sensitive = sensitive.Concat(parent.Attributes.Sensitive);
            }
        }

        return new AttributeClasses([.. sensitive.Concat(d.Attributes.Sensitive).Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// defaults.yaml's <c>safety.backupBefore</c> plus that of the segment's table segment, (for a prefix of an index) its
    /// index segment, and its own: a more specific segment adds risky kinds, never removes one.
    /// </summary>
    private static SafetySettings InheritedSafety(SegmentDraft d, List<SegmentDraft> drafts, SafetySettings defaults)
    {
        SegmentScope c = d.Covers;
        IEnumerable<Planning.RemediationKind> kinds = [];
        foreach (SegmentDraft parent in drafts)
        {
            SegmentScope p = parent.Covers;
            bool isParent = string.Equals(p.Table, c.Table, StringComparison.Ordinal) && p.KeyPrefix is null && !ReferenceEquals(parent, d)
                && (p.Index is null || (c.KeyPrefix is not null && string.Equals(p.Index, c.Index, StringComparison.Ordinal)));
            if (isParent)
            {
                kinds = kinds.Concat(parent.SafetyBackupBefore);
            }
        }

        return SafetySettingsReader.Add(defaults, kinds.Concat(d.SafetyBackupBefore));
    }

    /// <summary>
    /// The segment's own access section, else (whole, not merged) that of the segment above it: for a key-prefix segment
    /// of an index, the index segment's if it has one, else the table segment's; for an index segment or a key-prefix
    /// segment of the table, the table segment's. Null when none has one.
    /// </summary>
    private static AccessScope? InheritedAccess(SegmentDraft d, List<SegmentDraft> drafts)
    {
        if (d.Access is not null)
        {
            return d.Access;
        }

        SegmentScope c = d.Covers;
        SegmentDraft? Find(string? index) => drafts.FirstOrDefault(p => !ReferenceEquals(p, d) && p.Covers.KeyPrefix is null
            && string.Equals(p.Covers.Table, c.Table, StringComparison.Ordinal) && string.Equals(p.Covers.Index, index, StringComparison.Ordinal));
        if (c.KeyPrefix is not null && c.Index is not null && Find(c.Index)?.Access is { } ofIndex)
        {
            return ofIndex;
        }

        return c.Index is null && c.KeyPrefix is null ? null : Find(null)?.Access;
    }

    private static string Describe(IndexSchema index) =>
        $"{index.Kind.ToString().ToLowerInvariant()}, {SegmentFileParser.Describe(index.Keys)}";
}
