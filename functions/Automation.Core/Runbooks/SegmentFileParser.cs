using System.Text.RegularExpressions;
using Automation.Core.Access;
using Automation.Core.Segments;

using YamlDotNet.RepresentationModel;

namespace Automation.Core.Runbooks;

/// <summary>
/// One segment file, parsed and checked on its own; what the folder-wide checks and the guardrail resolution need
/// next (its reader, so later errors name the same file, and the nodes they point at).
/// </summary>
internal sealed record SegmentDraft(
    YamlConfigReader Reader,
    string Source,
    string Name,
    int Version,
    string Description,
    string Owner,
    SegmentScope Covers,
    YamlNode CoversNode,
    TableSchema Schema,
    YamlNode SchemaKeysNode,
    IReadOnlyList<(IndexSchema Index, YamlNode Node, string Path)> IndexNodes,
    AttributeClasses Attributes,
    YamlMappingNode? Guardrails,
    IReadOnlyList<ParsedTemplate> Queries,
    AccessScope? Access,
    YamlMappingNode? Alarms)
{
    /// <summary>The <c>posture</c> section (table segments only; resolved by <see cref="PostureSettingsReader"/>).</summary>
    public YamlMappingNode? Posture { get; init; }
    /// <summary>The plan kinds the file's own <c>safety.backupBefore</c> lists (<see cref="SafetySettingsReader"/>).</summary>
    public IReadOnlyList<Planning.RemediationKind> SafetyBackupBefore { get; init; } = [];
}

/// <summary>
/// Parses <c>segments/&lt;name&gt;.yaml</c> (format: runbooks/README.md): identity, <c>covers</c>, <c>schema</c>,
/// <c>attributes</c>, the <c>guardrails</c> overrides (checked for unknown sections here, resolved later across files),
/// the break-glass <c>access</c> section, the <c>alarms</c> section (checked here, resolved across files by <see cref="AlarmSettingsReader"/>), and its <c>queries</c>
/// (<see cref="QueryTemplateParser"/>).
/// </summary>
internal static partial class SegmentFileParser
{
    private static readonly string[] AccessKeys =
        ["requesters", "approvers", "actions", "maxDurationMinutes", "requireTicket", "approvalTimeoutMinutes", "writeApprovers", "emergency", "maxExtensions"];

    private static readonly Dictionary<string, EmergencyPolicy> EmergencyPolicies = new(StringComparer.Ordinal)
    {
        ["never"] = EmergencyPolicy.Never,
        ["readOnly"] = EmergencyPolicy.ReadOnly,
        ["any"] = EmergencyPolicy.Any,
    };

    private static readonly string[] RootKeys =
        ["segment", "version", "description", "owner", "covers", "schema", "attributes", "guardrails", "access", "alarms", "queries", "posture", "safety"];

    private static readonly Dictionary<string, KeyAttributeType?> KeyTypes = new(StringComparer.Ordinal)
    {
        ["S"] = KeyAttributeType.S,
        ["N"] = KeyAttributeType.N,
        ["B"] = KeyAttributeType.B,
    };

    private static readonly Dictionary<string, IndexKind> IndexKinds = new(StringComparer.Ordinal)
    {
        ["global"] = IndexKind.Global,
        ["local"] = IndexKind.Local,
    };

    /// <summary>The segment name a file's path asks for (<c>segments/orders.yaml</c> → <c>orders</c>).</summary>
    public static string NameOf(string source) => source["segments/".Length..^".yaml".Length];

