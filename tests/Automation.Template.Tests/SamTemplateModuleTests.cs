using System.Text.Json.Nodes;
using Automation.Template.Tests.Infrastructure;

namespace Automation.Template.Tests;

/// <summary>
/// The contract of tools/template/sam_template.py that the local cloud relies on: its CLI output
/// shapes and DefinitionSubstitutions semantics.
/// </summary>
public sealed class SamTemplateModuleTests
{
    [Fact]
    public void State_machines_command_reads_each_definition_file_with_raw_substitutions()
    {
        JsonArray machines = RunCli("state-machines", Repository.TemplatePath).AsArray();
        // Every state machine whose definition is local (a file or inline); only S3 ones are skipped.
        string[] declared = TemplateBundle.Current.Resources
            .Where(r => r.Value?["Type"]?.ToString() is "AWS::Serverless::StateMachine" or "AWS::StepFunctions::StateMachine")
            .Where(r => !(r.Value!["Properties"]?["DefinitionUri"] ?? r.Value["Properties"]?["DefinitionS3Location"])
                ?.ToJsonString().StartsWith("\"s3://", StringComparison.Ordinal) ?? true)
            .Select(r => r.Key)
            .ToArray();

        Assert.Equal(declared.Order(), machines.Select(m => m!["logicalId"]!.ToString()).Order());
        foreach (JsonNode? machine in machines)
        {
            Assert.All(
                machine!["substitutions"]!.AsObject(),
                kv => Assert.True(kv.Value is JsonValue or JsonObject { Count: 1 }, $"{kv.Key} is not a raw value or intrinsic"));
            if (machine["definitionFile"]?.ToString() is not { } file)
            {
                continue; // inline Definition
            }

            Assert.False(Path.IsPathRooted(file), $"definitionFile {file} should be repo-relative");
            if (!file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                continue; // a YAML definition: sam_template.py parsed it, nothing simpler to compare with
            }

            JsonNode onDisk = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, file)))!;
            Assert.True(JsonNode.DeepEquals(onDisk, machine["definition"]), $"{file}: definition differs from the file");
        }
    }

    [Fact]
    public void Translate_command_yields_plain_cloudformation_with_inlined_definitions()
    {
        JsonObject translated = RunCli("translate", Repository.TemplatePath, "--param", "LogLevel=DEBUG").AsObject();

        JsonObject resources = translated["Resources"]!.AsObject();
        Assert.DoesNotContain(resources, r => r.Value!["Type"]!.ToString().StartsWith("AWS::Serverless::", StringComparison.Ordinal));
        Assert.Null(translated["Transform"]);
        JsonObject[] stateMachines = resources
            .Where(r => r.Value!["Type"]!.ToString() == "AWS::StepFunctions::StateMachine")
            .Select(r => r.Value!["Properties"]!.AsObject())
            .ToArray();
        Assert.Equal(TemplateBundle.Current.StateMachines.Count, stateMachines.Length);
        Assert.All(stateMachines, p =>
        {
            Assert.NotNull(p["DefinitionString"]);
            Assert.Null(p["DefinitionS3Location"]);
            Assert.NotNull(p["RoleArn"]);
        });
    }

    [Fact]
    public void Substitute_replaces_known_placeholders_and_leaves_others()
    {
        const string Script = """
            import json, sys
            sys.dont_write_bytecode = True
            sys.path.insert(0, sys.argv[1])
            import sam_template as t
            text = '{"a": "${Fn}", "b": "${Fn}-${Other}", "c": "$.path", "d": "${Missing}"}'
            print(json.dumps({"out": t.substitute(text, {"Fn": "arn:x", "Other": "y"}), "names": t.placeholders(text)}))
            """;
        ToolResult result = ExternalTool.Run(
            ExternalTool.Python, ["-c", Script, Path.GetDirectoryName(Repository.SamTemplateScript)!], ExternalTool.PythonHint);
        Assert.True(result.ExitCode == 0, result.Describe());
        JsonNode output = JsonNode.Parse(result.StandardOutput)!;

        Assert.Equal("""{"a": "arn:x", "b": "arn:x-y", "c": "$.path", "d": "${Missing}"}""", output["out"]!.ToString());
        Assert.Equal(["Fn", "Other", "Missing"], output["names"]!.AsArray().Select(n => n!.ToString()));
    }

    private static JsonNode RunCli(params string[] arguments)
    {
        ToolResult result = ExternalTool.Run(ExternalTool.Python, [Repository.SamTemplateScript, .. arguments], ExternalTool.PythonHint);
        Assert.True(result.ExitCode == 0, result.Describe());
        return JsonNode.Parse(result.StandardOutput)!;
    }
}
