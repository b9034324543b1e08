using Amazon.DynamoDBv2;
using Automation.Aws.Tuning;
using Automation.Core.Tuning;

namespace Automation.Functions.Aws;

/// <summary>
/// Gives the threshold-tuning steps their change store, created on first use. In Lambda the table comes from
/// THRESHOLD_CHANGES_TABLE (set by template.yaml) and the client is <see cref="SharedDynamoDbClient"/>.
/// </summary>
public sealed class ThresholdChangeStoreProvider(Func<IThresholdChangeStore> create)
{
    private readonly Lazy<IThresholdChangeStore> _store = new(create);

    public IThresholdChangeStore Store => _store.Value;

    /// <summary>The deployed configuration (read on first use, so steps that never touch the store need no table).</summary>
    public static ThresholdChangeStoreProvider FromEnvironment() => new(() =>
    {
        string? table = Environment.GetEnvironmentVariable(DynamoDbThresholdChangeStore.TableVariable);
        return string.IsNullOrWhiteSpace(table)
            ? throw new AutomationException(ErrorTypes.InternalError, $"{DynamoDbThresholdChangeStore.TableVariable} is not set: the function's environment must name the threshold-changes table (template.yaml).")
            : new DynamoDbThresholdChangeStore(SharedDynamoDbClient.Instance, table.Trim());
    });

    /// <summary>A store on the given client and table (tests, tools).</summary>
    public static ThresholdChangeStoreProvider For(IAmazonDynamoDB dynamoDb, string table) => new(() => new DynamoDbThresholdChangeStore(dynamoDb, table));

    /// <summary>Any store (fakes).</summary>
    public static ThresholdChangeStoreProvider For(IThresholdChangeStore store) => new(() => store);
}