    /// <summary>The file as a draft, or null when too broken to take part in the folder-wide checks (errors are in the reader).</summary>
    public static SegmentDraft? Parse(YamlConfigReader r, string source, string text, QueryLimits limits)
    {
        if (r.LoadMapping(text) is not { } root)
        {
            return null;
        }

        r.OnlyKeys(root, string.Empty, RootKeys);
        string expected = NameOf(source);
        if (!RunbookPatterns.SegmentName().IsMatch(expected))
        {
            r.Error("(file)", null, $"the file name must be segments/<segment>.yaml with a segment name of {RunbookPatterns.SegmentNameRule}");
        }

        string? name = r.Name(root, string.Empty, "segment", RunbookPatterns.SegmentName(), RunbookPatterns.SegmentNameRule, required: true);
        if (name is not null && !string.Equals(name, expected, StringComparison.Ordinal))
        {
            r.Error("segment", YamlConfigReader.Child(root, "segment"), $"must equal the file name: '{expected}' (segments/<segment>.yaml), got '{name}'");
        }

        int version = r.Required(root, string.Empty, "version", "the segment file's version (a whole number >= 1, raised on every change)") is null
            ? 0
            : r.Int(root, string.Empty, "version", 0, 1, int.MaxValue);
        string description = RequiredText(r, root, string.Empty, "description", "what the segment is, for people");
        string owner = RequiredText(r, root, string.Empty, "owner", "the team that owns and reviews the file");
        SegmentScope? covers = ParseCovers(r, root);
        (TableSchema Schema, YamlNode KeysNode, List<(IndexSchema, YamlNode, string)> Indexes)? schema = ParseSchema(r, root);
        var attributes = new AttributeClasses(ParseAttributes(r, root));
        YamlMappingNode? guardrails = null;
        if (YamlConfigReader.Child(root, "guardrails") is { } g && !YamlConfigReader.IsNull(g) && r.Mapping(g, "guardrails") is { } gm)
        {
            r.OnlyKeys(gm, "guardrails", GuardrailSettingsReader.SettingKeys);
            guardrails = gm;
        }

        AccessScope? access = ParseAccess(r, root, covers);
        YamlMappingNode? alarms = AlarmSettingsReader.Section(r, root);
        if (alarms is not null && covers is not null)
        {
            if (covers.KeyPrefix is not null)
            {
                r.Error("alarms", alarms, "a key-prefix segment has no alarms: DynamoDB publishes no metric per key prefix; set them in the table's or the index's segment");
                alarms = null;
            }
            else
            {
                AlarmSettingsReader.CheckKeys(r, alarms, covers.Index is null ? AlarmLayer.Table : AlarmLayer.Index);
            }
        }

        if (covers is not null && schema is { } s)
        {
            CheckCoversAgainstSchema(r, root, covers, s.Schema);
        }

        IReadOnlyList<Planning.RemediationKind> safety = SafetySettingsReader.Parse(r, root);
        var context = new TemplateContext(name ?? expected, owner, covers, schema?.Schema, limits);
        IReadOnlyList<ParsedTemplate> queries = QueryTemplateParser.ParseAll(r, root, context);
        if (name is null || covers is null || schema is null)
        {
            return null;
        }

        return new SegmentDraft(r, source, name, version, description, owner, covers, YamlConfigReader.Child(root, "covers")!,
            schema.Value.Schema, schema.Value.KeysNode, schema.Value.Indexes, attributes, guardrails, queries, access, alarms)
        {
            Posture = PostureSettingsReader.Section(r, root),
            SafetyBackupBefore = safety,
        };
    }

