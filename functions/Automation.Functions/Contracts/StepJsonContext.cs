using System.Text.Json;
using System.Text.Json.Serialization;

namespace Automation.Functions.Contracts;

/// <summary>
/// Source-generated JSON for the throttling-response steps. Same options as the core's
/// <see cref="Core.Planning.ThrottlingResponseJsonContext"/> (camelCase, enums as names, nulls written, required
/// constructor parameters enforced), so a diagnosis, facts or plan written by one step reads back in the next.
/// Web defaults read property names case-insensitively, which is what lets the raw AWS objects (PascalCase)
/// bind; the AWS request shapes this suite writes carry explicit PascalCase names.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(BuildMetricQueriesInput))]
[JsonSerializable(typeof(BuildMetricQueriesOutput))]
[JsonSerializable(typeof(DiagnoseInput))]
[JsonSerializable(typeof(DiagnoseOutput))]
[JsonSerializable(typeof(PlanStepInput))]
[JsonSerializable(typeof(PlanStepOutput))]
[JsonSerializable(typeof(RecheckPlanInput))]
[JsonSerializable(typeof(RecheckPlanOutput))]
[JsonSerializable(typeof(ApplyShardingInput))]
[JsonSerializable(typeof(ApplyShardingOutput))]
[JsonSerializable(typeof(VerifyMitigationInput))]
[JsonSerializable(typeof(VerifyMitigationOutput))]
public sealed partial class StepJsonContext : JsonSerializerContext;
