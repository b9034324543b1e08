using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Automation.LocalCloud.Aws;

namespace Automation.LocalCloud.Deployment.Resources;

/// <summary>AWS::StepFunctions::StateMachine → CreateStateMachine with the definition's
/// DefinitionSubstitutions replaced by local ARNs. A placeholder left without a value fails the deploy.</summary>
public sealed partial class StateMachineCreator : IResourceCreator
{
    public string ResourceType => "AWS::StepFunctions::StateMachine";

    [GeneratedRegex(@"\$\{(?<name>[^}]*)\}")]
    private static partial Regex Placeholder();

    public async Task<DeployedResource> CreateAsync(string logicalId, JsonObject properties, StackContext stack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(stack);
        var name = properties["StateMachineName"]?.GetValue<string>() ?? stack.PhysicalName(logicalId, 80);
        var definition = properties["Definition"] is JsonObject inline
            ? inline.ToJsonString()
            : properties["DefinitionString"]?.GetValue<string>()
              ?? throw new InvalidOperationException($"{logicalId}: no Definition or DefinitionString (DefinitionS3Location is not supported locally).");
        var substitutions = (properties["DefinitionSubstitutions"] as JsonObject ?? [])
            .ToDictionary(s => s.Key, s => s.Value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String
                ? v.GetValue<string>()
                : s.Value?.ToJsonString() ?? string.Empty, StringComparer.Ordinal);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        definition = Placeholder().Replace(definition, match =>
        {
            var key = match.Groups["name"].Value;
            if (substitutions.TryGetValue(key, out var value))
            {
                return value;
            }

            missing.Add(key);
            return match.Value;
        });
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"{logicalId}: the definition uses ${{{string.Join("}, ${", missing)}}} but DefinitionSubstitutions has no value for it.");
        }

        var request = new JsonObject
        {
            ["name"] = name,
            ["definition"] = definition,
            ["roleArn"] = properties["RoleArn"]?.DeepClone() ?? LocalAccount.GlobalArn("iam", $"role/{name}"),
            ["type"] = properties["StateMachineType"]?.DeepClone() ?? "STANDARD",
        };
        var created = await stack.Aws.CallAsync(AwsService.StepFunctions, "CreateStateMachine", request, cancellationToken).ConfigureAwait(false);
        var arn = created["stateMachineArn"]!.GetValue<string>();
        stack.StateMachines.Add(new LocalStateMachine(stack.StackName, logicalId, arn, name, request["type"]!.GetValue<string>()));
        return new DeployedResource(logicalId, ResourceType, arn, new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["Arn"] = arn,
            ["Name"] = name,
            ["StateMachineRevisionId"] = created["stateMachineVersionArn"]?.DeepClone() ?? arn,
        });
    }
}
