using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Automation.Core.Errors;
using Automation.Core.Sharding;
using Automation.Sharding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Automation.Aws.Sharding;

/// <summary>
/// The workflow's writer of the shard registry that applications read through
/// <see cref="ShardRegistryClient"/> (same item mapping: <see cref="ShardRegistrySchema"/>).
/// Every write is conditional on the version the caller read, so two executions cannot
/// overwrite each other's decision unseen.
/// </summary>
public sealed partial class ShardRegistryStore : IShardRegistryWriter<ShardRegistryEntry>
{
    private readonly IAmazonDynamoDB _dynamoDb;
    private readonly string _registryTableName;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <param name="dynamoDb">Needs dynamodb:GetItem and dynamodb:PutItem on the registry table.</param>
    /// <param name="registryTableName">The shard-registry table.</param>
    /// <param name="timeProvider">Clock for <c>updatedAt</c>; defaults to the system clock.</param>
    /// <param name="logger">Where writes, repeats and lost races are logged.</param>
    public ShardRegistryStore(IAmazonDynamoDB dynamoDb, string registryTableName, TimeProvider? timeProvider = null, ILogger<ShardRegistryStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dynamoDb);
        ArgumentException.ThrowIfNullOrEmpty(registryTableName);
        _dynamoDb = dynamoDb;
        _registryTableName = registryTableName;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<ShardRegistryStore>.Instance;
    }

    /// <summary>The current entry of a logical key (strongly consistent), or null when there is none.</summary>
    public async Task<ShardRegistryEntry?> GetAsync(string tableName, string logicalKey, CancellationToken cancellationToken = default)
    {
        var response = await DynamoDbFailures.Guard("GetItem (shard registry)", _registryTableName, () => _dynamoDb.GetItemAsync(
            new GetItemRequest
            {
                TableName = _registryTableName,
                Key = ShardRegistrySchema.Key(tableName, logicalKey),
                ConsistentRead = true,
            },
            cancellationToken), cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? ShardRegistrySchema.FromItem(item) : null;
    }

    /// <summary>
    /// <see cref="IShardRegistryWriter{TEntry}"/>: records a planned assignment (the registry's calculated strategy),
    /// conditional on the version of the entry read just before.
    /// </summary>
    public async Task<(bool Written, ShardRegistryEntry Entry)> WriteAsync(ShardAssignment assignment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        if (!string.Equals(assignment.Algorithm, ShardingScheme.Algorithm, StringComparison.Ordinal))
        {
            throw InputError.Field("algorithm", $"must be '{ShardingScheme.Algorithm}' (the registry's calculated strategy), got '{assignment.Algorithm}'");
        }

        ShardRegistryEntry? current = await GetAsync(assignment.TableName, assignment.LogicalKey, cancellationToken).ConfigureAwait(false);
        var update = new ShardRegistryUpdate(
            assignment.TableName, assignment.LogicalKey, assignment.ShardCount, ShardStrategy.Calculated, assignment.IncidentId, assignment.Reason, assignment.MigrationWindowEndsAt);
        ShardRegistryPutResult result = await PutShardingAsync(update, current?.Version, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (result.Written, result.Entry);
    }

    /// <summary>
    /// Records <paramref name="change"/> as the key's sharding.
    /// <list type="bullet">
    /// <item>Same shard count, strategy and incident as the current entry: nothing is written (<see cref="ShardRegistryPutResult.Written"/> false), whatever <paramref name="expectedVersion"/> says: a redelivered step is a success.</item>
    /// <item>Otherwise the entry must be at <paramref name="expectedVersion"/> (null: must not exist yet), or <see cref="ErrorTypes.ConcurrentModification"/> is thrown; the write itself is conditional on it, so a race lost between read and write throws the same.</item>
    /// <item>A smaller shard count than the current one is refused (<see cref="ErrorTypes.GuardrailRefused"/>) unless <paramref name="allowDecrease"/>: items on the dropped shards would vanish from reads unless migrated first.</item>
    /// </list>
    /// The stored entry gets version = expected + 1 (1 when new), updatedAt = now, and previousShardCount = the current N (0 when new).
    /// </summary>
    public async Task<ShardRegistryPutResult> PutShardingAsync(ShardRegistryUpdate change, long? expectedVersion, bool allowDecrease = false, CancellationToken cancellationToken = default)
    {
        Validate(change, expectedVersion);
        var current = await GetAsync(change.TableName, change.LogicalKey, cancellationToken).ConfigureAwait(false);
        if (IsSameDecision(current, change))
        {
            LogAlreadyRecorded(_logger, change.TableName, change.LogicalKey, current.Version, change.IncidentId);
            return new ShardRegistryPutResult(current, Written: false);
        }

        if (current?.Version != expectedVersion)
        {
            throw VersionConflict(change, expectedVersion, current?.Version);
        }

        if (current is not null && change.ShardCount < current.ShardCount && !allowDecrease)
        {
            throw new AutomationException(
                ErrorTypes.GuardrailRefused,
                $"Refusing to lower the shard count of {change.TableName}/{change.LogicalKey} from {current.ShardCount} to {change.ShardCount} without allowDecrease: items on the dropped shards would no longer be read.")
            {
                Field = "shardCount",
            };
        }

        var entry = new ShardRegistryEntry(
            change.TableName,
            change.LogicalKey,
            change.ShardCount,
            change.Strategy,
            (expectedVersion ?? 0) + 1,
            _timeProvider.GetUtcNow(),
            change.IncidentId,
            change.Reason,
            current?.ShardCount ?? 0,
            change.MigrationWindowEndsAt);
        try
        {
            await DynamoDbFailures.Guard("PutItem (shard registry)", _registryTableName, () => _dynamoDb.PutItemAsync(ConditionalPut(entry, expectedVersion), cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException ex)
        {
            // Someone wrote between our read and our write. If it was this same decision (a duplicate
            // execution), that is the idempotent case; anything else is a conflict the caller must re-plan.
            var winner = await GetAsync(change.TableName, change.LogicalKey, cancellationToken).ConfigureAwait(false);
            if (IsSameDecision(winner, change))
            {
                LogAlreadyRecorded(_logger, change.TableName, change.LogicalKey, winner.Version, change.IncidentId);
                return new ShardRegistryPutResult(winner, Written: false);
            }

            LogLostRace(_logger, change.TableName, change.LogicalKey, expectedVersion, winner?.Version);
            throw new AutomationException(ErrorTypes.ConcurrentModification, VersionConflict(change, expectedVersion, winner?.Version).Message, ex)
            {
                Field = "expectedVersion",
            };
        }

        LogWritten(_logger, entry.TableName, entry.LogicalKey, entry.PreviousShardCount, entry.ShardCount, entry.Strategy, entry.Version, entry.IncidentId);
        return new ShardRegistryPutResult(entry, Written: true);
    }

    private PutItemRequest ConditionalPut(ShardRegistryEntry entry, long? expectedVersion)
    {
        var request = new PutItemRequest
        {
            TableName = _registryTableName,
            Item = ShardRegistrySchema.ToItem(entry),
        };
        if (expectedVersion is { } version)
        {
            request.ConditionExpression = "#v = :expected";
            request.ExpressionAttributeNames = new() { ["#v"] = ShardRegistrySchema.VersionAttribute };
            request.ExpressionAttributeValues = new() { [":expected"] = new AttributeValue { N = version.ToString(CultureInfo.InvariantCulture) } };
        }
        else
        {
            request.ConditionExpression = "attribute_not_exists(#t)";
            request.ExpressionAttributeNames = new() { ["#t"] = ShardRegistrySchema.TableNameAttribute };
        }

        return request;
    }

    private static bool IsSameDecision([NotNullWhen(true)] ShardRegistryEntry? current, ShardRegistryUpdate change) =>
        current is not null
        && current.ShardCount == change.ShardCount
        && current.Strategy == change.Strategy
        && string.Equals(current.IncidentId, change.IncidentId, StringComparison.Ordinal);

    private static AutomationException VersionConflict(ShardRegistryUpdate change, long? expected, long? found) =>
        new(
            ErrorTypes.ConcurrentModification,
            $"Shard registry entry {change.TableName}/{change.LogicalKey} is at version {found?.ToString(CultureInfo.InvariantCulture) ?? "none"}, not the expected {expected?.ToString(CultureInfo.InvariantCulture) ?? "none"}: re-read it and plan again.")
        {
            Field = "expectedVersion",
        };

    private static void Validate(ShardRegistryUpdate change, long? expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(change);
        Require(!string.IsNullOrEmpty(change.TableName), "tableName", "is required");
        Require(!string.IsNullOrEmpty(change.LogicalKey), "logicalKey", "is required");
        Require(change.ShardCount >= 1, "shardCount", $"must be >= 1 (got {change.ShardCount})");
        Require(Enum.IsDefined(change.Strategy), "strategy", "must be calculated or random");
        Require(!string.IsNullOrEmpty(change.IncidentId), "incidentId", "is required");
        Require(!string.IsNullOrEmpty(change.Reason), "reason", "is required");
        Require(expectedVersion is null or >= 1, "expectedVersion", "must be >= 1, or null for a new entry");
    }

    private static void Require(bool condition, string field, string problem)
    {
        if (!condition)
        {
            throw new AutomationException(ErrorTypes.InvalidInput, $"Sharding change: {field} {problem}.") { Field = field };
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard registry {TableName}/{LogicalKey}: {PreviousShardCount} -> {ShardCount} shards ({Strategy}), version {Version}, incident {IncidentId}")]
    private static partial void LogWritten(ILogger logger, string tableName, string logicalKey, int previousShardCount, int shardCount, ShardStrategy strategy, long version, string incidentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard registry {TableName}/{LogicalKey} already holds this decision (version {Version}, incident {IncidentId}); nothing written")]
    private static partial void LogAlreadyRecorded(ILogger logger, string tableName, string logicalKey, long version, string incidentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard registry {TableName}/{LogicalKey}: lost the write race (expected version {ExpectedVersion}, found {FoundVersion})")]
    private static partial void LogLostRace(ILogger logger, string tableName, string logicalKey, long? expectedVersion, long? foundVersion);
}
