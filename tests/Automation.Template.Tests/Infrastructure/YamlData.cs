using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Automation.Template.Tests.Infrastructure;

/// <summary>Reads the tests' YAML data files into typed records (via JSON, so policy documents stay
/// JSON for the IAM simulator). Unknown keys are errors: a typo must not silently drop a check.</summary>
internal static class YamlData
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static T Load<T>(string path)
    {
        YamlStream stream = [];
        using (StreamReader reader = File.OpenText(path))
        {
            stream.Load(reader);
        }

        JsonNode? json = stream.Documents.Count == 0 ? null : ToJson(stream.Documents[0].RootNode);
        try
        {
            return json.Deserialize<T>(Options) ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{path}: {error.Message}", error);
        }
    }

    // Scalars stay strings: IAM policy values are strings, and the records below declare no numbers.
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Value: null or "" or "~" or "null", Style: YamlDotNet.Core.ScalarStyle.Plain } => null,
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new InvalidDataException($"Unsupported YAML node at {node.Start}."),
    };
}
