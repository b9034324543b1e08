using System.Globalization;
using System.Text.RegularExpressions;

using Automation.Core.Queries;
using Automation.Core.Segments;

using YamlDotNet.RepresentationModel;

namespace Automation.Core.Runbooks;

/// <summary>What a segment's templates are checked against: its name and owner, what it covers, its schema, the limits.</summary>
/// <param name="Covers">Null when the file's <c>covers</c> is broken (scope checks are skipped).</param>
/// <param name="Schema">Null when the file's <c>schema</c> is broken (key checks are skipped).</param>
internal sealed record TemplateContext(string Segment, string Owner, SegmentScope? Covers, TableSchema? Schema, QueryLimits Limits);

/// <summary>A parsed template with its field path and name node (for the folder-wide duplicate-name check).</summary>
internal sealed record ParsedTemplate(QueryTemplate Template, string Path, YamlNode NameNode);

/// <summary>
/// Parses and lints a segment file's <c>queries</c> (format: runbooks/README.md): every rule a template must meet to be
/// run (bound partition key, declared index, typed parameters, page limit and read ceiling, bounded Scan ...), each
/// error naming the field path and line.
/// </summary>
internal static class QueryTemplateParser
{
    /// <summary>Largest number of Scan segments a template may declare (they are walked one after the other).</summary>
    public const int MaxScanSegments = 1000;

    private const double MinReadCeiling = 0.5;

    private static readonly string[] TemplateKeys =
    [
        "name", "description", "owner", "operation", "index", "partitionKey", "sortKey", "filter", "projection",
        "consistentRead", "pageSize", "pageLimit", "readCeiling", "scan", "parameters",
    ];

    private static readonly Dictionary<string, QueryOperation?> Operations = new(StringComparer.Ordinal)
    {
        ["Query"] = QueryOperation.Query,
        ["GetItem"] = QueryOperation.GetItem,
        ["Scan"] = QueryOperation.Scan,
    };

    /// <summary>
    /// DynamoDB operations that write (and PartiQL, which can): a query template never holds one. Templates are
    /// read-only by design (the query runner's role has reads only); a write during an incident goes through a
    /// break-glass grant, which needs point-in-time recovery on the table (posture rule PointInTimeRecoveryOff).
    /// </summary>
    internal static readonly string[] WriteOperations =
    [
        "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems",
        "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction",
    ];

    private static readonly Dictionary<string, ConditionOperator?> Operators = new(StringComparer.Ordinal)
    {
        ["="] = ConditionOperator.Equal,
        ["<>"] = ConditionOperator.NotEqual,
        ["<"] = ConditionOperator.LessThan,
        ["<="] = ConditionOperator.LessThanOrEqual,
        [">"] = ConditionOperator.GreaterThan,
        [">="] = ConditionOperator.GreaterThanOrEqual,
        ["BETWEEN"] = ConditionOperator.Between,
        ["begins_with"] = ConditionOperator.BeginsWith,
        ["contains"] = ConditionOperator.Contains,
        ["attribute_exists"] = ConditionOperator.AttributeExists,
        ["attribute_not_exists"] = ConditionOperator.AttributeNotExists,
    };

    private static readonly Dictionary<string, ConditionOperator?> KeyOperators = Operators
        .Where(kv => kv.Value is ConditionOperator.Equal or ConditionOperator.LessThan or ConditionOperator.LessThanOrEqual
            or ConditionOperator.GreaterThan or ConditionOperator.GreaterThanOrEqual or ConditionOperator.Between or ConditionOperator.BeginsWith)
        .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    private static readonly Dictionary<string, ParameterType?> ParameterTypes = new(StringComparer.Ordinal)
    {
        ["string"] = ParameterType.Text,
        ["number"] = ParameterType.Number,
        ["boolean"] = ParameterType.Flag,
    };

    /// <summary>Every template of the file's <c>queries</c> list that has a name (the others only report errors).</summary>
    public static IReadOnlyList<ParsedTemplate> ParseAll(YamlConfigReader r, YamlMappingNode root, TemplateContext c)
    {
        if (YamlConfigReader.Child(root, "queries") is not { } node || YamlConfigReader.IsNull(node)
            || r.Sequence(node, "queries", "query templates (- name: ...)") is not { } list)
        {
            return [];
        }

        var templates = new List<ParsedTemplate>();
        for (int i = 0; i < list.Children.Count; i++)
        {
            string path = $"queries[{i}]";
            if (r.Mapping(list.Children[i], path) is { } map && new Template(r, map, path, c).Parse() is { } template)
            {
                templates.Add(new ParsedTemplate(template, path, YamlConfigReader.Child(map, "name")!));
            }
        }

        return templates;
    }

