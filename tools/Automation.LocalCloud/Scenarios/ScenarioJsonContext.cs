using System.Text.Json;
using System.Text.Json.Serialization;

namespace Automation.LocalCloud.Scenarios;

/// <summary>Source-generated JSON for scenario files (camelCase, unknown members rejected so a typo
/// in a scenario fails loudly) and for results.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(Scenario))]
[JsonSerializable(typeof(ScenarioResult))]
[JsonSerializable(typeof(ScenarioRun))]
internal sealed partial class ScenarioJsonContext : JsonSerializerContext;
