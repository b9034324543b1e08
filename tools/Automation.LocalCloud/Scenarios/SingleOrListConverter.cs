using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Automation.LocalCloud.Scenarios;

/// <summary>An interaction's <c>access</c>: one call (an object) or several (a list). Written as a list.</summary>
internal sealed class SingleOrListConverter : JsonConverter<List<ScenarioAccessCall>>
{
    public override List<ScenarioAccessCall> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var call = (JsonTypeInfo<ScenarioAccessCall>)options.GetTypeInfo(typeof(ScenarioAccessCall));
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return [JsonSerializer.Deserialize(ref reader, call) ?? throw new JsonException("access: a call may not be null.")];
        }

        var calls = new List<ScenarioAccessCall>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            calls.Add(JsonSerializer.Deserialize(ref reader, call) ?? throw new JsonException("access: a call may not be null."));
        }

        return calls;
    }

    public override void Write(Utf8JsonWriter writer, List<ScenarioAccessCall> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        var call = (JsonTypeInfo<ScenarioAccessCall>)options.GetTypeInfo(typeof(ScenarioAccessCall));
        writer.WriteStartArray();
        foreach (var item in value)
        {
            JsonSerializer.Serialize(writer, item, call);
        }

        writer.WriteEndArray();
    }
}
