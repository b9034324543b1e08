using Automation.Functions.Contracts.Posture;

namespace Automation.Functions.Handlers.Posture;

/// <summary>
/// <c>RequestPostureApproval</c>: the remediation approval, a <c>.waitForTaskToken</c> task as throttling-response's
/// RequestApproval is: logs the remediations on offer with the task token (also in the execution history's
/// TaskScheduled event), then the run waits until an operator answers <c>send-task-success --task-output
/// '{"approved": true, "approver": "..."}'</c> or <c>send-task-failure --error ApprovalRejected</c>, or the task times out.
/// Changes nothing.
/// </summary>
public sealed partial class RequestPostureApprovalHandler(StepServices services)
    : StepHandler<RequestPostureApprovalInput, RequestPostureApprovalOutput>(services)
{
    public const string StepName = "RequestPostureApproval";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.None;

    protected override Task<RequestPostureApprovalOutput> RunAsync(RequestPostureApprovalInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        string token = input.TaskToken is { Length: > 0 } t ? t : throw InputError.Field("taskToken", "is required ($$.Task.Token)");
        IReadOnlyList<PostureRemediationPlan> plans = input.Remediations ?? throw InputError.Field("remediations", "is required (EvaluatePosture's remediations)");
        string summary = string.Join("; ", plans.Select(p => $"{p.Action} on {p.TableName} (segment {p.Segment})"));
        LogAwaiting(input.RunId ?? "-", plans.Count, summary, token);
        return Task.FromResult(new RequestPostureApprovalOutput(plans.Count, summary));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Posture run {RunId}: {Count} remediations await approval ({Summary}); task token {TaskToken}")]
    private partial void LogAwaiting(string runId, int count, string summary, string taskToken);
}