    /// <summary>
    /// The <c>access</c> section (break-glass scope), or null when the file has none (absent, or given without a value):
    /// then an index or key-prefix segment inherits its table segment's. An index segment's own section lists reads of
    /// an index only (Query, Scan); a key-prefix segment's never lists Scan.
    /// </summary>
    private static AccessScope? ParseAccess(YamlConfigReader r, YamlMappingNode root, SegmentScope? covers)
    {
        const string p = "access";
        if (YamlConfigReader.Child(root, p) is not { } node || YamlConfigReader.IsNull(node) || r.Mapping(node, p) is not { } map)
        {
            return null;
        }

        int errors = r.Errors.Count;
        r.OnlyKeys(map, p, AccessKeys);
        IReadOnlyList<string> requesters = PrincipalPatterns(r, map, "requesters", required: true);
        IReadOnlyList<string> approvers = YamlConfigReader.Child(map, "approvers") is { } a && !YamlConfigReader.IsNull(a)
            ? PrincipalPatterns(r, map, "approvers", required: true)
            : requesters;
        var actions = new List<AccessAction>();
        if (r.Required(map, p, "actions", $"the data actions a grant may hold: a list of {string.Join(", ", AccessActions.All.Select(AccessActions.Name))}") is not null)
        {
            IReadOnlyList<string> names = r.StringList(map, p, "actions", "action names");
            var list = (YamlSequenceNode?)(YamlConfigReader.Child(map, "actions") as YamlSequenceNode);
            for (int i = 0; i < names.Count; i++)
            {
                YamlNode? at = list?.Children.FirstOrDefault(c => c is YamlScalarNode s && string.Equals(s.Value, names[i], StringComparison.Ordinal));
                string field = $"{p}.actions[{(list is null || at is null ? i : list.Children.IndexOf(at))}]";
                if (!AccessActions.TryParseName(names[i], out AccessAction action))
                {
                    r.Error(field, at ?? map, names[i].StartsWith(AccessActions.ServicePrefix, StringComparison.OrdinalIgnoreCase)
                        ? $"'{names[i]}': name the action without the '{AccessActions.ServicePrefix}' prefix (one of: {string.Join(", ", AccessActions.All.Select(AccessActions.Name))})"
                        : $"'{names[i]}' is not a DynamoDB data action break-glass grants; must be one of: {string.Join(", ", AccessActions.All.Select(AccessActions.Name))}");
                    continue;
                }

                if (covers?.Index is { } index && action is not (AccessAction.Query or AccessAction.Scan))
                {
                    r.Error(field, at ?? map, $"this segment covers index '{index}': only Query and Scan read an index ({names[i]} acts on the table)");
                }
                else if (covers?.KeyPrefix is not null && action == AccessAction.Scan)
                {
                    r.Error(field, at ?? map, "a key-prefix segment cannot grant Scan: a Scan carries no partition key and would read every key");
                }

                actions.Add(action);
            }

            if (names.Count == 0 && YamlConfigReader.Child(map, "actions") is YamlSequenceNode { Children.Count: 0 } empty)
            {
                r.Error($"{p}.actions", empty, "must list at least one action");
            }
        }

        int maxDuration = r.Required(map, p, "maxDurationMinutes", $"the longest grant, in minutes ({AccessScope.MinDurationMinutes}..{AccessScope.MaxDurationLimitMinutes})") is null
            ? 0
            : r.Int(map, p, "maxDurationMinutes", 0, AccessScope.MinDurationMinutes, AccessScope.MaxDurationLimitMinutes);
        bool requireTicket = r.Bool(map, p, "requireTicket", AccessScope.DefaultRequireTicket);
        int approvalTimeout = r.Int(map, p, "approvalTimeoutMinutes", AccessScope.DefaultApprovalTimeoutMinutes, 1, 1440);
        int writeApprovers = r.Int(map, p, "writeApprovers", AccessScope.DefaultWriteApprovers, 1, 2);
        EmergencyPolicy emergency = r.Choice(map, p, "emergency", AccessScope.DefaultEmergency, EmergencyPolicies);
        int maxExtensions = r.Int(map, p, "maxExtensions", AccessScope.DefaultMaxExtensions, 0, 10);
        return r.Errors.Count > errors
            ? null
            : new AccessScope(requesters, approvers, actions, maxDuration, requireTicket, approvalTimeout, writeApprovers, emergency, maxExtensions);
    }

    /// <summary>
    /// A non-empty list of IAM ARN patterns of users, roles or assumed-role sessions (<c>*</c> and <c>?</c> wildcards):
    /// the kind is literal and the name part holds at least one character that is not a wildcard.
    /// </summary>
    private static IReadOnlyList<string> PrincipalPatterns(YamlConfigReader r, YamlMappingNode map, string key, bool required)
    {
        string field = $"access.{key}";
        if (required && r.Required(map, "access", key, "IAM ARN patterns, e.g. \"arn:aws:sts::*:assumed-role/OnCall/*\"") is null)
        {
            return [];
        }

        IReadOnlyList<string> patterns = r.StringList(map, "access", key, "IAM ARN patterns");
        var list = YamlConfigReader.Child(map, key) as YamlSequenceNode;
        if (list is { Children.Count: 0 })
        {
            r.Error(field, list, "must list at least one IAM ARN pattern");
        }

        foreach (string pattern in patterns)
        {
            YamlNode? at = list?.Children.FirstOrDefault(c => c is YamlScalarNode s && string.Equals(s.Value, pattern, StringComparison.Ordinal));
            int index = list is null || at is null ? 0 : list.Children.IndexOf(at);
            Match match = PrincipalPattern().Match(pattern);
            if (!match.Success)
            {
                r.Error($"{field}[{index}]", at ?? map,
                    $"'{pattern}' is not an IAM ARN pattern of users, roles or sessions: arn:<partition>:iam::<account>:user/<name>, arn:<partition>:iam::<account>:role/<name> or arn:<partition>:sts::<account>:assumed-role/<role>/<session> (* and ? wildcards)");
            }
            else if (match.Groups["name"].Value.All(c => c is '*' or '?' or '/'))
            {
                r.Error($"{field}[{index}]", at ?? map, $"'{pattern}' matches every {match.Groups["kind"].Value}: name the user or role (wildcards only around a name)");
            }
        }

        return patterns;
    }

