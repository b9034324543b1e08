using System.Text.Json.Serialization;

namespace Automation.Core.Incidents.Contracts;

/// <summary>Source-generated JSON for the incident steps' contracts (camelCase, enums as strings).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(OpenIncidentInput))]
[JsonSerializable(typeof(OpenIncidentOutput))]
[JsonSerializable(typeof(RecordIncidentStepInput))]
[JsonSerializable(typeof(RecordIncidentStepOutput))]
[JsonSerializable(typeof(RequestApprovalInput))]
[JsonSerializable(typeof(RequestApprovalOutput))]
[JsonSerializable(typeof(CloseIncidentInput))]
[JsonSerializable(typeof(CloseIncidentOutput))]
[JsonSerializable(typeof(RecordIncidentFailureInput))]
[JsonSerializable(typeof(RecordIncidentFailureOutput))]
public sealed partial class IncidentJsonContext : JsonSerializerContext;