    /// <summary>One template being parsed: its parameters, and which of them the key condition and filter use.</summary>
    private sealed class Template(YamlConfigReader r, YamlMappingNode map, string path, TemplateContext c)
    {
        private readonly Dictionary<string, Parameter> _parameters = new(StringComparer.Ordinal);

        private QueryOperation? _operation;
        private string? _index;
        private IndexSchema? _indexSchema;
        private KeySchema? _keys;

        // A write operation gets its own error naming the rule, not just "must be one of".
        private QueryOperation? ParseOperation()
        {
            if (YamlConfigReader.Child(map, "operation") is YamlScalarNode { Value: { } value } node
                && Array.IndexOf(WriteOperations, value) >= 0)
            {
                r.Error(Field("operation"), node,
                    $"'{value}' writes: query templates are read-only (Query, GetItem or Scan). A write during an incident needs a break-glass grant, " +
                    "which is refused while point-in-time recovery is off on the table (posture rule PointInTimeRecoveryOff)");
                return null;
            }

            return r.Choice(map, path, "operation", null, Operations);
        }

        public QueryTemplate? Parse()
        {
            r.OnlyKeys(map, path, TemplateKeys);
            string? name = r.Name(map, path, "name", RunbookPatterns.TemplateName(), RunbookPatterns.TemplateNameRule, required: true);
            string description = SegmentFileParser.RequiredText(r, map, path, "description", "what the template answers, for the operator");
            string owner = r.String(map, path, "owner", c.Owner)!;
            _operation = r.Required(map, path, "operation", "Query, GetItem or Scan") is null ? null : ParseOperation();
            ParseParameters();
            ParseIndex();
            string? partitionKey = ParsePartitionKey();
            SortKeyCondition? sortKey = ParseSortKey();
            IReadOnlyList<FilterCondition> filter = ParseFilter();
            IReadOnlyList<string> projection = r.StringList(map, path, "projection", "attribute names");
            bool consistentRead = ParseConsistentRead();
            (int pageSize, int pageLimit, double readCeiling) = ParseBounds(consistentRead);
            ScanBounds? scan = ParseScan();
            CheckParameterUse();
            if (name is null)
            {
                return null;
            }

            return new QueryTemplate(
                name,
                description,
                owner,
                c.Segment,
                _operation ?? QueryOperation.Query,
                _index,
                partitionKey,
                sortKey,
                filter,
                projection,
                consistentRead,
                pageSize,
                pageLimit,
                readCeiling,
                scan,
                [.. _parameters.Values.Select(p => p.Definition)]);
        }

        private string Field(string key) => YamlConfigReader.Join(path, key);

        private string ReadDescription => _index is null ? $"table '{c.Covers?.Table}'" : $"index '{_index}'";

        private void ParseIndex()
        {
            _index = r.Name(map, path, "index", RunbookPatterns.DynamoDbName(), RunbookPatterns.DynamoDbNameRule, required: false);
            YamlNode? node = YamlConfigReader.Child(map, "index");
            if (_index is not null && _operation == QueryOperation.GetItem)
            {
                r.Error(Field("index"), node, "GetItem reads the table only: remove index, or use a Query on the index");
                _index = null;
            }

            if (_index is not null && c.Schema is not null)
            {
                _indexSchema = c.Schema.Index(_index);
                if (_indexSchema is null)
                {
                    r.Error(Field("index"), node, $"index '{_index}' is not declared in schema.indexes{SegmentFileParser.Declared(c.Schema)}");
                }
            }

            _keys = _index is null ? c.Schema?.Keys : _indexSchema?.Keys;
            if (c.Covers is not { } covers)
            {
                return;
            }

            if ((covers.Index is not null || covers.KeyPrefix is not null) && !string.Equals(_index, covers.Index, StringComparison.Ordinal))
            {
                string reads = covers.Index is null ? "the table (no index)" : $"index '{covers.Index}'";
                r.Error(Field("index"), node ?? map, $"segment '{c.Segment}' covers {covers}: its templates read {reads} only, so they stay inside the segment");
            }

            if (covers.KeyPrefix is not null && _operation == QueryOperation.Scan)
            {
                r.Error(Field("operation"), YamlConfigReader.Child(map, "operation"),
                    $"a Scan reads every partition key: a key-prefix segment's templates bind the partition key (Query or GetItem) to stay inside '{covers.KeyPrefix}'");
            }
        }

