using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Automation.Core.Errors;
using Automation.Core.Hashing;
using Automation.Core.Segments;

namespace Automation.Core.Queries;

/// <summary>
/// Binds a query template to a run's parameters (pure): validates every value (type, pattern, allowed values, the
/// segment's key prefix), applies defaults, refuses unknown parameters, and builds the DynamoDB request with
/// placeholders only, so a value can never change the shape of the query. Bad input is an
/// <see cref="ErrorTypes.InvalidInput"/> failure naming the field (<c>$.template</c>, <c>$.parameters.&lt;name&gt;</c>);
/// a template that cannot be planned (it should have failed lint) is <see cref="ErrorTypes.InvalidRunbookConfig"/>.
/// </summary>
/// <remarks>
/// An optional parameter without a default that the run leaves out drops the sort-key or filter condition it feeds
/// (both parameters of a BETWEEN must then be given or left out together). On a key-prefix segment, a partition-key
/// parameter of the prefixed key must start with the prefix; a read whose partition key is another attribute (a Scan,
/// or a read of another index) gets the filter <c>begins_with(prefixed key, prefix)</c> added, so no item outside
/// the segment is returned (filters do not reduce cost).
/// </remarks>
public static class QueryPlanner
{
    /// <summary>What a sensitive value is replaced by in every view.</summary>
    public const string Masked = "<masked>";

    /// <summary>How long a template's pattern may take on one value.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>DynamoDB numbers: up to 38 significant digits.</summary>
    public const int MaxNumberDigits = 38;

    private static readonly Regex NumberSyntax = new(
        @"^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        PatternTimeout);

    /// <summary>Plans the template named <paramref name="templateName"/> from the catalog.</summary>
    public static QueryPlan Plan(SegmentCatalog catalog, string templateName, IReadOnlyDictionary<string, string?> parameters)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (string.IsNullOrWhiteSpace(templateName))
        {
            throw InputError.Field("$.template", "is required: name a query template");
        }

        if (catalog.FindTemplate(templateName) is not { } found)
        {
            throw InputError.Field("$.template", UnknownTemplate(catalog, templateName));
        }

        return Plan(found.Template, found.Segment, parameters);
    }

