using System.Text.Json;
using System.Text.Json.Nodes;

namespace Automation.Template.Tests.Infrastructure;

/// <summary>
/// The template as every check sees it: loaded, state machines read, translated by samtranslator,
/// intrinsics faked. Produced once per test run by <c>tools/template/sam_template.py bundle</c>
/// (the same module the local cloud uses), shared by all test classes.
/// </summary>
public sealed class TemplateBundle
{
    private static readonly Lazy<TemplateBundle> Shared = new(Load);

    private TemplateBundle(JsonObject json)
    {
        Template = json["template"]!.AsObject();
        Translated = json["translated"]!.AsObject();
        StateMachines = Deserialize<List<StateMachineDefinition>>(json["stateMachines"]);
        FakeValues = Deserialize<Dictionary<string, string>>(json["fakeValues"]);
        TranslatedFakeValues = Deserialize<Dictionary<string, string>>(json["translatedFakeValues"]);
        Roles = Deserialize<List<IamRole>>(json["roles"]);
        ManagedPolicies = json["managedPolicies"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.AsObject(), StringComparer.Ordinal);
    }

    public static TemplateBundle Current => Shared.Value;

    /// <summary>template.yaml as written (SAM), intrinsics in long form.</summary>
    public JsonObject Template { get; }

    /// <summary>What CloudFormation receives after the SAM transform.</summary>
    public JsonObject Translated { get; }

    public IReadOnlyList<StateMachineDefinition> StateMachines { get; }

    /// <summary>"X", "X.Arn", "AWS::Region", parameter names → fake values, for template.yaml.</summary>
    public IReadOnlyDictionary<string, string> FakeValues { get; }

    /// <summary>The same for the translated template (includes SAM-generated roles and rules).</summary>
    public IReadOnlyDictionary<string, string> TranslatedFakeValues { get; }

    public IReadOnlyList<IamRole> Roles { get; }

    /// <summary>Every AWS::IAM::ManagedPolicy's document by logical id, intrinsics resolved to the fake values.</summary>
    public IReadOnlyDictionary<string, JsonObject> ManagedPolicies { get; }

    public JsonObject Resources => Template[nameof(Resources)]!.AsObject();

    public JsonObject Parameters => Template[nameof(Parameters)]?.AsObject() ?? [];

    public string? ResourceType(string logicalId) => Resources[logicalId]?["Type"]?.GetValue<string>();

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static T Deserialize<T>(JsonNode? node) =>
        node.Deserialize<T>(JsonOptions)
        ?? throw new InvalidOperationException($"sam_template.py bundle returned no {typeof(T).Name}.");

    private static TemplateBundle Load()
    {
        ToolResult result = ExternalTool.Run(
            ExternalTool.Python,
            [Repository.SamTemplateScript, "bundle", Repository.TemplatePath],
            ExternalTool.PythonHint);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Reading template.yaml failed.\n{result.Describe()}");
        }

        return new TemplateBundle(JsonNode.Parse(result.StandardOutput)!.AsObject());
    }
}