        private string? ParsePartitionKey()
        {
            YamlNode? node = YamlConfigReader.Child(map, "partitionKey");
            if (_operation == QueryOperation.Scan)
            {
                if (node is not null)
                {
                    r.Error(Field("partitionKey"), node, "a Scan binds no key: remove partitionKey, or make the template a Query");
                }

                return null;
            }

            string keyName = _keys is null ? "partition key" : $"partition key '{_keys.PartitionKey.Name}'";
            if (r.Required(map, path, "partitionKey", $"the parameter bound to the {keyName} (a {_operation?.ToString() ?? "Query"} must bind it)") is null)
            {
                return null;
            }

            string? parameter = r.String(map, path, "partitionKey", null);
            if (parameter is not null && Use(parameter, node, Field("partitionKey"), "the partition key", _keys?.PartitionKey) is { } p && c.Covers?.KeyPrefix is { } prefix)
            {
                p.RequirePrefix(prefix);
            }

            return parameter;
        }

        private SortKeyCondition? ParseSortKey()
        {
            string p = Field("sortKey");
            YamlNode? node = YamlConfigReader.Child(map, "sortKey");
            if (node is null || YamlConfigReader.IsNull(node))
            {
                if (_operation == QueryOperation.GetItem && _keys?.SortKey is { } missing)
                {
                    r.Error(p, map, $"required: GetItem binds the whole primary key: sortKey: {{operator: \"=\", parameter: ...}} for sort key '{missing.Name}'");
                }

                return null;
            }

            if (_operation == QueryOperation.Scan)
            {
                r.Error(p, node, "a Scan has no key condition: remove sortKey (or use a filter, which does not reduce cost)");
                return null;
            }

            if (r.Mapping(node, p) is not { } m)
            {
                return null;
            }

            r.OnlyKeys(m, p, "operator", "parameter", "parameters");
            ConditionOperator? op = r.Required(m, p, "operator", "one of =, <, <=, >, >=, BETWEEN, begins_with") is null
                ? null
                : r.Choice(m, p, "operator", null, KeyOperators);
            if (_keys is not null && _keys.SortKey is null)
            {
                r.Error(p, node, $"the {ReadDescription} has no sort key: remove sortKey");
                return null;
            }

            KeyElement? sortKey = _keys?.SortKey;
            if (op == ConditionOperator.BeginsWith && sortKey is { Type: not KeyAttributeType.S })
            {
                r.Error(YamlConfigReader.Join(p, "operator"), YamlConfigReader.Child(m, "operator"),
                    $"begins_with needs a string sort key; '{sortKey.Name}' is {sortKey.Type}");
            }

            if (_operation == QueryOperation.GetItem && op is not null and not ConditionOperator.Equal)
            {
                r.Error(YamlConfigReader.Join(p, "operator"), YamlConfigReader.Child(m, "operator"), "GetItem binds the whole primary key: the operator must be \"=\"");
            }

            (string? first, string? second) = Operands(m, p, op, "the sort key", sortKey);
            return op is null || first is null ? null : new SortKeyCondition(op.Value, first, second);
        }

