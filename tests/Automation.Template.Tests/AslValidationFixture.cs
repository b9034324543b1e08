using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Template.Tests.Infrastructure;

namespace Automation.Template.Tests;

/// <summary>
/// Substitutes fake values into every state machine's ASL, then runs each validator once over all of
/// them: asl-validator, and cfn-lint on a generated template where each definition is inlined into a
/// plain AWS::StepFunctions::StateMachine (so rule E3601 checks it). A deliberately broken control
/// definition rides along to prove both validators are really checking.
/// </summary>
public sealed class AslValidationFixture
{
    public const string ControlId = "CheckControlBrokenDefinition";

    public AslValidationFixture()
    {
        ExternalTool.RequireNodeModules("asl-validator");
        Dictionary<string, JsonObject> definitions = [];
        foreach (StateMachineDefinition sm in TemplateBundle.Current.StateMachines)
        {
            try
            {
                definitions[sm.LogicalId] = JsonNode.Parse(sm.SubstitutedText)!.AsObject();
            }
            catch (JsonException error)
            {
                ParseErrors[sm.LogicalId] = $"{sm.Label}: not valid JSON after substitution: {error.Message}";
            }
        }

        definitions[ControlId] = BrokenControlDefinition();
        AslValidatorResults = RunAslValidator(definitions);
        CfnLintMatches = LintAsPlainStateMachines(definitions);
    }

    public Dictionary<string, string> ParseErrors { get; } = [];

    /// <summary>Logical id → (valid, errors).</summary>
    public IReadOnlyDictionary<string, (bool Valid, IReadOnlyList<string> Errors)> AslValidatorResults { get; }

    public IReadOnlyList<CfnLintMatch> CfnLintMatches { get; }

    /// <summary>A negative MaxAttempts (schema error for both validators; cfn-lint reports it as
    /// E3601) and a Next to a missing state.</summary>
    private static JsonObject BrokenControlDefinition() => new()
    {
        ["StartAt"] = "Invoke",
        ["States"] = new JsonObject
        {
            ["Invoke"] = new JsonObject
            {
                ["Type"] = "Task",
                ["Resource"] = "arn:aws:states:::lambda:invoke",
                ["Parameters"] = new JsonObject { ["FunctionName"] = "arn:aws:lambda:us-east-1:123456789012:function:F" },
                ["Retry"] = new JsonArray(new JsonObject { ["ErrorEquals"] = new JsonArray("States.ALL"), ["MaxAttempts"] = -1 }),
                ["Next"] = "NoSuchState",
            },
        },
    };

    private static Dictionary<string, (bool, IReadOnlyList<string>)> RunAslValidator(Dictionary<string, JsonObject> definitions)
    {
        JsonObject input = [];
        foreach ((string id, JsonObject definition) in definitions)
        {
            input[id] = definition.DeepClone();
        }

        ToolResult result = ExternalTool.Run(
            "node", [Repository.NodeScript("validate-asl.js")], ExternalTool.NodeHint, input.ToJsonString());
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"asl-validator did not run.\n{result.Describe()}");
        }

        return JsonNode.Parse(result.StandardOutput)!.AsObject().ToDictionary(
            kv => kv.Key,
            kv => (kv.Value!["valid"]!.GetValue<bool>(),
                (IReadOnlyList<string>)kv.Value["errors"]!.AsArray().Select(e => e!.ToString()).ToArray()));
    }

    private static IReadOnlyList<CfnLintMatch> LintAsPlainStateMachines(Dictionary<string, JsonObject> definitions)
    {
        JsonObject resources = [];
        foreach ((string id, JsonObject definition) in definitions)
        {
            resources[id] = new JsonObject
            {
                ["Type"] = "AWS::StepFunctions::StateMachine",
                ["Properties"] = new JsonObject
                {
                    ["RoleArn"] = "arn:aws:iam::123456789012:role/state-machine",
                    ["Definition"] = definition.DeepClone(),
                },
            };
        }

        JsonObject template = new() { ["AWSTemplateFormatVersion"] = "2010-09-09", ["Resources"] = resources };
        string directory = Directory.CreateTempSubdirectory("asl-cfn-lint-").FullName;
        try
        {
            string path = Path.Combine(directory, "state-machines.json");
            File.WriteAllText(path, template.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return CfnLint.Lint(path);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
