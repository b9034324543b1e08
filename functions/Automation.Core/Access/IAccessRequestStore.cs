namespace Automation.Core.Access;

/// <summary>The access-requests table: one <see cref="AccessRecord"/> per request, changed by compare-and-swap on its version.</summary>
public interface IAccessRequestStore
{
    /// <summary>The record, or null when there is none (read strongly consistent).</summary>
    Task<AccessRecord?> GetAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>Writes a new record; false when one with that id exists already (nothing is written).</summary>
    Task<bool> CreateAsync(AccessRecord record, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="record"/> only if the stored one still has <paramref name="expectedVersion"/>; false otherwise.</summary>
    Task<bool> ReplaceAsync(AccessRecord record, int expectedVersion, CancellationToken cancellationToken);
}
