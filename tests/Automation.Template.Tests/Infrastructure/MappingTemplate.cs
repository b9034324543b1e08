using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Automation.Template.Tests.Infrastructure;

/// <summary>
/// The smallest evaluator of API Gateway mapping templates (Velocity) for exactly the constructs the access API's
/// templates use: text, references (<c>$name.prop.method(args)</c>), <c>#set</c>, <c>#if</c>/<c>#elseif</c>/
/// <c>#else</c>/<c>#end</c> with <c>==</c> and <c>||</c>; <c>$input.params/json/path</c>, <c>$context</c>,
/// <c>$util.escapeJavaScript</c> (Apache Commons Lang 2 <c>StringEscapeUtils.escapeJavaScript</c>, which API Gateway
/// uses: <c>'</c> becomes <c>\'</c>), <c>$util.parseJson</c>, and <c>String.replaceAll</c> (a Java regex). Velocity
/// string literals are taken as written (no backslash escapes), as Velocity does. Anything else throws, so a template
/// using a construct this does not model fails loudly instead of rendering wrong. A null reference throws too (Velocity
/// would render the reference's text).
/// </summary>
internal sealed class MappingTemplate
{
    private readonly string _text;
    private int _pos;

    private MappingTemplate(string text) => _text = text;

    /// <summary>Renders <paramref name="template"/> for a request: path parameters, the JSON body, and the context
    /// (<c>identity</c>, <c>responseOverride</c>); the context is changed by <c>#set($context...)</c>.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> pathParameters, JsonNode? body, JsonObject context)
    {
        var parser = new MappingTemplate(template);
        var nodes = parser.ParseBlock(out string? end);
        if (end is not null)
        {
            throw new FormatException($"#{end} without #if");
        }

        var scope = new Scope(pathParameters, body, context);
        var output = new StringBuilder();
        foreach (var node in nodes)
        {
            node.Render(scope, output);
        }

        return output.ToString();
    }

    // ---- parsing ----

    private List<Node> ParseBlock(out string? end)
    {
        var nodes = new List<Node>();
        var text = new StringBuilder();
        void Flush()
        {
            if (text.Length > 0)
            {
                nodes.Add(new TextNode(text.ToString()));
                text.Clear();
            }
        }

        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == '#' && Directive() is { } directive)
            {
                Flush();
                switch (directive)
                {
                    case "set":
                        Expect('(');
                        var target = ParseReference();
                        SkipSpaces();
                        Expect('=');
                        var value = ParseExpression();
                        Expect(')');
                        nodes.Add(new SetNode(target, value));
                        break;
                    case "if":
                        nodes.Add(ParseIf());
                        break;
                    default:
                        end = directive;
                        return nodes;
                }

                continue;
            }

            if (c == '$' && _pos + 1 < _text.Length && char.IsAsciiLetter(_text[_pos + 1]))
            {
                Flush();
                nodes.Add(new ReferenceNode(ParseReference()));
                continue;
            }

