using Amazon.DynamoDBv2;

using Automation.Aws.Posture;
using Automation.Core.Posture;

namespace Automation.Functions.Aws;

/// <summary>
/// Gives RecordPosture its run store, created on first use. In Lambda the table comes from POSTURE_RUNS_TABLE (set by
/// template.yaml) and the client is <see cref="SharedDynamoDbClient"/>.
/// </summary>
public sealed class PostureRunStoreProvider(Func<IPostureRunStore> create)
{
    private readonly Lazy<IPostureRunStore> _store = new(create);

    public IPostureRunStore Store => _store.Value;

    /// <summary>The deployed configuration (read on first use).</summary>
    public static PostureRunStoreProvider FromEnvironment() => new(() =>
    {
        string? table = Environment.GetEnvironmentVariable(DynamoDbPostureRunStore.TableVariable);
        return string.IsNullOrWhiteSpace(table)
            ? throw new AutomationException(ErrorTypes.InternalError, $"{DynamoDbPostureRunStore.TableVariable} is not set: the function's environment must name the posture-runs table (template.yaml).")
            : new DynamoDbPostureRunStore(SharedDynamoDbClient.Instance, table.Trim());
    });

    /// <summary>A store on the given client and table (tests, tools).</summary>
    public static PostureRunStoreProvider For(IAmazonDynamoDB dynamoDb, string table) => new(() => new DynamoDbPostureRunStore(dynamoDb, table));

    /// <summary>Any store (fakes).</summary>
    public static PostureRunStoreProvider For(IPostureRunStore store) => new(() => store);
}
