using System.Text.Json;
using System.Text.Json.Serialization;

using Automation.Core.Diagnosis;
using Automation.Core.Facts;
using Automation.Core.Guardrails;

namespace Automation.Core.Planning;

/// <summary>
/// Source-generated JSON for the throttling-response contracts that travel between workflow steps:
/// camelCase properties, enums as their member names, nulls written (the ASL's JSONPath expects the
/// field), and constructor parameters required (a missing field is an error, not a silent default).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(ThrottlingFacts))]
[JsonSerializable(typeof(ThrottleDiagnosis))]
[JsonSerializable(typeof(RemediationPlan))]
[JsonSerializable(typeof(GuardrailCheckResult))]
[JsonSerializable(typeof(GuardrailPolicy))]
[JsonSerializable(typeof(DecreaseBudget))]
public sealed partial class ThrottlingResponseJsonContext : JsonSerializerContext;
