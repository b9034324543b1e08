using Automation.Functions.Host;
using Automation.Tests.Fakes;

namespace Automation.Template.Tests;

/// <summary>
/// The errors each step (by its template.yaml <c>Handler</c>) can report that a retry may cure, beyond the Lambda
/// service errors every Lambda task retries: what each handler declares in <see cref="IStepHandler.RetryableErrors"/>
/// (shared sets: <see cref="RetryableErrorSets"/>). The ASL's second retrier of a Lambda task must name exactly these
/// (RetryPolicyTests), so a step that starts doing I/O, or stops, changes its declaration and the ASL together.
/// </summary>
internal static class DeclaredTransientErrors
{
    /// <summary>Handler name → the retriable errors it declares (empty: none, the task has no second retrier).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByHandler { get; } =
        StoreFreeCatalog.Create()
            .ToDictionary(h => h.Key, h => h.Value.RetryableErrors, StringComparer.Ordinal);

}
