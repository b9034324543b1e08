using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Automation.LocalCloud.Aws;

namespace Automation.LocalCloud.Deployment;

/// <summary>
/// Evaluates CloudFormation intrinsic functions against the local stack: Ref, Fn::GetAtt, Fn::Sub,
/// Fn::Join, Fn::Select, Fn::Split, Fn::If (+ Conditions: Fn::Equals/And/Or/Not, Condition),
/// Fn::FindInMap, Fn::Base64, Fn::GetAZs, Fn::ToJsonString, Fn::Length, and the pseudo parameters.
/// Anything else fails loudly rather than deploying something the template did not say.
/// </summary>
public sealed partial class IntrinsicResolver(
    string stackName,
    IReadOnlyDictionary<string, JsonNode?> parameters,
    JsonObject template,
    Func<string, DeployedResource?> resources)
{
    private readonly Dictionary<string, bool> _conditions = new(StringComparer.Ordinal);

    /// <summary>What <c>Ref: AWS::NoValue</c> resolves to; removed from the enclosing object or list.</summary>
    private static readonly JsonValue NoValue = JsonValue.Create("\u0000AWS::NoValue\u0000");

    public JsonNode? Resolve(JsonNode? node)
    {
        var resolved = ResolveNode(node);
        return IsNoValue(resolved) ? null : resolved;
    }

    /// <summary>Resolves a value that must end up a string (names, ARNs, substitutions).</summary>
    public string ResolveString(JsonNode? node, string what) =>
        Resolve(node) switch
        {
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            JsonValue value => value.ToJsonString(),
            var other => throw new InvalidOperationException($"{what} must resolve to a string, not {other?.ToJsonString() ?? "null"}."),
        };

    public bool Condition(string name)
    {
        if (_conditions.TryGetValue(name, out var known))
        {
            return known;
        }

        var expression = template["Conditions"]?[name] ?? throw new InvalidOperationException($"Condition '{name}' is not declared.");
        var value = Truthy(ResolveNode(expression.DeepClone()), $"Condition {name}");
        _conditions[name] = value;
        return value;
    }

    private JsonNode? ResolveNode(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count == 1 && IsIntrinsic(obj.First().Key):
                var (function, argument) = obj.First();
                return Evaluate(function, argument);
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    var resolved = ResolveNode(value);
                    if (!IsNoValue(resolved))
                    {
                        result[key] = resolved?.DeepClone();
                    }
                }

                return result;
            case JsonArray array:
                return new JsonArray([.. array.Select(ResolveNode).Where(v => !IsNoValue(v)).Select(v => v?.DeepClone())]);
            default:
                return node?.DeepClone();
        }
    }

    private static bool IsIntrinsic(string key) => key == "Ref" || key == "Condition" || key.StartsWith("Fn::", StringComparison.Ordinal);

    private static bool IsNoValue(JsonNode? node) => ReferenceEquals(node, NoValue);

    private JsonNode? Evaluate(string function, JsonNode? argument)
    {
        switch (function)
        {
            case "Ref":
                return Ref(argument!.GetValue<string>());
            case "Fn::GetAtt":
                var (logicalId, attribute) = GetAttTarget(argument);
                return JsonValue.Create(Resource(logicalId).Attribute(attribute));
            case "Fn::Sub":
                return JsonValue.Create(Sub(argument));
            case "Fn::Join":
                var join = (JsonArray)argument!;
                var parts = ResolveNode(join[1]) as JsonArray ?? throw new InvalidOperationException("Fn::Join needs a list.");
                return JsonValue.Create(string.Join(join[0]!.GetValue<string>(), parts.Select(p => Text(p))));
            case "Fn::Select":
                var select = (JsonArray)argument!;
                var index = int.Parse(Text(ResolveNode(select[0])), CultureInfo.InvariantCulture);
                var list = ResolveNode(select[1]) as JsonArray ?? throw new InvalidOperationException("Fn::Select needs a list.");
                return list[index]?.DeepClone();
            case "Fn::Split":
                var split = (JsonArray)argument!;
                return new JsonArray([.. Text(ResolveNode(split[1])).Split(split[0]!.GetValue<string>()).Select(s => (JsonNode?)s)]);
            case "Fn::If":
                var branches = (JsonArray)argument!;
                return ResolveNode(Condition(branches[0]!.GetValue<string>()) ? branches[1] : branches[2]);
            case "Fn::Equals":
                var pair = (JsonArray)argument!;
                return JsonValue.Create(Text(ResolveNode(pair[0])) == Text(ResolveNode(pair[1])));
            case "Fn::Not":
                return JsonValue.Create(!Truthy(ResolveNode(((JsonArray)argument!)[0]), "Fn::Not"));
            case "Fn::And":
                return JsonValue.Create(((JsonArray)argument!).All(c => Truthy(ResolveNode(c), "Fn::And")));
            case "Fn::Or":
                return JsonValue.Create(((JsonArray)argument!).Any(c => Truthy(ResolveNode(c), "Fn::Or")));
            case "Condition":
                return JsonValue.Create(Condition(argument!.GetValue<string>()));
            case "Fn::FindInMap":
                var keys = ((JsonArray)argument!).Select(k => Text(ResolveNode(k))).ToArray();
                return template["Mappings"]?[keys[0]]?[keys[1]]?[keys[2]]?.DeepClone()
                       ?? throw new InvalidOperationException($"Fn::FindInMap: no {string.Join("/", keys)} in Mappings.");
            case "Fn::Base64":
                return JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(ResolveNode(argument)))));
            case "Fn::GetAZs":
                return new JsonArray([.. "abc".Select(z => (JsonNode?)$"{LocalAccount.Region}{z}")]);
            case "Fn::ToJsonString":
                return JsonValue.Create(ResolveNode(argument)?.ToJsonString() ?? "null");
            case "Fn::Length":
                return JsonValue.Create((ResolveNode(argument) as JsonArray)?.Count ?? 0);
            default:
                throw new NotSupportedException($"{function} is not supported by the local cloud's template resolver.");
        }
    }

    private JsonNode? Ref(string name)
    {
        switch (name)
        {
            case "AWS::Region":
                return JsonValue.Create(LocalAccount.Region);
            case "AWS::AccountId":
                return JsonValue.Create(LocalAccount.AccountId);
            case "AWS::Partition":
                return JsonValue.Create(LocalAccount.Partition);
            case "AWS::URLSuffix":
                return JsonValue.Create("amazonaws.com");
            case "AWS::StackName":
                return JsonValue.Create(stackName);
            case "AWS::StackId":
                return JsonValue.Create(LocalAccount.Arn("cloudformation", $"stack/{stackName}/00000000-0000-0000-0000-000000000000"));
            case "AWS::NotificationARNs":
                return new JsonArray();
            case "AWS::NoValue":
                return NoValue;
            default:
                break;
        }

        if (parameters.TryGetValue(name, out var parameter))
        {
            return parameter?.DeepClone();
        }

        return JsonValue.Create(Resource(name).PhysicalId);
    }

    private DeployedResource Resource(string logicalId) =>
        resources(logicalId) ?? throw new InvalidOperationException(
            $"'{logicalId}' is neither a parameter nor a resource created before this one (missing DependsOn, or a typo).");

    private static (string LogicalId, string Attribute) GetAttTarget(JsonNode? argument) =>
        argument switch
        {
            JsonArray array => (array[0]!.GetValue<string>(), array[1]!.GetValue<string>()),
            JsonValue text when text.GetValue<string>().Split('.', 2) is [var id, var attribute] => (id, attribute),
            _ => throw new InvalidOperationException($"Malformed Fn::GetAtt: {argument?.ToJsonString()}"),
        };

    [GeneratedRegex(@"\$\{(?<name>[^}!][^}]*)\}")]
    private static partial Regex SubVariable();

    private string Sub(JsonNode? argument)
    {
        string text;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (argument is JsonArray array)
        {
            text = array[0]!.GetValue<string>();
            foreach (var (name, value) in array[1] as JsonObject ?? [])
            {
                variables[name] = Text(ResolveNode(value));
            }
        }
        else
        {
            text = argument!.GetValue<string>();
        }

        var substituted = SubVariable().Replace(text, match =>
        {
            var name = match.Groups["name"].Value;
            if (variables.TryGetValue(name, out var value))
            {
                return value;
            }

            return name.Contains('.', StringComparison.Ordinal) && !name.StartsWith("AWS::", StringComparison.Ordinal)
                ? Resource(name[..name.IndexOf('.', StringComparison.Ordinal)]).Attribute(name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..])
                : Text(Ref(name));
        });
        return substituted.Replace("${!", "${", StringComparison.Ordinal);
    }

    private static string Text(JsonNode? node) =>
        node switch
        {
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            JsonValue value => value.ToJsonString(),
            JsonArray array => string.Join(",", array.Select(Text)),
            null => string.Empty,
            _ => node.ToJsonString(),
        };

    private static bool Truthy(JsonNode? node, string what) =>
        node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? value.GetValue<bool>()
            : node is JsonValue text && bool.TryParse(text.ToString(), out var parsed)
                ? parsed
                : throw new InvalidOperationException($"{what} must be a boolean, not {node?.ToJsonString()}.");

    /// <summary>The logical ids a template fragment refers to (Ref, GetAtt, Sub variables), for ordering.</summary>
    public static IEnumerable<string> References(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count == 1 && obj.First().Key == "Ref":
                yield return obj.First().Value!.GetValue<string>();
                break;
            case JsonObject obj when obj.Count == 1 && obj.First().Key == "Fn::GetAtt":
                yield return GetAttTarget(obj.First().Value).LogicalId;
                break;
            case JsonObject obj when obj.Count == 1 && obj.First().Key == "Fn::Sub":
                var argument = obj.First().Value;
                var text = argument is JsonArray a ? a[0]!.GetValue<string>() : argument!.GetValue<string>();
                var local = argument is JsonArray b && b[1] is JsonObject vars ? vars.Select(v => v.Key).ToHashSet() : [];
                foreach (Match match in SubVariable().Matches(text))
                {
                    var name = match.Groups["name"].Value.Split('.')[0];
                    if (!local.Contains(name))
                    {
                        yield return name;
                    }
                }

                if (argument is JsonArray withVars)
                {
                    foreach (var reference in References(withVars[1]))
                    {
                        yield return reference;
                    }
                }

                break;
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    foreach (var reference in References(value))
                    {
                        yield return reference;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var reference in References(item))
                    {
                        yield return reference;
                    }
                }

                break;
            default:
                break;
        }
    }
}
