namespace Automation.Sharding;

/// <summary>
/// The registry could not be read and nothing was ever loaded for the table, so the client cannot
/// tell whether a key is sharded. Thrown instead of guessing "not sharded": a wrong guess would
/// write to the hot key and, worse, read only the unsuffixed key and miss the sharded items.
/// Retrying later is safe.
/// </summary>
public sealed class ShardRegistryUnavailableException : Exception
{
    public ShardRegistryUnavailableException()
        : this("The shard registry is unavailable.")
    {
    }

    public ShardRegistryUnavailableException(string message)
        : base(message)
    {
    }

    public ShardRegistryUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The application table whose entries could not be loaded, when known.</summary>
    public string? TableName { get; init; }
}
