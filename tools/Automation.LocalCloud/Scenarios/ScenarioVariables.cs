using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Automation.LocalCloud.Aws;
using Automation.LocalCloud.Deployment;

namespace Automation.LocalCloud.Scenarios;

/// <summary>
/// <c>${...}</c> references in scenario strings, so scenarios name stack resources without knowing
/// their local names: <c>${Stack.LogicalId}</c> (what Ref gives), <c>${Stack.LogicalId.Attribute}</c>
/// (what GetAtt gives), <c>${Stack.Outputs.Name}</c>, <c>${Run.Id}</c> (unique per play),
/// <c>${Execution.Name}</c>, <c>${Execution.Arn}</c>, <c>${Access.RequestId}</c>, <c>${Region}</c>, <c>${AccountId}</c>.
/// </summary>
public sealed partial class ScenarioVariables(StackDeployment stack, string runId)
{
    public string? ExecutionName { get; set; }
    public string? ExecutionArn { get; set; }

    /// <summary>The request id the access API answered the trigger with (<c>${Access.RequestId}</c>).</summary>
    public string? RequestId { get; set; }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z][A-Za-z0-9_.:-]*)\}")]
    private static partial Regex Reference();

    /// <summary>A copy of <paramref name="node"/> with every reference replaced. A string that is only
    /// one reference keeps the referenced value's text. Execution references stay as written until
    /// the execution exists.</summary>
    public JsonNode? Expand(JsonNode? node) =>
        node switch
        {
            JsonObject obj => new JsonObject(obj.Select(kv => KeyValuePair.Create(kv.Key, Expand(kv.Value)))),
            JsonArray array => new JsonArray([.. array.Select(Expand)]),
            JsonValue value when value.GetValueKind() == JsonValueKind.String => JsonValue.Create(ExpandText(value.GetValue<string>())),
            _ => node?.DeepClone(),
        };

    private string ExpandText(string text) =>
        Reference().Replace(text, match => Lookup(match.Groups["name"].Value) ?? match.Value);

    private string? Lookup(string name)
    {
        var parts = name.Split('.');
        switch (parts)
        {
            case ["Region"]:
                return LocalAccount.Region;
            case ["AccountId"]:
                return LocalAccount.AccountId;
            case ["Run", "Id"]:
                return runId;
            case ["Execution", "Name"]:
                return ExecutionName;
            case ["Execution", "Arn"]:
                return ExecutionArn;
            case ["Access", "RequestId"]:
                return RequestId;
            case ["Stack", "Name"]:
                return stack.Name;
            case ["Stack", "Outputs", var output]:
                return stack.Outputs.TryGetValue(output, out var value)
                    ? value
                    : throw new ArgumentException($"${{{name}}}: the stack has no output '{output}'.");
            case ["Stack", var logicalId]:
                return stack.Resource(logicalId).PhysicalId;
            case ["Stack", var logicalId, var attribute]:
                return stack.Resource(logicalId).Attribute(attribute);
            default:
                throw new ArgumentException($"Unknown scenario reference ${{{name}}} (see scenarios/README.md).");
        }
    }
}
