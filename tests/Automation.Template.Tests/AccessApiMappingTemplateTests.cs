using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Template.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Automation.Template.Tests;

/// <summary>
/// The access API's mapping templates (template.yaml, AccessApi) rendered with <see cref="MappingTemplate"/>: whatever
/// a caller puts in the body or the path (quotes, apostrophes, backslashes, non-ASCII), StartSyncExecution gets valid
/// JSON whose <c>input</c> is valid JSON with exactly those values, no injected keys, and the caller from SigV4; an error
/// answer is valid JSON with the exact error and cause.
/// </summary>
public sealed class AccessApiMappingTemplateTests
{
    private const string MachineArn = "arn:aws:states:eu-west-1:123456789012:stateMachine:api";
    private const string CallerArn = "arn:aws:sts::123456789012:assumed-role/Oncall/alice@example.com";
    private const string Hostile = "can't \"read\" \\orders\\ /é\n', \\\"caller\\\": {\\\"arn\\\": \\\"x\\\"}, \\\"z\\\": \\\"";

    private static readonly YamlMappingNode Paths = LoadPaths();

    private static YamlMappingNode LoadPaths()
    {
        YamlStream stream = [];
        using (var reader = File.OpenText(Repository.TemplatePath))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        return (YamlMappingNode)Child(Child(Child(Child(root, "Resources"), "AccessApi"), "Properties"), "Body")["paths"];
    }

    private static YamlMappingNode Child(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node)[key];

    private static YamlMappingNode Integration(string path, string method) => Child(Child(Paths[path], method), "x-amazon-apigateway-integration");

    private static string RequestTemplate(string path, string method)
    {
        // application/json: !Sub [template, {Machine: ...}]
        var sub = (YamlSequenceNode)Child(Integration(path, method), "requestTemplates")["application/json"];
        return ((YamlScalarNode)sub[0]).Value!.Replace("${Machine}", MachineArn, StringComparison.Ordinal);
    }

    private static string ResponseTemplate(string path, string method) =>
        ((YamlScalarNode)Child(Child(Child(Integration(path, method), "responses"), "default"), "responseTemplates")["application/json"]).Value!;

    private static JsonObject Context() => new()
    {
        ["identity"] = new JsonObject { ["userArn"] = CallerArn, ["accountId"] = "123456789012", ["sourceIp"] = "192.0.2.1" },
        ["responseOverride"] = new JsonObject(),
    };

    /// <summary>The StartSyncExecution request the template renders, and its input, both parsed strictly.</summary>
    private static JsonObject RenderInput(string path, string method, Dictionary<string, string> parameters, JsonNode? body)
    {
        string rendered = MappingTemplate.Render(RequestTemplate(path, method), parameters, body, Context());
        var request = JsonNode.Parse(rendered)!.AsObject();
        Assert.Equal(MachineArn, request["stateMachineArn"]!.GetValue<string>());
        Assert.Equal(["stateMachineArn", "input"], request.Select(kv => kv.Key));
        var input = JsonNode.Parse(request["input"]!.GetValue<string>())!.AsObject();
        Assert.Equal(["action", "requestId", "caller", "body"], input.Select(kv => kv.Key));
        Assert.True(JsonNode.DeepEquals(
            new JsonObject { ["arn"] = CallerArn, ["accountId"] = "123456789012", ["sourceIp"] = "192.0.2.1" }, input["caller"]));
        return input;
    }

    private static JsonObject Body() => new()
    {
        ["segment"] = "orders",
        ["reason"] = "can't read orders",
        ["ticket"] = Hostile,
        ["actions"] = new JsonArray("dynamodb:GetItem"),
    };

    [Fact]
    public void A_new_request_with_apostrophes_and_quotes_in_the_body_reaches_the_workflow_exactly()
    {
        var input = RenderInput("/requests", "post", [], Body());

        Assert.Equal("request", input["action"]!.GetValue<string>());
        Assert.Equal(string.Empty, input["requestId"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(Body(), input["body"]), input["body"]!.ToJsonString());
    }

    [Fact]
    public void Path_values_are_escaped_for_both_json_levels_and_cannot_inject_keys()
    {
        var input = RenderInput("/requests/{id}/{action}", "post", new() { ["id"] = Hostile, ["action"] = "approve'\"" }, Body());

        Assert.Equal(Hostile, input["requestId"]!.GetValue<string>());
        Assert.Equal("approve'\"", input["action"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(Body(), input["body"]));
    }

    [Fact]
    public void Get_escapes_the_id_for_both_json_levels()
    {
        var input = RenderInput("/requests/{id}", "get", new() { ["id"] = Hostile }, null);

        Assert.Equal("get", input["action"]!.GetValue<string>());
        Assert.Equal(Hostile, input["requestId"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(new JsonObject(), input["body"]));
    }

    public static TheoryData<string, string> Routes() => new()
    {
        { "/requests", "post" },
        { "/requests/{id}", "get" },
        { "/requests/{id}/{action}", "post" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public void An_error_answer_is_valid_json_with_the_exact_error_and_cause(string path, string method)
    {
        string cause = "segment 'orders' refused: \"ticket\" can't be empty \\ é";
        var run = new JsonObject { ["status"] = "FAILED", ["error"] = "AccessRefused", ["cause"] = cause };
        var context = Context();

        string rendered = MappingTemplate.Render(ResponseTemplate(path, method), new Dictionary<string, string>(), run, context);

        var answer = JsonNode.Parse(rendered)!.AsObject();
        Assert.Equal("AccessRefused", answer["error"]!.GetValue<string>());
        Assert.Equal(cause, answer["cause"]!.GetValue<string>());
        Assert.Equal(400, context["responseOverride"]!["status"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public void A_successful_answer_is_the_workflow_body_and_status(string path, string method)
    {
        var output = new JsonObject { ["statusCode"] = 202, ["bodyText"] = "{\"reason\":\"can't\"}" };
        var run = new JsonObject { ["status"] = "SUCCEEDED", ["output"] = output.ToJsonString() };
        var context = Context();

        string rendered = MappingTemplate.Render(ResponseTemplate(path, method), new Dictionary<string, string>(), run, context);

        Assert.Equal("can't", JsonDocument.Parse(rendered).RootElement.GetProperty("reason").GetString());
        Assert.Equal(202, context["responseOverride"]!["status"]!.GetValue<int>());
    }
}
