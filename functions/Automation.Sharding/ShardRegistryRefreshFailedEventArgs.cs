namespace Automation.Sharding;

/// <summary>A load of one table's registry entries failed (raised by <see cref="ShardRegistryClient.RefreshFailed"/>).</summary>
/// <param name="tableName">The application table.</param>
/// <param name="exception">What the load threw.</param>
/// <param name="staleLoadedAt">When the entries still being served were loaded; null when nothing was ever loaded (calls fail).</param>
public sealed class ShardRegistryRefreshFailedEventArgs(string tableName, Exception exception, DateTimeOffset? staleLoadedAt) : EventArgs
{
    /// <summary>The application table.</summary>
    public string TableName { get; } = tableName;

    /// <summary>What the load threw.</summary>
    public Exception Exception { get; } = exception;

    /// <summary>When the entries still being served were loaded; null when calls fail instead.</summary>
    public DateTimeOffset? StaleLoadedAt { get; } = staleLoadedAt;

    /// <summary>Whether the client keeps serving stale entries (true) or fails calls (false).</summary>
    public bool ServingStale => StaleLoadedAt is not null;
}
