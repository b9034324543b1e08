using Amazon.DynamoDBv2.Model;
using Automation.Core.Alarms;
using Automation.Core.Incidents;
using Automation.Core.Triggers;

namespace Automation.Aws.Incidents;

/// <summary>
/// Maps an <see cref="Incident"/> to its DynamoDB item and back. Attributes are flat and named
/// for people reading the table in the console or with <c>aws dynamodb query</c>; the opaque step
/// outputs (diagnosis, plan, action, verification) are JSON strings.
/// </summary>
internal static class IncidentItem
{
    public const string EntityType = "Incident";

    public const string Version = "version";
    public const string Status = "status";

    public static Dictionary<string, AttributeValue> ToItem(Incident incident)
    {
        var trigger = incident.Trigger;
        var writer = new ItemWriter()
            .S(IncidentTableSchema.PartitionKey, IncidentTableSchema.IncidentPk(incident.IncidentId))
            .S(IncidentTableSchema.SortKey, IncidentTableSchema.IncidentSortKey)
            .S("entityType", EntityType)
            .S("incidentId", incident.IncidentId)
            .N(Version, incident.Version)
            .Enum(Status, (IncidentStatus?)incident.Status)
            .S(IncidentTableSchema.TableNameAttribute, trigger.TableName)
            .S(IncidentTableSchema.OpenedAtIdAttribute, IncidentTableSchema.OpenedAtId(incident.OpenedAt, incident.IncidentId))
            .S("indexName", trigger.IndexName)
            .Time("openedAt", incident.OpenedAt)
            .Time("updatedAt", incident.UpdatedAt)
            .Time("closedAt", incident.ClosedAt)
            .S("executionArn", incident.Execution.ExecutionArn)
            .S("consoleUrl", incident.Execution.ConsoleUrl)
            .Enum("source", (TriggerSource?)trigger.Source)
            .S("idempotencyKey", trigger.IdempotencyKey)
            .S("alarmName", trigger.AlarmName)
            .S("alarmArn", trigger.AlarmArn)
            .S("metricName", trigger.MetricName)
            .S("region", trigger.Region)
            .S("accountId", trigger.AccountId)
            .Time("stateTimestamp", trigger.StateTimestamp)
            .S("reason", trigger.Reason)
            .S("requestedBy", trigger.RequestedBy)
            .S("runbook", trigger.Runbook)
            .Enum("alarmKind", trigger.Kind)
            .S("operation", trigger.Operation)
            .S("receivingRegion", trigger.ReceivingRegion)
            .Bool("dryRun", trigger.DryRun)
            .N("actionsApplied", incident.ActionsApplied)
            .S("outcome", incident.Outcome)
            .N("timeToMitigateMs", incident.TimeToMitigateMs);

        if (incident.Diagnosis is { } diagnosis)
        {
            writer.S("diagnosisKind", diagnosis.Kind).S("explanation", diagnosis.Explanation).S("diagnosis", diagnosis.DetailJson);
        }

        if (incident.Plan is { } plan)
        {
            writer.S("planSummary", plan.Summary).S("plan", plan.DetailJson);
        }

        if (incident.Action is { } action)
        {
            writer.S("actionSummary", action.Summary)
                .Bool("actionApplied", action.Applied)
                .Time("actionAppliedAt", action.AppliedAt)
                .Enum("capacityModeChange", action.ModeChange)
                .S("action", action.DetailJson);
        }

        if (incident.Verification is { } verification)
        {
            writer.Time("verifiedAt", verification.VerifiedAt)
                .Bool("mitigated", verification.Mitigated)
                .S("verificationSummary", verification.Summary)
                .S("verification", verification.DetailJson);
        }

        if (incident.Approval is { } approval)
        {
            writer.Time("approvalRequestedAt", approval.RequestedAt)
                .S("approvalTaskToken", approval.TaskToken)
                .Time("approvalExpiresAt", approval.ExpiresAt)
                .S("approvedBy", approval.ApprovedBy)
                .Time("approvedAt", approval.ApprovedAt)
                .S("approvalComment", approval.Comment);
        }

        if (incident.Failure is { } failure)
        {
            writer.S("error", failure.Error)
                .S("errorMessage", failure.Message)
                .S("cause", failure.Cause)
                .S("failedStep", failure.Step)
                .Time("failedAt", failure.FailedAt);
        }

        return writer.Item;
    }

    public static Incident FromItem(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var r = new ItemReader(item);
        var trigger = new IncidentTrigger(
            Source: r.Enum<TriggerSource>("source"),
            TableName: r.S(IncidentTableSchema.TableNameAttribute),
            IndexName: r.OptS("indexName"),
            MetricName: r.OptS("metricName"),
            AlarmName: r.OptS("alarmName"),
            AlarmArn: r.OptS("alarmArn"),
            Region: r.OptS("region"),
            AccountId: r.OptS("accountId"),
            StateTimestamp: r.OptTime("stateTimestamp"),
            Reason: r.S("reason"),
            RequestedBy: r.OptS("requestedBy"),
            IdempotencyKey: r.S("idempotencyKey"),
            DryRun: r.OptBool("dryRun") ?? false)
        {
            // Items written before these attributes existed read as the throttling runbook with no kind.
            Runbook = r.OptS("runbook") ?? AlarmRunbooks.ThrottlingResponse,
            Kind = r.OptEnum<AlarmKind>("alarmKind"),
            Operation = r.OptS("operation"),
            ReceivingRegion = r.OptS("receivingRegion"),
        };

        return new Incident(
            r.S("incidentId"),
            trigger,
            r.Enum<IncidentStatus>(Status),
            ExecutionLink.FromArn(r.S("executionArn")),
            r.Time("openedAt"),
            r.Time("updatedAt"),
            r.N(Version))
        {
            ClosedAt = r.OptTime("closedAt"),
            ActionsApplied = (int)(r.OptN("actionsApplied") ?? 0),
            Outcome = r.OptS("outcome"),
            TimeToMitigateMs = r.OptN("timeToMitigateMs"),
            Diagnosis = r.Has("diagnosisKind")
                ? new DiagnosisRecord(r.S("diagnosisKind"), r.OptS("explanation"), r.OptS("diagnosis"))
                : null,
            Plan = r.Has("planSummary") ? new PlanRecord(r.S("planSummary"), r.OptS("plan")) : null,
            Action = r.Has("actionSummary")
                ? new ActionRecord(r.S("actionSummary"), r.OptBool("actionApplied") ?? false, r.OptTime("actionAppliedAt"), r.OptEnum<CapacityModeChange>("capacityModeChange"), r.OptS("action"))
                : null,
            Verification = r.Has("verifiedAt")
                ? new VerificationRecord(r.Time("verifiedAt"), r.OptBool("mitigated") ?? false, r.OptS("verificationSummary"), r.OptS("verification"))
                : null,
            Approval = r.Has("approvalRequestedAt")
                ? new ApprovalRecord(r.Time("approvalRequestedAt"), r.OptS("approvalTaskToken"), r.OptTime("approvalExpiresAt"), r.OptS("approvedBy"), r.OptTime("approvedAt"), r.OptS("approvalComment"))
                : null,
            Failure = r.Has("error")
                ? new FailureRecord(r.S("error"), r.OptS("errorMessage"), r.OptS("cause"), r.OptS("failedStep"), r.Time("failedAt"))
                : null,
        };
    }
}
