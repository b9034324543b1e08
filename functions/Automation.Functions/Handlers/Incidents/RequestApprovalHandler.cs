using Automation.Aws.Incidents;
using Automation.Functions.Aws;
using Automation.Functions.Contracts.Incidents;

namespace Automation.Functions.Handlers.Incidents;

/// <summary>
/// <c>RequestApproval</c>, run as a <c>lambda:invoke.waitForTaskToken</c> task: writes the task
/// token and the plan to the incident (status AwaitingApproval), where an operator reads them and
/// answers with <c>aws stepfunctions send-task-success</c> (approve) or <c>send-task-failure</c> (reject).
/// The token is never logged: whoever holds it can approve.
/// </summary>
public sealed partial class RequestApprovalHandler(StepServices services, IncidentStoreProvider incidents)
    : StepHandler<RequestApprovalInput, RequestApprovalOutput>(services)
{
    /// <summary>The <c>_HANDLER</c> value that selects this step (template.yaml's <c>Handler</c>).</summary>
    public const string StepName = "RequestApproval";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.ConditionalItemWrites;

    protected override async Task<RequestApprovalOutput> RunAsync(RequestApprovalInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        var (incidentId, taskToken, plan, timeout) = input.Validate();

        var incident = await new IncidentRecorder(incidents.Store, Services.Time)
            .RequestApprovalAsync(incidentId, taskToken, plan, timeout, cancellationToken).ConfigureAwait(false);
        var expiresAt = incident.Approval?.ExpiresAt;
        LogRequested(incident.IncidentId, incident.TableName, plan.Summary, expiresAt);

        var output = new RequestApprovalOutput(
            incident.IncidentId,
            incident.Status,
            expiresAt,
            ApproveCommand(incidents.Options.TableName, incident.IncidentId),
            RejectCommand(incidents.Options.TableName, incident.IncidentId));
        return output;
    }

    /// <summary>Approves with the token read from the incident item (so nobody copies tokens around by hand).</summary>
    public static string ApproveCommand(string incidentsTable, string incidentId) =>
        $"aws stepfunctions send-task-success --task-token \"$({ReadToken(incidentsTable, incidentId)})\" --task-output '{{\"approvedBy\":\"<your name>\",\"comment\":\"<why>\"}}'";

    public static string RejectCommand(string incidentsTable, string incidentId) =>
        $"aws stepfunctions send-task-failure --task-token \"$({ReadToken(incidentsTable, incidentId)})\" --error {ErrorTypes.ApprovalRejected} --cause '<who and why>'";

    private static string ReadToken(string incidentsTable, string incidentId) =>
        $"aws dynamodb get-item --table-name {incidentsTable} --consistent-read"
        + $" --key '{{\"{IncidentTableSchema.PartitionKey}\":{{\"S\":\"{IncidentTableSchema.IncidentPk(incidentId)}\"}},\"{IncidentTableSchema.SortKey}\":{{\"S\":\"{IncidentTableSchema.IncidentSortKey}\"}}}}'"
        + " --query Item.approvalTaskToken.S --output text";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {IncidentId} on table {TableName} awaits approval of plan: {PlanSummary} (expires {ExpiresAt})")]
    private partial void LogRequested(string incidentId, string tableName, string planSummary, DateTimeOffset? expiresAt);
}
