using Automation.Core.Access;
using Automation.Functions.Aws;
using Automation.Functions.Contracts.BreakGlass;

namespace Automation.Functions.Handlers.BreakGlass;

/// <summary>
/// <c>JudgeSweptRole</c>: the sweeper's verdict on one role under the break-glass path (<see cref="AccessSweeper.Judge(string, IReadOnlyDictionary{string, string}, string?, DateTimeOffset)"/>,
/// pure): revoke when its expiry tag is past, when it has no request tag, or when its request is not live (granting or
/// active); keep it otherwise. Reads only the request's status.
/// </summary>
public sealed partial class JudgeSweptRoleHandler(StepServices services, AccessProvider access)
    : StepHandler<JudgeSweptRoleInput, SweepJudgement>(services)
{
    public const string StepName = "JudgeSweptRole";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => [ErrorTypes.TransientDependencyError, ErrorTypes.DeadlineExceeded];

    protected override async Task<SweepJudgement> RunAsync(JudgeSweptRoleInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        var tags = (input.Tags ?? []).GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        string? requestId = AccessSweeper.IsBreakGlassRoleName(input.RoleName)
            && tags.TryGetValue(AccessPolicySynthesizer.RequestIdTag, out string? id) && AccessRequestIds.IsWellFormed(id) ? id : null;
        AccessRecord? record = requestId is null ? null : await access.Store.GetAsync(requestId, cancellationToken).ConfigureAwait(false);
        (SweepVerdict verdict, string reason) = AccessSweeper.Judge(input.RoleName, tags, record?.Status.ToString(), Services.Time.GetUtcNow());
        LogJudged(input.RoleName, verdict, reason);
        return new SweepJudgement(verdict.ToString(), reason, requestId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweeper: role {RoleName} {Verdict} ({Reason})")]
    private partial void LogJudged(string roleName, SweepVerdict verdict, string reason);
}
