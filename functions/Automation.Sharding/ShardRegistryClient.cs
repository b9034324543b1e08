using Amazon.DynamoDBv2;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Automation.Sharding;

/// <summary>
/// What an application calls to honour write-sharding: which partition key to write an item
/// under, and which keys to read (fan-out) for a logical key. Looks each table's entries up in
/// the shard registry through a short-TTL cache (see <see cref="ShardRegistryClientOptions"/>),
/// then applies <see cref="ShardKeyCalculator"/>. Thread-safe; create one per registry and share it.
/// </summary>
/// <remarks>
/// Once a table's entries are loaded, calls never wait for the registry again: after the TTL
/// they get the cached entries while one background reload runs (stale-while-revalidate).
/// Failure policy: if a reload fails, the last loaded entries keep being served (sharding
/// changes are rare, a stale layout is still a correct one until the migration window closes)
/// and the failure is logged and raised as <see cref="RefreshFailed"/>. If nothing was ever
/// loaded for the table, calls throw <see cref="ShardRegistryUnavailableException"/>: guessing
/// "not sharded" would hide sharded items from reads.
/// </remarks>
public sealed partial class ShardRegistryClient
{
    private readonly ShardRegistryCache _cache;
    private readonly ShardKeyCalculator _calculator;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>A client that reads the registry table through <paramref name="dynamoDb"/>.</summary>
    /// <param name="dynamoDb">Any DynamoDB client; needs dynamodb:Query on the registry table.</param>
    /// <param name="registryTableName">The shard-registry table (the stack's ShardRegistryTableName output).</param>
    /// <param name="options">Cache settings; defaults: TTL 30 s, retry after failure 5 s.</param>
    /// <param name="timeProvider">Clock for the TTL and migration windows; defaults to the system clock.</param>
    /// <param name="logger">Where refresh failures are logged.</param>
    /// <param name="calculator">Key rules (inject one with a seeded <see cref="Random"/> in tests).</param>
    public ShardRegistryClient(
        IAmazonDynamoDB dynamoDb,
        string registryTableName,
        ShardRegistryClientOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<ShardRegistryClient>? logger = null,
        ShardKeyCalculator? calculator = null)
        : this(new DynamoDbShardRegistrySource(dynamoDb, registryTableName), options, timeProvider, logger, calculator)
    {
    }

    /// <summary>A client over any registry source.</summary>
    public ShardRegistryClient(
        IShardRegistrySource source,
        ShardRegistryClientOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<ShardRegistryClient>? logger = null,
        ShardKeyCalculator? calculator = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new ShardRegistryClientOptions();
        options.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<ShardRegistryClient>.Instance;
        _calculator = calculator ?? new ShardKeyCalculator();
        _cache = new ShardRegistryCache(source, options, _timeProvider, OnRefreshFailed);
    }

    /// <summary>
    /// Raised when loading a table's entries fails (from the thread that ran the load). Use it for
    /// a metric or alarm; exceptions thrown by handlers are logged and ignored.
    /// </summary>
    public event EventHandler<ShardRegistryRefreshFailedEventArgs>? RefreshFailed;

    /// <summary>The registry entry of a logical key, or null when the key is not sharded.</summary>
    public async Task<ShardRegistryEntry?> GetEntryAsync(string tableName, string logicalKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        ArgumentException.ThrowIfNullOrEmpty(logicalKey);
        var snapshot = await _cache.GetAsync(tableName, waitForReload: false, cancellationToken).ConfigureAwait(false);
        return snapshot.Find(logicalKey);
    }

    /// <summary>
    /// Loads a table's entries now unless fresh ones are cached, waiting for the load (joining one
    /// already in flight). Call it at startup to take the first load off the request path and to
    /// fail fast when the registry is unreachable: it throws <see cref="ShardRegistryUnavailableException"/>
    /// when nothing could ever be loaded, and returns normally when stale entries remain in use.
    /// </summary>
    public async Task PreloadAsync(string tableName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        await _cache.GetAsync(tableName, waitForReload: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The partition key value to write an item of <paramref name="logicalKey"/> under:
    /// the key unchanged when not sharded, else <c>logicalKey#suffix</c>.
    /// </summary>
    /// <param name="tableName">The application table.</param>
    /// <param name="logicalKey">The item's logical partition key value.</param>
    /// <param name="shardingValue">
    /// What distinguishes the item within the logical key (usually its sort key value). The
    /// calculated strategy hashes it, so the item's shard can be found again without a fan-out.
    /// </param>
    /// <param name="cancellationToken">Stops waiting (a registry load in progress goes on for other callers).</param>
    public async Task<string> ResolveWriteKeyAsync(string tableName, string logicalKey, string shardingValue, CancellationToken cancellationToken = default)
    {
        var entry = await GetEntryAsync(tableName, logicalKey, cancellationToken).ConfigureAwait(false);
        return _calculator.WriteKey(entry, logicalKey, shardingValue);
    }

    /// <summary>
    /// Every partition key value that may hold items of <paramref name="logicalKey"/>: Query each and
    /// merge. One key when not sharded; N (plus the previous layout's keys during a migration window) when sharded.
    /// </summary>
    public async Task<IReadOnlyList<string>> ResolveReadKeysAsync(string tableName, string logicalKey, CancellationToken cancellationToken = default)
    {
        var entry = await GetEntryAsync(tableName, logicalKey, cancellationToken).ConfigureAwait(false);
        return ShardKeyCalculator.ReadKeys(entry, logicalKey, _timeProvider.GetUtcNow());
    }

    /// <summary>
    /// The partition key values that may hold the single item with <paramref name="shardingValue"/>:
    /// one key under the calculated strategy outside a migration window; the full fan-out under the random strategy.
    /// </summary>
    public async Task<IReadOnlyList<string>> ResolveItemReadKeysAsync(string tableName, string logicalKey, string shardingValue, CancellationToken cancellationToken = default)
    {
        var entry = await GetEntryAsync(tableName, logicalKey, cancellationToken).ConfigureAwait(false);
        return ShardKeyCalculator.ItemReadKeys(entry, logicalKey, shardingValue, _timeProvider.GetUtcNow());
    }

    private void OnRefreshFailed(string tableName, Exception exception, DateTimeOffset? staleLoadedAt)
    {
        if (staleLoadedAt is { } loadedAt)
        {
            LogServingStale(_logger, exception, tableName, loadedAt);
        }
        else
        {
            LogUnavailable(_logger, exception, tableName);
        }

        try
        {
            RefreshFailed?.Invoke(this, new ShardRegistryRefreshFailedEventArgs(tableName, exception, staleLoadedAt));
        }
        catch (Exception handlerException) // a faulty handler must not break the application's reads and writes
        {
            LogHandlerFailed(_logger, handlerException, tableName);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard registry reload for table {TableName} failed; serving the entries loaded at {LoadedAt}")]
    private static partial void LogServingStale(ILogger logger, Exception exception, string tableName, DateTimeOffset loadedAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shard registry load for table {TableName} failed and nothing was loaded before; calls for this table fail until it loads")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string tableName);

    [LoggerMessage(Level = LogLevel.Error, Message = "A RefreshFailed handler threw for table {TableName}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string tableName);
}
