using System.Text.Json.Serialization;
using Automation.Core.Access;
using Automation.Core.Diagnosis;
using Automation.Core.Facts;
using Automation.Core.Guardrails;
using Automation.Core.Planning;
using Automation.Core.Queries;
using Automation.Core.Triggers;

namespace Automation.Core;

/// <summary>
/// Source-generated JSON for the core records that cross a process boundary: what starts an execution (a manual request; the alarm
/// event is bound by <see cref="Triggers.AlarmEventReader"/>) and the facts, diagnosis and plan that travel between steps; break-glass requests, scopes, refusals and grants. The options are those of
/// the functions' <c>StepJsonContext</c> (a test pins the two together): camelCase read case-sensitively, enums as
/// member names, nulls written, nullable annotations and required constructor parameters enforced.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = false,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(ManualTriggerRequest))]
[JsonSerializable(typeof(IncidentTrigger))]
[JsonSerializable(typeof(NormalizedTrigger))]
[JsonSerializable(typeof(ThrottlingFacts))]
[JsonSerializable(typeof(ThrottleDiagnosis))]
[JsonSerializable(typeof(RemediationPlan))]
[JsonSerializable(typeof(GuardrailCheckResult))]
[JsonSerializable(typeof(GuardrailPolicy))]
[JsonSerializable(typeof(DecreaseBudget))]
[JsonSerializable(typeof(QueryTemplate))]
[JsonSerializable(typeof(QueryPlan))]
[JsonSerializable(typeof(QueryExplanation))]
[JsonSerializable(typeof(AccessRequest))]
[JsonSerializable(typeof(AccessScope))]
[JsonSerializable(typeof(AccessRefusal))]
[JsonSerializable(typeof(IReadOnlyList<AccessRefusal>))]
[JsonSerializable(typeof(AccessGrant))]
[JsonSerializable(typeof(GrantWindow))]
[JsonSerializable(typeof(AccessStatus))]
[JsonSerializable(typeof(AccessRecord))]
[JsonSerializable(typeof(RevocationCause))]
public sealed partial class CoreJsonContext : JsonSerializerContext;