        private List<FilterCondition> ParseFilter()
        {
            string p = Field("filter");
            if (YamlConfigReader.Child(map, "filter") is not { } node || YamlConfigReader.IsNull(node))
            {
                return [];
            }

            if (_operation == QueryOperation.GetItem)
            {
                r.Error(p, node, "GetItem has no filter: remove it, or use a Query");
                return [];
            }

            if (r.Sequence(node, p, "conditions ({attribute, operator, parameter})") is not { } list)
            {
                return [];
            }

            var conditions = new List<FilterCondition>();
            for (int i = 0; i < list.Children.Count; i++)
            {
                string cp = $"{p}[{i}]";
                if (r.Mapping(list.Children[i], cp) is not { } m)
                {
                    continue;
                }

                r.OnlyKeys(m, cp, "attribute", "operator", "parameter", "parameters");
                string? attribute = r.Required(m, cp, "attribute", "the (non-key) attribute the condition tests") is null ? null : r.String(m, cp, "attribute", null);
                ConditionOperator? op = r.Required(m, cp, "operator", "one of " + string.Join(", ", Operators.Keys)) is null
                    ? null
                    : r.Choice(m, cp, "operator", null, Operators);
                if (attribute is not null && _operation == QueryOperation.Query && _keys is not null
                    && _keys.Attributes.Any(k => string.Equals(k.Name, attribute, StringComparison.Ordinal)))
                {
                    r.Error($"{cp}.attribute", YamlConfigReader.Child(m, "attribute"),
                        $"'{attribute}' is a key attribute of the {ReadDescription}: a Query cannot filter on it; use partitionKey or sortKey");
                }

                (string? first, string? second) = Operands(m, cp, op, "a filter", key: null);
                if (attribute is not null && op is not null)
                {
                    conditions.Add(new FilterCondition(attribute, op.Value, first, second));
                }
            }

            return conditions;
        }

        /// <summary>The parameter(s) of a condition: none (attribute_exists), two (BETWEEN: <c>parameters</c>) or one (<c>parameter</c>).</summary>
        private (string? First, string? Second) Operands(YamlMappingNode m, string p, ConditionOperator? op, string role, KeyElement? key)
        {
            YamlNode? one = YamlConfigReader.Child(m, "parameter");
            YamlNode? two = YamlConfigReader.Child(m, "parameters");
            if (op is null)
            {
                return (null, null);
            }

            if (op is ConditionOperator.AttributeExists or ConditionOperator.AttributeNotExists)
            {
                if (one is not null || two is not null)
                {
                    r.Error(YamlConfigReader.Join(p, one is not null ? "parameter" : "parameters"), one ?? two, $"{Name(op.Value)} takes no parameter");
                }

                return (null, null);
            }

            if (op == ConditionOperator.Between)
            {
                if (one is not null)
                {
                    r.Error(YamlConfigReader.Join(p, "parameter"), one, "BETWEEN takes two parameters: parameters: [from, to]");
                }

                IReadOnlyList<string> names = r.Required(m, p, "parameters", "the two parameters of BETWEEN: parameters: [from, to]") is null
                    ? []
                    : r.StringList(m, p, "parameters", "parameter names");
                if (two is not null && names.Count != 2)
                {
                    r.Error(YamlConfigReader.Join(p, "parameters"), two, $"BETWEEN takes exactly two parameters (from, to), got {names.Count}");
                    return (null, null);
                }

                if (names.Count != 2)
                {
                    return (null, null);
                }

                var items = ((YamlSequenceNode)two!).Children;
                Use(names[0], items[0], $"{p}.parameters[0]", role, key)?.CheckOperator(op.Value, $"{p}.parameters[0]", items[0]);
                Use(names[1], items[1], $"{p}.parameters[1]", role, key)?.CheckOperator(op.Value, $"{p}.parameters[1]", items[1]);
                return (names[0], names[1]);
            }

            if (two is not null)
            {
                r.Error(YamlConfigReader.Join(p, "parameters"), two, $"{Name(op.Value)} takes one parameter: parameter: <name>");
            }

            if (r.Required(m, p, "parameter", $"the parameter {Name(op.Value)} compares with") is null)
            {
                return (null, null);
            }

            string? parameter = r.String(m, p, "parameter", null);
            if (parameter is not null)
            {
                Use(parameter, one, YamlConfigReader.Join(p, "parameter"), role, key)?.CheckOperator(op.Value, YamlConfigReader.Join(p, "parameter"), one);
            }

            return (parameter, null);
        }

        private bool ParseConsistentRead()
        {
            bool consistent = r.Bool(map, path, "consistentRead", false);
            if (consistent && _indexSchema is { Kind: IndexKind.Global })
            {
                r.Error(Field("consistentRead"), YamlConfigReader.Child(map, "consistentRead"),
                    $"'{_index}' is a global secondary index: it serves eventually consistent reads only");
                return false;
            }

            return consistent;
        }

