using System.Text.Json.Nodes;

namespace Automation.Template.Tests.Infrastructure;

/// <summary>One IAM policy statement of the translated template, with where it is defined.</summary>
public sealed record PolicyStatement(string Location, JsonObject Statement)
{
    // The template's "Resources" section (not this statement's Resource list).
    private const string TemplateResourcesKey = "Resources";

    public string Effect => Statement[nameof(Effect)]?.ToString() ?? "";

    public string? Sid => Statement[nameof(Sid)]?.ToString();

    public IReadOnlyList<string> Actions => Strings("Action");

    public IReadOnlyList<string> Resources => Strings("Resource");

    public bool Has(string key) => Statement.ContainsKey(key);

    /// <summary>Every statement of every identity policy in a CloudFormation template: role inline
    /// policies, AWS::IAM::Policy and AWS::IAM::ManagedPolicy.</summary>
    public static IEnumerable<PolicyStatement> In(JsonObject template)
    {
        foreach ((string id, JsonNode? resource) in template[TemplateResourcesKey]?.AsObject() ?? [])
        {
            string type = resource?["Type"]?.ToString() ?? "";
            JsonObject properties = resource?["Properties"]?.AsObject() ?? [];
            IEnumerable<(string, JsonNode?)> documents = type switch
            {
                "AWS::IAM::Role" => (properties["Policies"]?.AsArray() ?? []).Select(p =>
                    ($"{id}.Policies[{p?["PolicyName"]?.ToJsonString()}]", p?["PolicyDocument"])),
                "AWS::IAM::Policy" or "AWS::IAM::ManagedPolicy" => [(id, properties["PolicyDocument"])],
                _ => [],
            };
            foreach ((string location, JsonNode? document) in documents)
            {
                JsonNode? statements = document?[nameof(Statement)];
                JsonArray list = statements as JsonArray ?? (statements is null ? [] : [statements.DeepClone()]);
                for (int i = 0; i < list.Count; i++)
                {
                    yield return new PolicyStatement($"{location}.Statement[{i}]", list[i]!.AsObject());
                }
            }
        }
    }

    // Intrinsics (e.g. a Fn::Sub ARN) count as their JSON text: never "*".
    private string[] Strings(string key) => Statement[key] switch
    {
        null => [],
        JsonArray array => array.Select(a => a is JsonValue ? a.ToString() : a!.ToJsonString()).ToArray(),
        JsonValue value => [value.ToString()],
        JsonNode other => [other.ToJsonString()],
    };
}
