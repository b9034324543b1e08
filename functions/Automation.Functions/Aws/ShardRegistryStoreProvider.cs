using Amazon.DynamoDBv2;
using Automation.Aws.Sharding;

namespace Automation.Functions.Aws;

/// <summary>
/// Gives ApplySharding its <see cref="ShardRegistryStore"/>, created on first use: the table from
/// SHARD_REGISTRY_TABLE (template.yaml), the client <see cref="SharedDynamoDbClient"/>.
/// </summary>
public sealed class ShardRegistryStoreProvider
{
    public const string TableVariable = "SHARD_REGISTRY_TABLE";

    private readonly Lazy<ShardRegistryStore> _store;

    public ShardRegistryStoreProvider(Func<ShardRegistryStore> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        _store = new Lazy<ShardRegistryStore>(create);
    }

    public ShardRegistryStore Store => _store.Value;

    /// <summary>The deployed configuration.</summary>
    public static ShardRegistryStoreProvider FromEnvironment(ILoggerFactory loggers, TimeProvider time) =>
        new(() => new ShardRegistryStore(SharedDynamoDbClient.Instance, TableFromEnvironment(), time, loggers.CreateLogger<ShardRegistryStore>()));

    /// <summary>A store on the given client and table (tests, tools).</summary>
    public static ShardRegistryStoreProvider For(IAmazonDynamoDB dynamoDb, string table, TimeProvider time) =>
        new(() => new ShardRegistryStore(dynamoDb, table, time));

    /// <exception cref="AutomationException"><c>InternalError</c>: the function is deployed without its setting.</exception>
    public static string TableFromEnvironment() =>
        Environment.GetEnvironmentVariable(TableVariable) is { Length: > 0 } table && !string.IsNullOrWhiteSpace(table)
            ? table.Trim()
            : throw new AutomationException(ErrorTypes.InternalError, $"{TableVariable} is not set: the function's environment must name the shard registry table (template.yaml).");
}
