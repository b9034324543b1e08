using Automation.Core.Access;
using Automation.Functions.Aws;
using Automation.Functions.Contracts.BreakGlass;

namespace Automation.Functions.Handlers.BreakGlass;

/// <summary>
/// <c>AwaitAccessDecision</c> (a <c>.waitForTaskToken</c> task): stores the waiting task's token on the request, for the
/// access API to resume: the approval wait (until the approval timeout) or the hold (until the grant's expiry). The
/// token never leaves the record through the API.
/// </summary>
public sealed partial class AwaitAccessDecisionHandler(StepServices services, AccessProvider access)
    : StepHandler<AwaitAccessDecisionInput, AwaitAccessDecisionOutput>(services)
{
    public const string StepName = "AwaitAccessDecision";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.ConditionalItemWrites;

    protected override async Task<AwaitAccessDecisionOutput> RunAsync(AwaitAccessDecisionInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        string token = StepInput.Text(input.TaskToken, "taskToken", StepInput.MaxTaskTokenLength);
        if (input.TimeoutSeconds < 1)
        {
            throw InputError.Field("timeoutSeconds", $"must be at least 1, got {input.TimeoutSeconds}");
        }

        DateTimeOffset now = Services.Time.GetUtcNow();
        AccessRecord record = await AccessRecordUpdater.UpdateAsync(access.Store, input.RequestId,
            r => AccessLifecycle.Await(r, input.Kind, token, input.TimeoutSeconds, now), cancellationToken).ConfigureAwait(false);
        LogWaiting(input.RequestId, input.Kind, input.TimeoutSeconds);
        return new AwaitAccessDecisionOutput(record.RequestId, record.Status.ToString(), record.Wait?.Until ?? now);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Break-glass request {RequestId} waits ({Kind}) for at most {TimeoutSeconds} s")]
    private partial void LogWaiting(string requestId, string kind, int timeoutSeconds);
}