    /// <summary>Plans <paramref name="template"/> of <paramref name="segment"/> with the run's parameters (text values; null = not given).</summary>
    public static QueryPlan Plan(QueryTemplate template, SegmentDefinition segment, IReadOnlyDictionary<string, string?> parameters)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(parameters);
        return new Builder(template, segment, parameters).Build();
    }

    /// <summary>SHA-256 (lower-case hex) of the template's canonical JSON (<see cref="CoreJsonContext"/>, declaration order).</summary>
    public static string TemplateHash(QueryTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(template, CoreJsonContext.Default.QueryTemplate);
        return Convert.ToHexStringLower(Sha256.HashData(json));
    }

    /// <summary>Is <paramref name="text"/> a number DynamoDB accepts (decimal, up to 38 significant digits, magnitude 1E-130 to 1E+126)?</summary>
    public static bool IsDynamoDbNumber(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!NumberSyntax.IsMatch(text))
        {
            return false;
        }

        int significant = ItemSize.SignificantDigits(text);
        if (significant > MaxNumberDigits)
        {
            return false;
        }

        if (significant == 0)
        {
            return true;
        }

        // Decimal exponent of the first significant digit: (integer digits - 1 - leading zeros) + exponent.
        int e = text.IndexOfAny(['e', 'E']);
        string mantissa = e < 0 ? text : text[..e];
        long exponent = 0;
        if (e >= 0 && !long.TryParse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
        {
            return false;
        }

        string digits = mantissa.TrimStart('-');
        int point = digits.IndexOf('.', StringComparison.Ordinal);
        string whole = point < 0 ? digits : digits[..point];
        string fraction = point < 0 ? string.Empty : digits[(point + 1)..];
        string all = whole + fraction;
        int first = all.AsSpan().IndexOfAnyInRange('1', '9');
        long magnitude = whole.Length - 1 - first + exponent;
        return magnitude is >= -130 and <= 125;
    }

    private static string UnknownTemplate(SegmentCatalog catalog, string name)
    {
        List<string> names = [.. catalog.Segments.SelectMany(s => s.Queries).Select(t => t.Name)];
        List<string> near = [.. names
            .Select(n => (Name: n, Distance: Distance(n, name)))
            .Where(x => x.Distance <= Math.Max(2, name.Length / 3) || x.Name.Contains(name, StringComparison.OrdinalIgnoreCase) || name.Contains(x.Name, StringComparison.OrdinalIgnoreCase))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(3)
            .Select(x => x.Name)];
        string hint = near.Count > 0
            ? $"; did you mean {string.Join(", ", near.Select(n => $"'{n}'"))}?"
            : names.Count == 0 ? "; the catalog has no templates" : $"; known templates: {string.Join(", ", names.Order(StringComparer.Ordinal).Take(20))}";
        return $"names no query template: '{name}' is not declared in any segment file{hint}";
    }

    /// <summary>Levenshtein distance, case-insensitive.</summary>
    private static int Distance(string a, string b)
    {
        a = a.ToUpperInvariant();
        b = b.ToUpperInvariant();
        int[] previous = [.. Enumerable.Range(0, b.Length + 1)];
        int[] current = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private sealed class Builder(QueryTemplate template, SegmentDefinition segment, IReadOnlyDictionary<string, string?> given)
    {
        private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _placeholderOfName = new(StringComparer.Ordinal);
        private readonly Dictionary<string, QueryValue> _values = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _placeholderOfParameter = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string?> _bound = new(StringComparer.Ordinal);
        private readonly HashSet<string> _sensitive = new(StringComparer.Ordinal);
        private int _keyNames;
        private int _otherNames;

        public QueryPlan Build()
        {
            RefuseUnknownParameters();
            KeySchema keys = ReadKeys();
            MarkSensitive(keys);
            BindAll();
            RefuseValuesDynamoDbRefuses(keys);

            bool gsi = segment.Schema.Index(template.Index)?.Kind == IndexKind.Global;
            bool consistent = template.ConsistentRead && !gsi;

            string? keyCondition = null;
            Dictionary<string, QueryValue>? getKey = null;
            List<string> filters = [];
            string? prefixAttribute = PrefixAttribute();

            switch (template.Operation)
            {
                case QueryOperation.Query:
                    keyCondition = KeyCondition(keys);
                    break;
                case QueryOperation.GetItem:
                    getKey = GetItemKey(keys);
                    break;
                case QueryOperation.Scan:
                    if (template.Scan is null || template.Scan.TotalSegments < 1)
                    {
                        throw Config("scan", "is required for a Scan: declare it bounded with its segment count");
                    }

                    break;
                default:
                    throw Config("operation", $"'{template.Operation}' is not Query, GetItem or Scan");
            }

            if (segment.Covers.KeyPrefix is { } prefix && prefixAttribute is not null)
            {
                if (template.Operation == QueryOperation.GetItem)
                {
                    throw Config("operation", $"a GetItem cannot be confined to the key prefix '{prefix}' of '{prefixAttribute}' (its key is another attribute)");
                }

                filters.Add($"begins_with({Name(prefixAttribute, key: true)}, {Constant(prefix)})");
            }

            if (template.Filter.Count > 0 && template.Operation == QueryOperation.GetItem)
            {
                throw Config("filter", "is not allowed on a GetItem");
            }

            for (int i = 0; i < template.Filter.Count; i++)
            {
                if (Filter(template.Filter[i], i) is { } condition)
                {
                    filters.Add(condition);
                }
            }

            string? projection = Projection(keys);
            int pageSize = template.Operation == QueryOperation.GetItem ? 1 : template.PageSize;
            int pageLimit = template.Operation == QueryOperation.GetItem ? 1 : template.PageLimit;
            if (pageSize < 1)
            {
                throw Config("pageSize", "must be at least 1");
            }

            if (pageLimit < 1)
            {
                throw Config("pageLimit", "must be at least 1");
            }

            if (!(template.ReadCeiling > 0) || double.IsInfinity(template.ReadCeiling))
            {
                throw Config("readCeiling", "must be a positive number of read units");
            }

            double pageWorst = ReadCost.WorstCasePage(template.Operation, pageSize, consistent);
            var audit = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (QueryParameter parameter in template.Parameters)
            {
                if (_bound[parameter.Name] is { } value)
                {
                    audit[parameter.Name] = _sensitive.Contains(parameter.Name) ? Masked : value;
                }
            }

            return new QueryPlan(
                TemplateName: template.Name,
                TemplateHash: TemplateHash(template),
                Segment: segment.Name,
                SegmentVersion: segment.Version,
                SegmentSource: segment.Source,
                Table: segment.Covers.Table,
                Index: template.Index,
                Operation: template.Operation,
                KeyConditionExpression: keyCondition,
                FilterExpression: filters.Count == 0 ? null : string.Join(" AND ", filters),
                ProjectionExpression: projection,
                ExpressionAttributeNames: _names,
                ExpressionAttributeValues: _values,
                Key: getKey,
                ConsistentRead: consistent,
                PageSize: pageSize,
                PageLimit: pageLimit,
                ReadCeiling: template.ReadCeiling,
                ScanSegments: template.Operation == QueryOperation.Scan ? template.Scan!.TotalSegments : null,
                PageWorstCase: pageWorst,
                RunWorstCase: Math.Min(template.ReadCeiling, pageLimit * pageWorst),
                Attributes: segment.Attributes,
                AuditParameters: audit);
        }

        private void RefuseUnknownParameters()
        {
            foreach (string name in given.Keys.Order(StringComparer.Ordinal))
            {
                if (Declared(name) is null)
                {
                    string known = template.Parameters.Count == 0
                        ? "it takes none"
                        : "its parameters are " + string.Join(", ", template.Parameters.Select(p => p.Name));
                    throw InputError.Field(Field(name), $"is not a parameter of template '{template.Name}' ({known})");
                }
            }
        }

        private KeySchema ReadKeys()
        {
            if (template.Index is not null && segment.Schema.Index(template.Index) is null)
            {
                throw Config("index", $"'{template.Index}' is not declared in the segment's schema.indexes");
            }

            return segment.Schema.KeysOf(template.Index)!;
        }

        /// <summary>The attribute the segment's key prefix applies to, when this read cannot enforce it on a parameter (null: enforced or no prefix).</summary>
        private string? PrefixAttribute()
        {
            if (segment.Covers.KeyPrefix is null)
            {
                return null;
            }

            KeySchema prefixed = segment.Schema.KeysOf(segment.Covers.Index)
                ?? throw Config("index", $"the segment covers the index '{segment.Covers.Index}', which its schema does not declare");
            KeySchema read = segment.Schema.KeysOf(template.Index)!;
            bool enforcedOnParameter = template.Operation != QueryOperation.Scan
                && string.Equals(read.PartitionKey.Name, prefixed.PartitionKey.Name, StringComparison.Ordinal);
            return enforcedOnParameter ? null : prefixed.PartitionKey.Name;
        }

        private void MarkSensitive(KeySchema keys)
        {
            if (template.PartitionKeyParameter is { } pk && segment.Attributes.IsSensitive(keys.PartitionKey.Name))
            {
                _sensitive.Add(pk);
            }

            if (template.SortKey is { } sk && keys.SortKey is { } sortKey && segment.Attributes.IsSensitive(sortKey.Name))
            {
                _sensitive.Add(sk.Parameter);
                if (sk.SecondParameter is { } second)
                {
                    _sensitive.Add(second);
                }
            }

            foreach (FilterCondition filter in template.Filter.Where(f => segment.Attributes.IsSensitive(f.Attribute)))
            {
                foreach (string? parameter in new[] { filter.Parameter, filter.SecondParameter })
                {
                    if (parameter is not null)
                    {
                        _sensitive.Add(parameter);
                    }
                }
            }
        }

        private void BindAll()
        {
            foreach (QueryParameter parameter in template.Parameters)
            {
                _bound[parameter.Name] = Bind(parameter);
            }

            if (template.PartitionKeyParameter is { } pk && segment.Covers.KeyPrefix is { } prefix && PrefixAttribute() is null
                && Value(pk, "partitionKey") is { } value && !value.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw InputError.Field(
                    Field(pk),
                    $"must start with '{prefix}': segment '{segment.Name}' covers only the keys of {segment.Covers} and template '{template.Name}' cannot read outside it"
                    + (_sensitive.Contains(pk) ? string.Empty : $" (got '{value}')"));
            }
        }

        /// <summary>
        /// Values each valid alone that DynamoDB would refuse together or as keys, refused here naming the parameter
        /// (DynamoDB's ValidationException echoes the values, sensitive or not, and blames nobody): a partition key
        /// value over 2,048 bytes, a sort key value over 1,024 bytes, a BETWEEN whose lower bound is above its upper.
        /// </summary>
        private void RefuseValuesDynamoDbRefuses(KeySchema keys)
        {
            if (template.Operation is QueryOperation.Query or QueryOperation.GetItem)
            {
                RefuseOversizedKey(template.PartitionKeyParameter, keys.PartitionKey, "partition", KeyValues.MaxPartitionKeyBytes);
                if (keys.SortKey is { } sortKey && template.SortKey is { } sk)
                {
                    RefuseOversizedKey(sk.Parameter, sortKey, "sort", KeyValues.MaxSortKeyBytes);
                    RefuseOversizedKey(sk.SecondParameter, sortKey, "sort", KeyValues.MaxSortKeyBytes);
                }

                if (template.Operation == QueryOperation.Query && template.SortKey is { Operator: ConditionOperator.Between } between)
                {
                    RefuseReversedBounds(between.Parameter, between.SecondParameter, keys.SortKey?.Name ?? "the sort key");
                }
            }

            if (template.Operation != QueryOperation.GetItem)
            {
                foreach (FilterCondition filter in template.Filter.Where(f => f.Operator == ConditionOperator.Between))
                {
                    RefuseReversedBounds(filter.Parameter, filter.SecondParameter, filter.Attribute);
                }
            }
        }

        private void RefuseOversizedKey(string? parameter, KeyElement key, string kind, int limit)
        {
            if (parameter is null || Declared(parameter) is not { } declared || _bound[parameter] is not { } value)
            {
                return; // an undeclared parameter is the template's fault, reported when the key condition is built
            }

            int bytes = KeyValues.Bytes(declared.Type, value);
            if (bytes > limit)
            {
                throw InputError.Field(
                    Field(parameter),
                    $"is {bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes{(declared.Type == ParameterType.Text ? " (UTF-8)" : string.Empty)}, and DynamoDB allows a {kind} key value ('{key.Name}') of at most {limit.ToString("N0", CultureInfo.InvariantCulture)} bytes: no item can have this key");
            }
        }

        private void RefuseReversedBounds(string? lowName, string? highName, string attribute)
        {
            if (lowName is null || highName is null || Declared(lowName) is not { } low || Declared(highName) is not { } high
                || _bound[lowName] is not { } lowValue || _bound[highName] is not { } highValue)
            {
                return; // a missing bound or parameter is reported when the condition is built
            }

            if (low.Type != high.Type || low.Type == ParameterType.Flag)
            {
                return; // bounds of two types (or booleans) have no order: DynamoDB refuses the template's shape, not these values
            }

            if (KeyValues.Compare(low.Type, lowValue, highValue) > 0)
            {
                string order = low.Type == ParameterType.Number ? "as numbers" : "in UTF-8 byte order, as DynamoDB compares strings";
                string shown = _sensitive.Contains(lowName) || _sensitive.Contains(highName)
                    ? string.Empty
                    : $" ('{highValue}' < '{lowValue}')";
                throw InputError.Field(
                    Field(highName),
                    $"is below '{lowName}' {order}{shown}: the upper bound of '{attribute}' BETWEEN '{lowName}' AND '{highName}' must not be below the lower bound");
            }
        }

        private string? Bind(QueryParameter parameter)
        {
            string? value = given.TryGetValue(parameter.Name, out string? v) ? v : null;
            value ??= parameter.Default;
            string field = Field(parameter.Name);
            if (value is null)
            {
                return parameter.Required
                    ? throw InputError.Field(field, $"is required by template '{template.Name}' ({Describe(parameter)})")
                    : null;
            }

            string shown = _sensitive.Contains(parameter.Name) ? "the value" : $"'{value}'";
            switch (parameter.Type)
            {
                case ParameterType.Number when !IsDynamoDbNumber(value):
                    throw InputError.Field(field, $"must be a number (decimal, up to {MaxNumberDigits} significant digits, e.g. 42 or -1.5e3); {shown} is not");
                case ParameterType.Flag when !bool.TryParse(value, out _):
                    throw InputError.Field(field, $"must be true or false; {shown} is not");
                case ParameterType.Flag:
                    value = bool.Parse(value) ? "true" : "false";
                    break;
                case ParameterType.Text when value.Length == 0:
                    throw InputError.Field(field, "must not be empty (DynamoDB refuses empty key values; leave it out instead)");
                default:
                    break;
            }

            if (parameter.Pattern is { } pattern && !FullMatch(pattern, value, parameter))
            {
                throw InputError.Field(field, $"must match the pattern {pattern}; {shown} does not");
            }

            if (parameter.Allowed.Count > 0 && !parameter.Allowed.Contains(value, StringComparer.Ordinal))
            {
                throw InputError.Field(field, $"must be one of {string.Join(", ", parameter.Allowed)}; {shown} is not");
            }

            return value;
        }

        private bool FullMatch(string pattern, string value, QueryParameter parameter)
        {
            Regex regex;
            try
            {
                regex = new Regex(@"\A(?:" + pattern + @")\z", RegexOptions.CultureInvariant, PatternTimeout);
            }
            catch (ArgumentException e)
            {
                throw Config($"parameters.{parameter.Name}.pattern", $"does not compile: {e.Message}");
            }

            try
            {
                return regex.IsMatch(value);
            }
            catch (RegexMatchTimeoutException)
            {
                throw InputError.Field(Field(parameter.Name), $"could not be checked against the pattern {pattern} within {PatternTimeout.TotalMilliseconds} ms; give a shorter value");
            }
        }

        private static string Describe(QueryParameter parameter) =>
            (parameter.Type switch { ParameterType.Number => "number", ParameterType.Flag => "boolean", _ => "string" })
            + (string.IsNullOrWhiteSpace(parameter.Description) ? string.Empty : ": " + parameter.Description);

        private string KeyCondition(KeySchema keys)
        {
            string pk = template.PartitionKeyParameter ?? throw Config("partitionKey", "is required for a Query: name the parameter bound to the partition key");
            CheckKeyType(pk, keys.PartitionKey, "partitionKey");
            string condition = $"{Name(keys.PartitionKey.Name, key: true)} = {Parameter(pk, "partitionKey", keys.PartitionKey)}";
            if (template.SortKey is not { } sk)
            {
                return condition;
            }

            if (sk.Operator is not (ConditionOperator.Equal or ConditionOperator.LessThan or ConditionOperator.LessThanOrEqual
                or ConditionOperator.GreaterThan or ConditionOperator.GreaterThanOrEqual or ConditionOperator.Between or ConditionOperator.BeginsWith))
            {
                throw Config("sortKey.operator", $"'{sk.Operator}' is not a key condition (=, <, <=, >, >=, BETWEEN, begins_with)");
            }

            KeyElement sortKey = keys.SortKey ?? throw Config("sortKey", $"is set, but the key schema of {(template.Index ?? segment.Covers.Table)} has no sort key");
            CheckKeyType(sk.Parameter, sortKey, "sortKey.parameter");
            if (sk.SecondParameter is { } secondName)
            {
                CheckKeyType(secondName, sortKey, "sortKey.parameters[1]");
            }

            if (Comparison(sk.Operator, sortKey.Name, key: true, sk.Parameter, sk.SecondParameter, "sortKey", sortKey) is not { } sortCondition)
            {
                return condition;
            }

            return condition + " AND " + sortCondition;
        }

        private Dictionary<string, QueryValue> GetItemKey(KeySchema keys)
        {
            if (template.Index is not null)
            {
                throw Config("index", "a GetItem reads the table, not an index");
            }

            string pk = template.PartitionKeyParameter ?? throw Config("partitionKey", "is required for a GetItem: name the parameter bound to the partition key");
            CheckKeyType(pk, keys.PartitionKey, "partitionKey");
            var key = new Dictionary<string, QueryValue>(StringComparer.Ordinal)
            {
                [keys.PartitionKey.Name] = Typed(pk, Value(pk, "partitionKey") ?? throw Missing(pk)),
            };
            if (keys.SortKey is { } sortKey)
            {
                if (template.SortKey is not { Operator: ConditionOperator.Equal } sk)
                {
                    throw Config("sortKey", $"a GetItem on a table with a sort key needs sortKey: {{operator: \"=\", parameter: ...}} bound to '{sortKey.Name}'");
                }

                CheckKeyType(sk.Parameter, sortKey, "sortKey.parameter");
                key[sortKey.Name] = Typed(sk.Parameter, Value(sk.Parameter, "sortKey.parameter") ?? throw Missing(sk.Parameter));
            }
            else if (template.SortKey is not null)
            {
                throw Config("sortKey", $"is set, but the table {segment.Covers.Table} has no sort key");
            }

            return key;
        }

        private AutomationException Missing(string parameter) =>
            InputError.Field(Field(parameter), $"is required by template '{template.Name}' (it is bound to the key)");

        private string? Filter(FilterCondition filter, int index)
        {
            string at = $"filter[{index}]";
            if (filter.Operator is ConditionOperator.AttributeExists or ConditionOperator.AttributeNotExists)
            {
                string function = filter.Operator == ConditionOperator.AttributeExists ? "attribute_exists" : "attribute_not_exists";
                return $"{function}({Name(filter.Attribute, key: false)})";
            }

            string parameter = filter.Parameter ?? throw Config(at + ".parameter", $"is required with the operator {filter.Operator}");
            return Comparison(filter.Operator, filter.Attribute, key: false, parameter, filter.SecondParameter, at, keyElement: null);
        }

        /// <summary>The condition, or null when its (optional) parameters were left out.</summary>
        private string? Comparison(ConditionOperator op, string attribute, bool key, string parameter, string? second, string at, KeyElement? keyElement)
        {
            string? value = Value(parameter, at + ".parameter");
            if (op == ConditionOperator.Between)
            {
                string secondName = second ?? throw Config(at + ".parameters", "BETWEEN needs two parameters");
                string? secondValue = Value(secondName, at + ".parameters[1]");
                if (value is null && secondValue is null)
                {
                    return null;
                }

                if (value is null || secondValue is null)
                {
                    string missing = value is null ? parameter : secondName;
                    string other = value is null ? secondName : parameter;
                    throw InputError.Field(Field(missing), $"is required when '{other}' is given (BETWEEN needs both bounds)");
                }

                return $"{Name(attribute, key)} BETWEEN {Parameter(parameter, at, keyElement)} AND {Parameter(secondName, at, keyElement)}";
            }

            if (value is null)
            {
                return null;
            }

            string name = Name(attribute, key);
            string v = Parameter(parameter, at, keyElement);
            return op switch
            {
                ConditionOperator.Equal => $"{name} = {v}",
                ConditionOperator.NotEqual => $"{name} <> {v}",
                ConditionOperator.LessThan => $"{name} < {v}",
                ConditionOperator.LessThanOrEqual => $"{name} <= {v}",
                ConditionOperator.GreaterThan => $"{name} > {v}",
                ConditionOperator.GreaterThanOrEqual => $"{name} >= {v}",
                ConditionOperator.BeginsWith => $"begins_with({name}, {v})",
                ConditionOperator.Contains => $"contains({name}, {v})",
                _ => throw Config(at + ".operator", $"'{op}' takes no parameter"),
            };
        }

        private string? Projection(KeySchema read)
        {
            if (template.Projection.Count == 0)
            {
                return null;
            }

            HashSet<string> keyNames = [.. segment.Schema.Keys.Attributes.Concat(read.Attributes).Select(k => k.Name)];
            IEnumerable<string> attributes = template.Projection.Concat(keyNames).Distinct(StringComparer.Ordinal);
            return string.Join(", ", attributes.Select(a => Name(a, key: keyNames.Contains(a))));
        }

        private void CheckKeyType(string parameter, KeyElement key, string at)
        {
            QueryParameter declared = Declared(parameter) ?? throw Config(at, $"names '{parameter}', which is not a declared parameter");
            ParameterType expected = key.Type switch
            {
                KeyAttributeType.S => ParameterType.Text,
                KeyAttributeType.N => ParameterType.Number,
                _ => throw Config(at, $"binds '{parameter}' to the binary key '{key.Name}'; templates cannot bind binary keys"),
            };
            if (declared.Type != expected)
            {
                throw Config(at, $"binds the {declared.Type} parameter '{parameter}' to the key '{key.Name}' of type {key.Type}");
            }
        }

        private QueryParameter? Declared(string name) =>
            template.Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

        /// <summary>The bound value of a parameter the template references (null when it was left out).</summary>
        private string? Value(string parameter, string at) =>
            Declared(parameter) is null
                ? throw Config(at, $"names '{parameter}', which is not a declared parameter")
                : _bound[parameter];

        private QueryValue Typed(string parameter, string value) =>
            new(Declared(parameter)!.Type, value, _sensitive.Contains(parameter));

        private string Parameter(string parameter, string at, KeyElement? keyElement)
        {
            if (_placeholderOfParameter.TryGetValue(parameter, out string? existing))
            {
                return existing;
            }

            string value = Value(parameter, at) ?? throw Missing(parameter);
            if (keyElement is { Type: KeyAttributeType.N } && Declared(parameter)!.Type != ParameterType.Number)
            {
                throw Config(at, $"binds '{parameter}' to the number key '{keyElement.Name}'");
            }

            string placeholder = ":v" + _values.Count.ToString(CultureInfo.InvariantCulture);
            _values[placeholder] = Typed(parameter, value);
            _placeholderOfParameter[parameter] = placeholder;
            return placeholder;
        }

        private string Constant(string text)
        {
            string placeholder = ":v" + _values.Count.ToString(CultureInfo.InvariantCulture);
            _values[placeholder] = new QueryValue(ParameterType.Text, text);
            return placeholder;
        }

        private string Name(string attribute, bool key)
        {
            if (_placeholderOfName.TryGetValue(attribute, out string? existing))
            {
                return existing;
            }

            string placeholder = key
                ? "#k" + (_keyNames++).ToString(CultureInfo.InvariantCulture)
                : "#a" + (_otherNames++).ToString(CultureInfo.InvariantCulture);
            _names[placeholder] = attribute;
            _placeholderOfName[attribute] = placeholder;
            return placeholder;
        }

        private static string Field(string parameter) => "$.parameters." + parameter;

        private AutomationException Config(string field, string problem)
        {
            int index = -1;
            for (int i = 0; i < segment.Queries.Count; i++)
            {
                if (ReferenceEquals(segment.Queries[i], template) || string.Equals(segment.Queries[i].Name, template.Name, StringComparison.Ordinal))
                {
                    index = i;
                    break;
                }
            }

            string path = index >= 0 ? $"queries[{index.ToString(CultureInfo.InvariantCulture)}].{field}" : $"queries[{template.Name}].{field}";
            return new AutomationException(
                ErrorTypes.InvalidRunbookConfig,
                $"{segment.Source}: {path}: template '{template.Name}' {problem}.")
            { Field = path };
        }
    }
}