        private (int PageSize, int PageLimit, double ReadCeiling) ParseBounds(bool consistent)
        {
            QueryLimits limits = c.Limits;
            int pageSize = Bound(Field("pageSize"), "pageSize", "the items per page at most (DynamoDB Limit)", limits.MaxPageSize, "maxPageSize");
            int pageLimit = Bound(Field("pageLimit"), "pageLimit", "the pages a run reads at most", limits.MaxPageLimit, "maxPageLimit");
            if (_operation == QueryOperation.GetItem)
            {
                MustBeOne("pageSize", pageSize);
                MustBeOne("pageLimit", pageLimit);
            }

            double readCeiling = 0;
            if (r.Required(map, path, "readCeiling", "the read ceiling of one run, in read capacity units (RCU)") is { } node)
            {
                readCeiling = r.Double(map, path, "readCeiling", 0, MinReadCeiling, double.MaxValue);
                string field = Field("readCeiling");
                if (readCeiling > limits.MaxReadCeiling)
                {
                    r.Error(field, node, $"{Number(readCeiling)} RCU is above queries.maxReadCeiling of defaults.yaml ({Number(limits.MaxReadCeiling)})");
                }
                else if (readCeiling > 0 && pageSize > 0 && _operation is { } operation)
                {
                    double worst = ReadCost.WorstCasePage(operation, pageSize, consistent);
                    if (readCeiling < worst)
                    {
                        string page = operation == QueryOperation.GetItem
                            ? "one item of up to 400 KB"
                            : $"{pageSize} item{(pageSize == 1 ? string.Empty : "s")} of up to 400 KB, at most 1 MB + one item";
                        r.Error(field, node,
                            $"{Number(readCeiling)} RCU is below the worst case of one page ({Number(worst)} RCU: {page}, {(consistent ? "strongly" : "eventually")} consistent): "
                            + $"the template could never read a full page; raise readCeiling to at least {Number(worst)} or lower pageSize");
                    }
                }
            }

            return (pageSize, pageLimit, readCeiling);
        }

        private int Bound(string field, string key, string what, int max, string limit)
        {
            if (r.Required(map, path, key, what) is not { } node)
            {
                return 0;
            }

            int value = r.Int(map, path, key, 0, 1, int.MaxValue);
            if (value > max)
            {
                r.Error(field, node, $"{value} is above queries.{limit} of defaults.yaml ({max})");
                return 0;
            }

            return value;
        }

        private void MustBeOne(string key, int value)
        {
            if (value > 1)
            {
                r.Error(Field(key), YamlConfigReader.Child(map, key), $"GetItem reads one item: {key} must be 1, got {value}");
            }
        }

        private ScanBounds? ParseScan()
        {
            string p = Field("scan");
            YamlNode? node = YamlConfigReader.Child(map, "scan");
            if (_operation != QueryOperation.Scan)
            {
                if (node is not null)
                {
                    r.Error(p, node, $"only a Scan declares scan bounds; this template is a {_operation?.ToString() ?? "(no operation)"}");
                }

                return null;
            }

            if (node is null || YamlConfigReader.IsNull(node))
            {
                r.Error(p, map, "required: a Scan runs only when declared bounded: scan: {bounded: true, segments: N}");
                return null;
            }

            if (r.Mapping(node, p) is not { } m)
            {
                return null;
            }

            r.OnlyKeys(m, p, "bounded", "segments");
            if (r.Required(m, p, "bounded", "bounded: true (a Scan must be declared bounded)") is not null && !r.Bool(m, p, "bounded", true))
            {
                r.Error($"{p}.bounded", YamlConfigReader.Child(m, "bounded"), "must be true: a Scan runs only when declared bounded (segments, pageLimit, readCeiling)");
            }

            int segments = r.Required(m, p, "segments", $"the Scan's segment count (1-{MaxScanSegments}), walked one after the other") is null
                ? 0
                : r.Int(m, p, "segments", 0, 1, MaxScanSegments);
            return segments > 0 ? new ScanBounds(segments) : null;
        }

