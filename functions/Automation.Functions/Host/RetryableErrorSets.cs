namespace Automation.Functions.Host;

/// <summary>The <see cref="IStepHandler.RetryableErrors"/> that steps share.</summary>
public static class RetryableErrorSets
{
    /// <summary>A step that reads and conditionally writes DynamoDB items (incidents, the shard registry): DynamoDB may be
    /// briefly unavailable or slow (TransientDependencyError, DeadlineExceeded), and a conditional write may lose a race
    /// that a re-read resolves (ConcurrentModification).</summary>
    public static readonly IReadOnlyList<string> ConditionalItemWrites =
        [ErrorTypes.TransientDependencyError, ErrorTypes.DeadlineExceeded, ErrorTypes.ConcurrentModification];

    /// <summary>A pure step (no I/O): nothing it throws gets better on a retry.</summary>
    public static readonly IReadOnlyList<string> None = [];
}