    [GeneratedRegex(@"^arn:[A-Za-z0-9*?-]+:(?:iam::[0-9*?]+:(?<kind>user|role)|sts::[0-9*?]+:(?<kind>assumed-role))/(?<name>[A-Za-z0-9_+=,.@*?/-]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex PrincipalPattern();

    /// <summary>A required non-empty text field; empty text when missing (the error is recorded).</summary>
    public static string RequiredText(YamlConfigReader r, YamlMappingNode map, string path, string key, string what) =>
        r.Required(map, path, key, what) is null ? string.Empty : r.String(map, path, key, string.Empty)!;

    private static SegmentScope? ParseCovers(YamlConfigReader r, YamlMappingNode root)
    {
        if (r.Required(root, string.Empty, "covers", "what the segment covers: {table, index?, keyPrefix?}") is not { } node
            || r.Mapping(node, "covers") is not { } map)
        {
            return null;
        }

        r.OnlyKeys(map, "covers", "table", "index", "keyPrefix");
        string? table = r.Name(map, "covers", "table", RunbookPatterns.DynamoDbName(), RunbookPatterns.DynamoDbNameRule, required: true);
        string? index = r.Name(map, "covers", "index", RunbookPatterns.DynamoDbName(), RunbookPatterns.DynamoDbNameRule, required: false);
        string? keyPrefix = r.String(map, "covers", "keyPrefix", null);
        return table is null ? null : new SegmentScope(table, index, keyPrefix);
    }

    private static (TableSchema Schema, YamlNode KeysNode, List<(IndexSchema, YamlNode, string)> Indexes)? ParseSchema(YamlConfigReader r, YamlMappingNode root)
    {
        if (r.Required(root, string.Empty, "schema", "the table's keys and the indexes the templates use: {partitionKey, sortKey?, indexes?}") is not { } node
            || r.Mapping(node, "schema") is not { } map)
        {
            return null;
        }

        r.OnlyKeys(map, "schema", "partitionKey", "sortKey", "indexes");
        KeySchema? keys = ParseKeys(r, map, "schema");
        var indexes = new List<(IndexSchema, YamlNode, string)>();
        if (YamlConfigReader.Child(map, "indexes") is { } indexesNode && !YamlConfigReader.IsNull(indexesNode)
            && r.Sequence(indexesNode, "schema.indexes", "indexes ({name, kind, partitionKey, sortKey?})") is { } list)
        {
            for (int i = 0; i < list.Children.Count; i++)
            {
                string path = $"schema.indexes[{i}]";
                if (ParseIndex(r, list.Children[i], path, keys) is not { } index)
                {
                    continue;
                }

                if (indexes.Any(x => string.Equals(x.Item1.Name, index.Name, StringComparison.Ordinal)))
                {
                    r.Error($"{path}.name", list.Children[i], $"index '{index.Name}' is declared twice");
                    continue;
                }

                indexes.Add((index, list.Children[i], path));
            }
        }

        if (keys is null)
        {
            return null;
        }

        var schema = new TableSchema(keys, [.. indexes.Select(i => i.Item1)]);
        CheckAttributeTypes(r, schema, indexes);
        return (schema, YamlConfigReader.Child(map, "partitionKey")!, indexes);
    }

    private static KeySchema? ParseKeys(YamlConfigReader r, YamlMappingNode map, string path)
    {
        KeyElement? partition = null;
        if (r.Required(map, path, "partitionKey", "the partition (HASH) key: {name, type: S|N|B}") is { } pk)
        {
            partition = ParseKeyElement(r, pk, YamlConfigReader.Join(path, "partitionKey"));
        }

        KeyElement? sort = null;
        if (YamlConfigReader.Child(map, "sortKey") is { } sk && !YamlConfigReader.IsNull(sk))
        {
            sort = ParseKeyElement(r, sk, YamlConfigReader.Join(path, "sortKey"));
            if (sort is null)
            {
                return null;
            }

            if (partition is not null && string.Equals(partition.Name, sort.Name, StringComparison.Ordinal))
            {
                r.Error(YamlConfigReader.Join(path, "sortKey.name"), sk, $"the sort key must differ from the partition key ('{sort.Name}')");
            }
        }

        return partition is null ? null : new KeySchema(partition, sort);
    }

    private static KeyElement? ParseKeyElement(YamlConfigReader r, YamlNode node, string path)
    {
        if (r.Mapping(node, path) is not { } map)
        {
            return null;
        }

        r.OnlyKeys(map, path, "name", "type");
        string? name = r.Required(map, path, "name", "the key attribute's name") is null ? null : r.String(map, path, "name", null);
        KeyAttributeType? type = r.Required(map, path, "type", "the key attribute's type: S, N or B") is null
            ? null
            : r.Choice(map, path, "type", null, KeyTypes);
        return name is null || type is null ? null : new KeyElement(name, type.Value);
    }

    private static IndexSchema? ParseIndex(YamlConfigReader r, YamlNode node, string path, KeySchema? table)
    {
        if (r.Mapping(node, path) is not { } map)
        {
            return null;
        }

        r.OnlyKeys(map, path, "name", "kind", "partitionKey", "sortKey");
        string? name = r.Name(map, path, "name", RunbookPatterns.DynamoDbName(), RunbookPatterns.DynamoDbNameRule, required: true);
        IndexKind kind = r.Choice(map, path, "kind", IndexKind.Global, IndexKinds);
        KeySchema? keys = ParseKeys(r, map, path);
        if (name is null || keys is null)
        {
            return null;
        }

        if (kind == IndexKind.Local)
        {
            if (keys.SortKey is null)
            {
                r.Error($"{path}.sortKey", map, "required: a local secondary index always has a sort key");
            }

            if (table is not null && !Equals(keys.PartitionKey, table.PartitionKey))
            {
                r.Error($"{path}.partitionKey", YamlConfigReader.Child(map, "partitionKey"),
                    $"a local secondary index shares the table's partition key ({Describe(table.PartitionKey)}), got {Describe(keys.PartitionKey)}");
            }
        }

        return new IndexSchema(name, kind, keys);
    }

    /// <summary>DynamoDB's AttributeDefinitions give each key attribute one type: the table and every index must agree.</summary>
    private static void CheckAttributeTypes(YamlConfigReader r, TableSchema schema, List<(IndexSchema Index, YamlNode Node, string Path)> indexes)
    {
        var seen = new Dictionary<string, (KeyAttributeType Type, string Where)>(StringComparer.Ordinal);
        foreach (KeyElement key in schema.Keys.Attributes)
        {
            seen.TryAdd(key.Name, (key.Type, "the table"));
        }

        foreach ((IndexSchema index, YamlNode node, string path) in indexes)
        {
            foreach (KeyElement key in index.Keys.Attributes)
            {
                if (seen.TryGetValue(key.Name, out var first) && first.Type != key.Type)
                {
                    r.Error(path, node, $"key attribute '{key.Name}' is {key.Type} here but {first.Type} in {first.Where}: an attribute has one type");
                }

                seen.TryAdd(key.Name, (key.Type, $"index '{index.Name}'"));
            }
        }
    }

    private static IReadOnlyList<string> ParseAttributes(YamlConfigReader r, YamlMappingNode root)
    {
        if (YamlConfigReader.Child(root, "attributes") is not { } node || YamlConfigReader.IsNull(node) || r.Mapping(node, "attributes") is not { } map)
        {
            return [];
        }

        r.OnlyKeys(map, "attributes", "sensitive");
        return r.StringList(map, "attributes", "sensitive", "attribute names");
    }

    private static void CheckCoversAgainstSchema(YamlConfigReader r, YamlMappingNode root, SegmentScope covers, TableSchema schema)
    {
        var map = (YamlMappingNode)YamlConfigReader.Child(root, "covers")!;
        KeySchema keys = schema.Keys;
        if (covers.Index is not null)
        {
            if (schema.Index(covers.Index) is not { } index)
            {
                r.Error("covers.index", YamlConfigReader.Child(map, "index"),
                    $"index '{covers.Index}' is not declared in schema.indexes{Declared(schema)}");
                return;
            }

            keys = index.Keys;
        }

        if (covers.KeyPrefix is not null && keys.PartitionKey.Type != KeyAttributeType.S)
        {
            r.Error("covers.keyPrefix", YamlConfigReader.Child(map, "keyPrefix"),
                $"a key prefix needs a string partition key; '{keys.PartitionKey.Name}' is {keys.PartitionKey.Type}");
        }
    }

    /// <summary>e.g. <c> (declared: ByCustomer, ByStatus)</c>.</summary>
    public static string Declared(TableSchema schema) =>
        schema.Indexes.Count == 0 ? " (none declared)" : $" (declared: {string.Join(", ", schema.Indexes.Select(i => i.Name))})";

    /// <summary>e.g. <c>pk (S)</c>.</summary>
    public static string Describe(KeyElement key) => $"{key.Name} ({key.Type})";

    /// <summary>e.g. <c>pk (S) / sk (S)</c>.</summary>
    public static string Describe(KeySchema keys) =>
        keys.SortKey is null ? Describe(keys.PartitionKey) : $"{Describe(keys.PartitionKey)} / {Describe(keys.SortKey)}";
}