            text.Append(c);
            _pos++;
        }

        Flush();
        end = null;
        return nodes;
    }

    private IfNode ParseIf()
    {
        var branches = new List<(Expression? Condition, List<Node> Body)>();
        Expression? condition = ParseCondition();
        while (true)
        {
            var body = ParseBlock(out string? end);
            branches.Add((condition, body));
            switch (end)
            {
                case "elseif":
                    condition = ParseCondition();
                    break;
                case "else":
                    condition = null;
                    break;
                case "end":
                    return new IfNode(branches);
                default:
                    throw new FormatException("#if without #end");
            }
        }
    }

    private Expression ParseCondition()
    {
        Expect('(');
        var condition = ParseExpression();
        Expect(')');
        return condition;
    }

    private static readonly string[] Directives = ["elseif", "else", "end", "set", "if"];

    private string? Directive()
    {
        foreach (string name in Directives)
        {
            if (string.CompareOrdinal(_text, _pos + 1, name, 0, name.Length) == 0
                && (_pos + 1 + name.Length >= _text.Length || !char.IsAsciiLetter(_text[_pos + 1 + name.Length])))
            {
                _pos += 1 + name.Length;
                return name;
            }
        }

        return null;
    }

    private Expression ParseExpression()
    {
        var left = ParseComparison();
        while (TryConsume("||"))
        {
            left = new OrExpression(left, ParseComparison());
        }

        return left;
    }

    private Expression ParseComparison()
    {
        var left = ParsePrimary();
        return TryConsume("==") ? new EqualsExpression(left, ParsePrimary()) : left;
    }

    private Expression ParsePrimary()
    {
        SkipSpaces();
        char c = _text[_pos];
        if (c == '$')
        {
            var reference = ParseReference();
            SkipSpaces();
            return reference;
        }

        if (c is '"' or '\'')
        {
            int close = _text.IndexOf(c, _pos + 1);
            var literal = new LiteralExpression(_text[(_pos + 1)..close]);
            _pos = close + 1;
            SkipSpaces();
            return literal;
        }

        if (char.IsAsciiDigit(c))
        {
            int start = _pos;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                _pos++;
            }

            var number = new NumberExpression(int.Parse(_text[start.._pos], CultureInfo.InvariantCulture));
            SkipSpaces();
            return number;
        }

        throw new FormatException($"Unsupported expression at {_pos}: {_text[_pos..Math.Min(_text.Length, _pos + 20)]}");
    }

    private ReferenceExpression ParseReference()
    {
        SkipSpaces();
        Expect('$');
        string root = Identifier();
        var members = new List<(string Name, List<Expression>? Arguments)>();
        while (_pos + 1 < _text.Length && _text[_pos] == '.' && char.IsAsciiLetter(_text[_pos + 1]))
        {
            _pos++;
            string name = Identifier();
            List<Expression>? arguments = null;
            if (_pos < _text.Length && _text[_pos] == '(')
            {
                _pos++;
                arguments = [];
                SkipSpaces();
                while (_text[_pos] != ')')
                {
                    arguments.Add(ParseExpression());
                    TryConsume(",");
                }

                _pos++;
            }

            members.Add((name, arguments));
        }

        return new ReferenceExpression(root, members);
    }

    private string Identifier()
    {
        int start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }

        return start == _pos ? throw new FormatException($"Identifier expected at {start}") : _text[start.._pos];
    }

    private bool TryConsume(string token)
    {
        SkipSpaces();
        if (string.CompareOrdinal(_text, _pos, token, 0, token.Length) != 0)
        {
            return false;
        }

        _pos += token.Length;
        SkipSpaces();
        return true;
    }

    private void Expect(char c)
    {
        SkipSpaces();
        if (_pos >= _text.Length || _text[_pos] != c)
        {
            throw new FormatException($"'{c}' expected at {_pos}");
        }

        _pos++;
    }

    private void SkipSpaces()
    {
        while (_pos < _text.Length && _text[_pos] == ' ')
        {
            _pos++;
        }
    }

    // ---- evaluation ----

    private sealed class Scope(IReadOnlyDictionary<string, string> pathParameters, JsonNode? body, JsonObject context)
    {
        public Dictionary<string, object?> Variables { get; } = new(StringComparer.Ordinal) { ["context"] = context };

        public IReadOnlyDictionary<string, string> PathParameters => pathParameters;

        public JsonNode? Body => body;
    }

    private abstract record Node
    {
        public abstract void Render(Scope scope, StringBuilder output);
    }

    private sealed record TextNode(string Text) : Node
    {
        public override void Render(Scope scope, StringBuilder output) => output.Append(Text);
    }

    private sealed record ReferenceNode(ReferenceExpression Reference) : Node
    {
        public override void Render(Scope scope, StringBuilder output) => output.Append(Display(Reference.Evaluate(scope)));
    }

    private sealed record SetNode(ReferenceExpression Target, Expression Value) : Node
    {
        public override void Render(Scope scope, StringBuilder output)
        {
            object? value = Value.Evaluate(scope) ?? throw new InvalidOperationException($"#set of ${Target.Root}: the value is null");
            if (Target.Members.Count == 0)
            {
                scope.Variables[Target.Root] = value;
                return;
            }

            var owner = new ReferenceExpression(Target.Root, Target.Members.Take(Target.Members.Count - 1).ToList()).Evaluate(scope) as JsonObject
                ?? throw new InvalidOperationException($"#set: ${Target.Root} is not an object");
            owner[Target.Members[^1].Name] = value switch
            {
                JsonNode node => node.DeepClone(),
                string s => JsonValue.Create(s),
                int n => JsonValue.Create(n),
                _ => throw new InvalidOperationException($"#set of {value.GetType()}"),
            };
        }
    }

    private sealed record IfNode(List<(Expression? Condition, List<Node> Body)> Branches) : Node
    {
        public override void Render(Scope scope, StringBuilder output)
        {
            foreach (var (condition, body) in Branches)
            {
                if (condition is null || condition.Evaluate(scope) is true)
                {
                    body.ForEach(n => n.Render(scope, output));
                    return;
                }
            }
        }
    }

    private abstract record Expression
    {
        public abstract object? Evaluate(Scope scope);
    }

    private sealed record LiteralExpression(string Value) : Expression
    {
        public override object? Evaluate(Scope scope) => Value;
    }

    private sealed record NumberExpression(int Value) : Expression
    {
        public override object? Evaluate(Scope scope) => Value;
    }

    private sealed record OrExpression(Expression Left, Expression Right) : Expression
    {
        public override object? Evaluate(Scope scope) => Left.Evaluate(scope) is true || Right.Evaluate(scope) is true;
    }

    private sealed record EqualsExpression(Expression Left, Expression Right) : Expression
    {
        public override object? Evaluate(Scope scope) => string.Equals(Display(Left.Evaluate(scope)), Display(Right.Evaluate(scope)), StringComparison.Ordinal);
    }

    private sealed record ReferenceExpression(string Root, List<(string Name, List<Expression>? Arguments)> Members) : Expression
    {
        public override object? Evaluate(Scope scope)
        {
            int i = 0;
            object? value;
            switch (Root)
            {
                case "util":
                    value = Util(Members[0], scope);
                    i = 1;
                    break;
                case "input":
                    value = Input(Members[0], scope);
                    i = 1;
                    break;
                default:
                    value = scope.Variables.TryGetValue(Root, out var v) ? v : throw new InvalidOperationException($"${Root} is not set");
                    break;
            }

            for (; i < Members.Count; i++)
            {
                var (name, arguments) = Members[i];
                value = (value, arguments) switch
                {
                    (string s, [var pattern, var replacement]) when name == "replaceAll" =>
                        Regex.Replace(s, Text(pattern.Evaluate(scope)), Text(replacement.Evaluate(scope))),
                    (JsonObject o, null) => o[name],
                    _ => throw new InvalidOperationException($"Unsupported member .{name} on {value?.GetType().Name ?? "null"}"),
                };
            }

            return value switch
            {
                JsonValue json when json.TryGetValue<string>(out var s) => s,
                _ => value,
            };
        }

        private static object? Util((string Name, List<Expression>? Arguments) member, Scope scope) => member switch
        {
            ("escapeJavaScript", [var argument]) => (object)EscapeJavaScript(Text(argument.Evaluate(scope))),
            ("parseJson", [var argument]) => JsonNode.Parse(Text(argument.Evaluate(scope))),
            _ => throw new InvalidOperationException($"Unsupported $util.{member.Name}"),
        };

        private static object? Input((string Name, List<Expression>? Arguments) member, Scope scope) => member switch
        {
            ("params", [var argument]) => (object)(scope.PathParameters.TryGetValue(Text(argument.Evaluate(scope)), out var p) ? p : string.Empty),
            ("json", [var argument]) when Text(argument.Evaluate(scope)) == "$" => (object)(scope.Body?.ToJsonString(RawJson) ?? "{}"),
            ("path", [var argument]) when Text(argument.Evaluate(scope)) == "$" => scope.Body?.DeepClone(),
            _ => throw new InvalidOperationException($"Unsupported $input.{member.Name}"),
        };
    }

    // $input.json gives the body's JSON as sent: an apostrophe or a non-ASCII character stays as it is.
    private static readonly System.Text.Json.JsonSerializerOptions RawJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Text(object? value) => value as string ?? throw new InvalidOperationException($"A string was expected, got {value?.GetType().Name ?? "null"}");

    private static string Display(object? value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        JsonNode node => node.ToJsonString(),
        null => throw new InvalidOperationException("A null reference would render as its own text"),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    /// <summary>Apache Commons Lang 2.x <c>StringEscapeUtils.escapeJavaScript</c>.</summary>
    public static string EscapeJavaScript(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var output = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            switch (c)
            {
                case > '\x7f':
                    output.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
                case '\b': output.Append("\\b"); break;
                case '\n': output.Append("\\n"); break;
                case '\t': output.Append("\\t"); break;
                case '\f': output.Append("\\f"); break;
                case '\r': output.Append("\\r"); break;
                case < ' ':
                    output.Append(c > '\xf' ? "\\u00" : "\\u000").Append(((int)c).ToString("X", CultureInfo.InvariantCulture));
                    break;
                case '\'': output.Append("\\'"); break;
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '/': output.Append("\\/"); break;
                default: output.Append(c); break;
            }
        }

        return output.ToString();
    }
}
