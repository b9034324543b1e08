using Amazon.DynamoDBv2.Model;
using Automation.Aws.Incidents;
using Automation.Functions.Tests.Incidents;
using Automation.Sharding;
using Automation.Tests.Moto;
using Automation.Tests.Shared;

namespace Automation.Functions.Tests.Host;

/// <summary>
/// The published (Native AOT) <c>bootstrap</c> doing real AWS SDK work: DynamoDB calls against moto, configured from
/// the environment exactly as template.yaml configures the deployed functions. Under AOT, anything reflection-based
/// in the SDK or our JSON would fail here even if the in-process handler tests pass.
/// </summary>
[Collection(nameof(PublishedBootstrapGroup))]
public sealed class BootstrapAwsTests(PublishedBootstrap bootstrap, MotoServer moto)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly MotoServer _moto = moto;

    [Fact]
    public async Task OpenIncident_writes_the_incident_through_the_sdk_and_a_retry_reads_it_back()
    {
        using var dynamoDb = _moto.CreateDynamoDbClient();
        string table = await IncidentTables.CreateAsync(dynamoDb);
        await using var api = FakeRuntimeApi.Start();
        await using var process = BootstrapProcess.Start(bootstrap.ExecutablePath, api.Address, "OpenIncident", environment: Environment(table, registry: "unused"));
        string payload = File.ReadAllText(RepoPaths.Event("OpenIncident", "alarm-trigger.json"));

        var first = (await api.Enqueue(payload, DateTimeOffset.UtcNow.AddSeconds(30)).WaitAsync(Patience)).ResponseJson();
        var again = (await api.Enqueue(payload, DateTimeOffset.UtcNow.AddSeconds(30)).WaitAsync(Patience)).ResponseJson();

        Assert.Equal(IncidentHandlerHarness.AlarmIncidentId, first.GetProperty("incidentId").GetString());
        Assert.False(first.GetProperty("duplicate").GetBoolean());
        Assert.Equal(first.GetProperty("incidentId").GetString(), again.GetProperty("incidentId").GetString());
        Assert.False(again.GetProperty("duplicate").GetBoolean()); // the same execution retrying, not another delivery
        var item = await IncidentTables.RawItemAsync(dynamoDb, table, IncidentTableSchema.IncidentPk(IncidentHandlerHarness.AlarmIncidentId), IncidentTableSchema.IncidentSortKey);
        Assert.NotEmpty(item);
    }

    [Fact]
    public async Task ApplySharding_writes_the_registry_entry_through_the_sdk()
    {
        using var dynamoDb = _moto.CreateDynamoDbClient();
        string registry = "shard-registry-" + Guid.NewGuid().ToString("N")[..12];
        await dynamoDb.CreateTableAsync(ShardRegistrySchema.CreateTableRequest(registry));
        await using var api = FakeRuntimeApi.Start();
        await using var process = BootstrapProcess.Start(bootstrap.ExecutablePath, api.Address, "ApplySharding", environment: Environment("unused", registry));

        var output = (await api.Enqueue(File.ReadAllText(RepoPaths.Event("ApplySharding", "hot-key.json")), DateTimeOffset.UtcNow.AddSeconds(30)).WaitAsync(Patience)).ResponseJson();

        Assert.Equal("customer#4711", output.GetProperty("written")[0].GetProperty("logicalKey").GetString());
        var stored = await dynamoDb.GetItemAsync(new GetItemRequest { TableName = registry, Key = ShardRegistrySchema.Key("Orders", "customer#4711"), ConsistentRead = true });
        Assert.Equal(output.GetProperty("written")[0].GetProperty("shardCount").GetInt32(), ShardRegistrySchema.FromItem(stored.Item).ShardCount);
    }

    private Dictionary<string, string> Environment(string incidents, string registry) => new()
    {
        ["AWS_ENDPOINT_URL"] = _moto.ServiceUrl,
        ["AWS_REGION"] = MotoServer.Region,
        ["AWS_DEFAULT_REGION"] = MotoServer.Region,
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["INCIDENTS_TABLE"] = incidents,
        ["SHARD_REGISTRY_TABLE"] = registry,
    };
}
