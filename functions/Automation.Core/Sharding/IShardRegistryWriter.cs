namespace Automation.Core.Sharding;

/// <summary>
/// The port to the shard registry that applications read. The adapter writes each assignment conditionally on the
/// entry's version read just before, so a concurrent change surfaces as <c>ConcurrentModification</c>; writing the
/// same assignment again (a redelivered step) writes nothing and reports <c>Written: false</c>.
/// </summary>
/// <typeparam name="TEntry">The registry's own entry type, reported back as written.</typeparam>
public interface IShardRegistryWriter<TEntry>
{
    /// <summary>Records one assignment.</summary>
    Task<(bool Written, TEntry Entry)> WriteAsync(ShardAssignment assignment, CancellationToken cancellationToken);
}