        private void ParseParameters()
        {
            string p = Field("parameters");
            if (YamlConfigReader.Child(map, "parameters") is not { } node || YamlConfigReader.IsNull(node) || r.Mapping(node, p) is not { } m)
            {
                return;
            }

            foreach ((YamlNode keyNode, YamlNode value) in m.Children)
            {
                string name = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
                string pp = YamlConfigReader.Join(p, name);
                if (!RunbookPatterns.ParameterName().IsMatch(name))
                {
                    r.Error(pp, keyNode, $"a parameter name must be {RunbookPatterns.ParameterNameRule}");
                    continue;
                }

                if (r.Mapping(value, pp) is { } pm && Parameter.Parse(r, pm, pp, name) is { } parameter)
                {
                    _parameters[name] = parameter;
                }
            }
        }

        /// <summary>Marks a parameter used by a condition, checking it is declared and (for a key) that its type fits the key's.</summary>
        private Parameter? Use(string name, YamlNode? node, string field, string role, KeyElement? key)
        {
            if (!_parameters.TryGetValue(name, out Parameter? parameter))
            {
                string declared = _parameters.Count == 0 ? "none declared" : "declared: " + string.Join(", ", _parameters.Keys);
                r.Error(field, node, $"'{name}' is not a declared parameter ({declared}): declare it under parameters");
                return null;
            }

            parameter.Used = true;
            if (key is not null)
            {
                parameter.CheckKeyType(key, field, node, role);
            }

            return parameter;
        }

        private void CheckParameterUse()
        {
            foreach (Parameter parameter in _parameters.Values)
            {
                if (!parameter.Used)
                {
                    r.Error(parameter.Path, parameter.Node, $"parameter '{parameter.Definition.Name}' is never used: bind it in partitionKey, sortKey or filter, or remove it");
                }
                else if (!parameter.Definition.Required && parameter.Definition.Default is null)
                {
                    r.Error(parameter.Path, parameter.Node, $"parameter '{parameter.Definition.Name}' has no value when a run omits it: set required: true or give a default");
                }
            }
        }
    }

    /// <summary>One parameter: its definition, where it is, whether a condition uses it.</summary>
    private sealed class Parameter
    {
        private readonly YamlConfigReader _r;
        private readonly Regex? _pattern;
        private readonly List<(string Value, string Path, YamlNode Node)> _values = [];

        private Parameter(YamlConfigReader r, QueryParameter definition, string path, YamlNode node, Regex? pattern)
        {
            _r = r;
            Definition = definition;
            Path = path;
            Node = node;
            _pattern = pattern;
        }

        public QueryParameter Definition { get; private set; }

        public string Path { get; }

        public YamlNode Node { get; }

        public bool Used { get; set; }

        public static Parameter? Parse(YamlConfigReader r, YamlMappingNode m, string p, string name)
        {
            r.OnlyKeys(m, p, "type", "required", "default", "pattern", "allowed", "description");
            ParameterType? type = r.Required(m, p, "type", "string, number or boolean") is null ? null : r.Choice(m, p, "type", null, ParameterTypes);
            bool required = r.Bool(m, p, "required", false);
            string description = r.String(m, p, "description", string.Empty)!;
            string? patternText = r.String(m, p, "pattern", null);
            Regex? pattern = null;
            if (patternText is not null)
            {
                if (type is not null and not ParameterType.Text)
                {
                    r.Error($"{p}.pattern", YamlConfigReader.Child(m, "pattern"), "pattern applies to string parameters only");
                }
                else
                {
                    pattern = Compile(r, patternText, $"{p}.pattern", YamlConfigReader.Child(m, "pattern")!);
                }
            }

            if (type is null)
            {
                return null;
            }

            var parameter = new Parameter(r, new QueryParameter(name, type.Value, required, null, patternText, [], description), p, m, pattern);
            var allowed = new List<string>();
            if (YamlConfigReader.Child(m, "allowed") is { } allowedNode && !YamlConfigReader.IsNull(allowedNode)
                && r.Sequence(allowedNode, $"{p}.allowed", "values") is { } list)
            {
                for (int i = 0; i < list.Children.Count; i++)
                {
                    string ap = $"{p}.allowed[{i}]";
                    if (r.Scalar(list.Children[i], ap) is { } value && parameter.CheckValue(value, ap, list.Children[i], allowed: null))
                    {
                        if (allowed.Contains(value, StringComparer.Ordinal))
                        {
                            r.Error(ap, list.Children[i], $"'{value}' is listed twice");
                            continue;
                        }

                        allowed.Add(value);
                        parameter._values.Add((value, ap, list.Children[i]));
                    }
                }
            }

            string? defaultValue = null;
            if (YamlConfigReader.Child(m, "default") is { } defaultNode)
            {
                string dp = $"{p}.default";
                if (required)
                {
                    r.Error(dp, defaultNode, "a required parameter has no default: remove one of required: true and default");
                }
                else if (r.Scalar(defaultNode, dp) is { } value && parameter.CheckValue(value, dp, defaultNode, allowed))
                {
                    defaultValue = value;
                    parameter._values.Add((value, dp, defaultNode));
                }
            }

            parameter.Definition = parameter.Definition with { Default = defaultValue, Allowed = allowed };
            return parameter;
        }

