using Automation.Core.Errors;

namespace Automation.Template.Tests;

/// <summary>
/// The errors each step (by its template.yaml <c>Handler</c>) can report that a retry may cure, beyond the
/// Lambda service errors every Lambda task retries. The ASL's second retrier of a Lambda task must name
/// exactly these (RetryPolicyTests). Read from the handlers and what they call:
/// <list type="bullet">
/// <item>DynamoDB I/O through <c>DynamoDbIncidentStore</c> (<c>DynamoDbFailures.Guard</c>): throttling, 5xx and
/// network failures become <see cref="ErrorTypes.TransientDependencyError"/>; a call cut by the invocation deadline
/// becomes <see cref="ErrorTypes.DeadlineExceeded"/>; its writes are conditional (optimistic lock, put-if-absent),
/// so a lost race is <see cref="ErrorTypes.ConcurrentModification"/>.</item>
/// <item><c>ShardRegistryStore</c> (ApplySharding) writes conditionally and honours the deadline, but does not
/// translate SDK failures: they surface as InternalError, never TransientDependencyError.</item>
/// <item>Pure steps (parse, compute, answer) do no I/O: nothing a retry can cure. (The host reports
/// DeadlineExceeded for any step invoked with less than its safety margin left, but a pure step would redo the same
/// work against the same budget.)</item>
/// <item>RecheckPlan refuses with <see cref="ErrorTypes.ResourceNotReady"/> while the table or a GSI is not ACTIVE:
/// retried with its own, longer backoff.</item>
/// </list>
/// The lead engineer will move these declarations into the handler classes; the tests read them only through
/// <see cref="ByHandler"/>, so swapping the source is a change to that one line.
/// </summary>
internal static class DeclaredTransientErrors
{
    private static readonly string[] IncidentStoreErrors =
        [ErrorTypes.TransientDependencyError, ErrorTypes.DeadlineExceeded, ErrorTypes.ConcurrentModification];

    /// <summary>Handler name → the retriable errors it declares (empty: none, the task has no second retrier).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByHandler { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["NormalizeTrigger"] = [],
        ["OpenIncident"] = IncidentStoreErrors,
        ["RecordIncidentStep"] = IncidentStoreErrors,
        ["RequestApproval"] = IncidentStoreErrors,
        ["CloseIncident"] = IncidentStoreErrors,
        ["RecordIncidentFailure"] = IncidentStoreErrors,
        ["BuildMetricQueries"] = [],
        ["Diagnose"] = [],
        ["Plan"] = [],
        ["RecheckPlan"] = [ErrorTypes.ResourceNotReady],
        ["ApplySharding"] = [ErrorTypes.DeadlineExceeded, ErrorTypes.ConcurrentModification],
        ["VerifyMitigation"] = [],
    };
}
