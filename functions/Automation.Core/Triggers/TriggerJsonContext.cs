using System.Text.Json.Serialization;

namespace Automation.Core.Triggers;

/// <summary>Source-generated JSON for the trigger contracts (camelCase, enums as strings).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(AlarmStateChangeEvent))]
[JsonSerializable(typeof(ManualTriggerRequest))]
[JsonSerializable(typeof(IncidentTrigger))]
[JsonSerializable(typeof(NormalizedTrigger))]
public sealed partial class TriggerJsonContext : JsonSerializerContext;
