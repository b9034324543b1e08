using Automation.Functions.Contracts.BreakGlass;
using Automation.Functions.Contracts.Incidents;
using Automation.Functions.Contracts.ThrottlingResponse;

namespace Automation.Functions.Contracts;

/// <summary>
/// The one JSON dialect of every step's input and output, source-generated: camelCase property names read
/// case-sensitively (the ASL's JSONPath is case-sensitive too, so <c>IncidentId</c> is an unknown field, not an alias),
/// enums as their member names, nulls written (the ASL reads the field), nullable annotations and required
/// constructor parameters enforced. AWS-shaped records that travel inside a step contract (DescribeTable's answer,
/// an UpdateTable request) spell AWS's PascalCase names out with <c>[JsonPropertyName]</c>.
/// The core's <see cref="Core.CoreJsonContext"/> has the same options (pinned by a test), so a record written by
/// either reads back in the other.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = false,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(AlarmReconcile.PrepareAlarmReconcileInput))]
[JsonSerializable(typeof(AlarmReconcile.PrepareAlarmReconcileOutput))]
[JsonSerializable(typeof(AlarmReconcile.CollectAlarmsInput))]
[JsonSerializable(typeof(AlarmReconcile.CollectAlarmsOutput))]
[JsonSerializable(typeof(AlarmReconcile.CollectDashboardsInput))]
[JsonSerializable(typeof(AlarmReconcile.CollectDashboardsOutput))]
[JsonSerializable(typeof(AlarmReconcile.PlanAlarmReconcileInput))]
[JsonSerializable(typeof(AlarmReconcile.PlanAlarmReconcileOutput))]
[JsonSerializable(typeof(AlarmReconcile.PutMetricAlarmRequest))]
[JsonSerializable(typeof(AlarmTriage.BuildTriageQueriesInput))]
[JsonSerializable(typeof(AlarmTriage.BuildTriageQueriesOutput))]
[JsonSerializable(typeof(AlarmTriage.TriageInput))]
[JsonSerializable(typeof(AlarmTriage.TriageOutput))]
[JsonSerializable(typeof(ThresholdTuning.PrepareThresholdTuningInput))]
[JsonSerializable(typeof(ThresholdTuning.PrepareThresholdTuningOutput))]
[JsonSerializable(typeof(ThresholdTuning.SelectTuningAlarmsInput))]
[JsonSerializable(typeof(ThresholdTuning.SelectTuningAlarmsOutput))]
[JsonSerializable(typeof(ThresholdTuning.TuneAlarmInput))]
[JsonSerializable(typeof(ThresholdTuning.TuneAlarmOutput))]
[JsonSerializable(typeof(ThresholdTuning.RecordThresholdChangeInput))]
[JsonSerializable(typeof(ThresholdTuning.RecordThresholdChangeOutput))]
[JsonSerializable(typeof(ThresholdTuning.ReportThresholdTuningInput))]
[JsonSerializable(typeof(ThresholdTuning.ThresholdTuningReport))]
[JsonSerializable(typeof(Posture.PreparePostureInput))]
[JsonSerializable(typeof(Posture.PreparePostureOutput))]
[JsonSerializable(typeof(Posture.CollectIamPoliciesInput))]
[JsonSerializable(typeof(Posture.CollectIamPoliciesOutput))]
[JsonSerializable(typeof(Posture.SampleItemSizesInput))]
[JsonSerializable(typeof(Posture.SampleItemSizesOutput))]
[JsonSerializable(typeof(Posture.BuildTableFactsInput))]
[JsonSerializable(typeof(Posture.TableFactsResult))]
[JsonSerializable(typeof(Posture.EvaluatePostureInput))]
[JsonSerializable(typeof(Posture.EvaluatePostureOutput))]
[JsonSerializable(typeof(Posture.RequestPostureApprovalInput))]
[JsonSerializable(typeof(Posture.RequestPostureApprovalOutput))]
[JsonSerializable(typeof(Posture.RecordPostureInput))]
[JsonSerializable(typeof(Posture.PostureRunReport))]
[JsonSerializable(typeof(QueryRunbook.QueryRunRequest))]
[JsonSerializable(typeof(QueryRunbook.ValidateQueryOutput))]
[JsonSerializable(typeof(QueryRunbook.CheckQuerySchemaInput))]
[JsonSerializable(typeof(QueryRunbook.CheckQuerySchemaOutput))]
[JsonSerializable(typeof(QueryRunbook.RunQueryInput))]
[JsonSerializable(typeof(QueryRunbook.RunQueryOutput))]
[JsonSerializable(typeof(QueryRunbook.RecordQueryRunInput))]
[JsonSerializable(typeof(QueryRunbook.RecordQueryRunOutput))]
[JsonSerializable(typeof(QueryRunbook.RecordQueryFailureInput))]
[JsonSerializable(typeof(QueryRunbook.RecordQueryFailureOutput))]
[JsonSerializable(typeof(NormalizedTrigger))]
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
[JsonSerializable(typeof(BuildMetricQueriesInput))]
[JsonSerializable(typeof(BuildMetricQueriesOutput))]
[JsonSerializable(typeof(DiagnoseInput))]
[JsonSerializable(typeof(DiagnoseOutput))]
[JsonSerializable(typeof(PlanInput))]
[JsonSerializable(typeof(PlanOutput))]
[JsonSerializable(typeof(RecheckPlanInput))]
[JsonSerializable(typeof(RecheckPlanOutput))]
[JsonSerializable(typeof(ApplyShardingInput))]
[JsonSerializable(typeof(ApplyShardingOutput))]
[JsonSerializable(typeof(VerifyMitigationInput))]
[JsonSerializable(typeof(VerifyMitigationOutput))]
[JsonSerializable(typeof(AccessApiInput))]
[JsonSerializable(typeof(AccessApiOutput))]
[JsonSerializable(typeof(AccessRequestBody))]
[JsonSerializable(typeof(AccessNotesBody))]
[JsonSerializable(typeof(AccessExtendBody))]
[JsonSerializable(typeof(AccessRequestAccepted))]
[JsonSerializable(typeof(AccessActionAnswer))]
[JsonSerializable(typeof(StartAccessRequestInput))]
[JsonSerializable(typeof(AccessRequestSummary))]
[JsonSerializable(typeof(AwaitAccessDecisionInput))]
[JsonSerializable(typeof(AwaitAccessDecisionOutput))]
[JsonSerializable(typeof(PrepareGrantInput))]
[JsonSerializable(typeof(PrepareExtensionInput))]
[JsonSerializable(typeof(PreparedGrant))]
[JsonSerializable(typeof(RecordAccessOutcomeInput))]
[JsonSerializable(typeof(RecordAccessOutcomeOutput))]
[JsonSerializable(typeof(PlanRevokeInput))]
[JsonSerializable(typeof(RevokePlan))]
[JsonSerializable(typeof(JudgeSweptRoleInput))]
[JsonSerializable(typeof(SweepJudgement))]
public sealed partial class StepJsonContext : JsonSerializerContext;