        /// <summary>The key's type fixes the parameter's: S ↔ string, N ↔ number (binary keys cannot be bound).</summary>
        public void CheckKeyType(KeyElement key, string field, YamlNode? node, string role)
        {
            ParameterType? expected = key.Type switch
            {
                KeyAttributeType.S => ParameterType.Text,
                KeyAttributeType.N => ParameterType.Number,
                _ => null,
            };
            if (expected is null)
            {
                _r.Error(field, node, $"{role} '{key.Name}' is binary (B): a template cannot bind a binary key");
            }
            else if (Definition.Type != expected)
            {
                _r.Error(field, node,
                    $"parameter '{Definition.Name}' is {TypeName(Definition.Type)} but {role} '{key.Name}' is {key.Type}: declare it type: {TypeName(expected.Value)}");
            }
        }

        /// <summary>What an operator accepts: begins_with and contains strings (contains numbers too); booleans only = and &lt;&gt;.</summary>
        public void CheckOperator(ConditionOperator op, string field, YamlNode? node)
        {
            bool fits = (op, Definition.Type) switch
            {
                (ConditionOperator.BeginsWith, not ParameterType.Text) => false,
                (ConditionOperator.Contains, ParameterType.Flag) => false,
                (not (ConditionOperator.Equal or ConditionOperator.NotEqual), ParameterType.Flag) => false,
                _ => true,
            };
            if (!fits)
            {
                _r.Error(field, node, $"{Name(op)} does not take a {TypeName(Definition.Type)} parameter ('{Definition.Name}')");
            }
        }

        /// <summary>On a key-prefix segment the partition key's default and allowed values must start with the prefix.</summary>
        public void RequirePrefix(string prefix)
        {
            foreach ((string value, string path, YamlNode node) in _values)
            {
                if (!value.StartsWith(prefix, StringComparison.Ordinal))
                {
                    _r.Error(path, node, $"'{value}' is outside the segment: a partition key here starts with '{prefix}'");
                }
            }
        }

        private bool CheckValue(string value, string path, YamlNode node, IReadOnlyList<string>? allowed)
        {
            switch (Definition.Type)
            {
                case ParameterType.Number when !RunbookPatterns.Number().IsMatch(value):
                    _r.Error(path, node, $"must be a number (got '{value}')");
                    return false;
                case ParameterType.Flag when value is not ("true" or "false"):
                    _r.Error(path, node, $"must be true or false (got '{value}')");
                    return false;
            }

            if (_pattern is not null && !Matches(_pattern, value))
            {
                _r.Error(path, node, $"'{value}' does not match the parameter's pattern '{Definition.Pattern}'");
                return false;
            }

            if (allowed is { Count: > 0 } && !allowed.Contains(value, StringComparer.Ordinal))
            {
                _r.Error(path, node, $"'{value}' is not one of the allowed values ({string.Join(", ", allowed)})");
                return false;
            }

            return true;
        }

        /// <summary>Compiles the pattern as written (so it is valid on its own), then anchored to the whole value.</summary>
        private static Regex? Compile(YamlConfigReader r, string pattern, string path, YamlNode node)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
                return new Regex($"\\A(?:{pattern})\\z", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException e)
            {
                r.Error(path, node, $"does not compile as a .NET regular expression: {e.Message}");
                return null;
            }
        }

        private static bool Matches(Regex pattern, string value)
        {
            try
            {
                return pattern.IsMatch(value);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }
    }

    private static string TypeName(ParameterType type) => type switch
    {
        ParameterType.Text => "string",
        ParameterType.Number => "number",
        _ => "boolean",
    };

    private static string Name(ConditionOperator op) => Operators.First(kv => kv.Value == op).Key;

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
