namespace Automation.Sharding;

/// <summary>How <see cref="ShardRegistryClient"/> caches the registry.</summary>
public sealed class ShardRegistryClientOptions
{
    /// <summary>
    /// How long a loaded table's entries are served before the next call reloads them (default 30 s).
    /// This bounds how late an application sees a shard-count change, so the workflow's migration
    /// window must be longer than it.
    /// </summary>
    public TimeSpan CacheTtl { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After a failed load, how long calls get the stale entries (or the failure, if nothing was
    /// ever loaded) without asking the registry again (default 5 s), so an outage is not hammered.
    /// </summary>
    public TimeSpan RetryAfterFailure { get; init; } = TimeSpan.FromSeconds(5);

    internal void Validate()
    {
        if (CacheTtl <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CacheTtl), CacheTtl, "must be positive");
        }

        if (RetryAfterFailure < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryAfterFailure), RetryAfterFailure, "must not be negative");
        }
    }
}
