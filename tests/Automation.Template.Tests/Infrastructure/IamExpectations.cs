using System.Text.Json.Nodes;

namespace Automation.Template.Tests.Infrastructure;

/// <summary>iam-expectations.yaml: per role logical id of the translated template, requests its
/// policies must allow and requests they must deny.</summary>
public sealed record IamExpectations(IReadOnlyDictionary<string, RoleExpectations> Roles)
{
    public static IamExpectations Load() => YamlData.Load<IamExpectations>(Repository.TestData("iam-expectations.yaml"));
}

/// <summary>What one role may and may not do.</summary>
public sealed record RoleExpectations(string? Purpose, IReadOnlyList<IamRequest>? Allowed, IReadOnlyList<IamRequest>? Denied);

/// <summary>One request. Resource and context values may use <c>${Name}</c> / <c>${Name.Attr}</c> /
/// <c>${AWS::Region}</c> as Fn::Sub does; they resolve to the same fake values as the template.
/// A denied request's action may be <c>service:*</c>: every action of the service must be denied.
/// A resource of <c>*</c> means "any resource".</summary>
public sealed record IamRequest(string Action, string Resource, IReadOnlyDictionary<string, JsonNode>? Context, string? Why)
{
    public override string ToString() =>
        $"{Action} on {Resource}" + (Context is { Count: > 0 } ? $" with {new JsonObject(Context.Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone()))).ToJsonString()}" : "");
}
