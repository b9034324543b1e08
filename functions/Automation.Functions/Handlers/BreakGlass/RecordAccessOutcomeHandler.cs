using Automation.Core.Access;
using Automation.Functions.Aws;
using Automation.Functions.Contracts.BreakGlass;

namespace Automation.Functions.Handlers.BreakGlass;

/// <summary>
/// <c>RecordAccessOutcome</c>: one step of a request's life on its record (<see cref="AccessLifecycle"/>): granted,
/// extended, expired, rejected, revoked (with how: expiry, done, failure, stopped run, sweeper), revokeFailed, failed.
/// Idempotent: recording the same step twice changes nothing. For a failure it answers with the original error and
/// its message, for the execution's Fail state.
/// </summary>
public sealed partial class RecordAccessOutcomeHandler(StepServices services, AccessProvider access)
    : StepHandler<RecordAccessOutcomeInput, RecordAccessOutcomeOutput>(services)
{
    public const string StepName = "RecordAccessOutcome";

    /// <summary>The events this step records.</summary>
    public static readonly IReadOnlyList<string> Events = ["granted", "extended", "expired", "rejected", "revoked", "revokeFailed", "failed"];

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.ConditionalItemWrites;

    protected override async Task<RecordAccessOutcomeOutput> RunAsync(RecordAccessOutcomeInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        string what = input.Event is { } e && Events.Contains(e, StringComparer.Ordinal)
            ? e
            : throw InputError.Field("event", $"must be one of {string.Join(", ", Events)}, got '{input.Event}'");
        string? errorName = input.Error?.Error;
        string? message = input.Error is { } error ? FailureCauses.MessageOf(error.Cause) ?? error.Error : null;
        if (input.RequestId is null)
        {
            // A role the sweeper found without a request: nothing to record it on (the revoke run's history is the record).
            LogUnrecorded(what, input.RoleName);
            return new RecordAccessOutcomeOutput(null, "Unrecorded", errorName, message);
        }

        DateTimeOffset now = Services.Time.GetUtcNow();
        RevocationCause cause = input.Cause is null ? RevocationCause.Failure : ParseCause(input.Cause);
        AccessRecord record = await AccessRecordUpdater.UpdateAsync(access.Store, input.RequestId, r => what switch
        {
            "granted" => AccessLifecycle.Granted(r, now),
            "extended" => r, // PrepareExtension recorded the new expiry before IAM changed; the timeline's "extended" entry is there
            "expired" => AccessLifecycle.Expire(r, now),
            "rejected" => r.Status == AccessStatus.Rejected ? r : AccessLifecycle.Failed(r, "AwaitApproval", "Rejected", "rejected", now),
            "revoked" => AccessLifecycle.Revoked(r, cause, input.RoleName, input.ExecutionArn, now),
            "revokeFailed" => AccessLifecycle.RevokeFailed(r, cause, input.RoleName, $"{input.FailedStep}: {errorName}: {message}", input.ExecutionArn, now),
            _ => AccessLifecycle.Failed(r, input.FailedStep ?? "(unknown)", errorName ?? ErrorTypes.InternalError, message ?? "(no message)", now),
        }, cancellationToken).ConfigureAwait(false);
        LogRecorded(record.RequestId, what, record.Status, errorName);
        return new RecordAccessOutcomeOutput(record.RequestId, record.Status.ToString(), errorName, message);
    }

    private static RevocationCause ParseCause(string cause) =>
        Enum.TryParse(cause, ignoreCase: false, out RevocationCause parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw InputError.Field("cause", $"must be one of {string.Join(", ", Enum.GetNames<RevocationCause>())}, got '{cause}'");

    [LoggerMessage(Level = LogLevel.Information, Message = "Break-glass request {RequestId}: {Event} recorded, status {Status} (error {Error})")]
    private partial void LogRecorded(string requestId, string @event, AccessStatus status, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Break-glass {Event} for role {RoleName} has no request to record it on")]
    private partial void LogUnrecorded(string @event, string? roleName);
}
