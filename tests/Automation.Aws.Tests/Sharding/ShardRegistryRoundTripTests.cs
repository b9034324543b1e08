using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Automation.Aws.Sharding;
using Automation.Core.Errors;
using Automation.Sharding;
using Automation.Tests.Fakes;
using Automation.Tests.Moto;

namespace Automation.Aws.Tests.Sharding;

/// <summary>
/// The workflow writes with <see cref="ShardRegistryStore"/> and applications read with
/// <see cref="ShardRegistryClient"/>, against a real DynamoDB API (moto). Each test has its own registry table.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class ShardRegistryRoundTripTests : IAsyncLifetime, IDisposable
{
    private readonly MotoServer _moto;
    private readonly AmazonDynamoDBClient _dynamoDb;
    private readonly string _registry = "shard-registry-" + Guid.NewGuid().ToString("N")[..12];
    private readonly ManualTimeProvider _clock = new();

    public ShardRegistryRoundTripTests(MotoServer moto)
    {
        _moto = moto;
        _dynamoDb = moto.CreateDynamoDbClient();
    }

    public Task InitializeAsync() => _dynamoDb.CreateTableAsync(ShardRegistrySchema.CreateTableRequest(_registry));

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _dynamoDb.Dispose();

    private ShardRegistryStore Store(IAmazonDynamoDB? client = null) => new(client ?? _dynamoDb, _registry, _clock);

    private ShardRegistryClient Client() => new(_dynamoDb, _registry, timeProvider: _clock);

    private static ShardRegistryUpdate Change(int shardCount, string incident = "inc-1", ShardStrategy strategy = ShardStrategy.Calculated, string key = "tenant-7") =>
        new("Orders", key, shardCount, strategy, incident, "WriteKeyRangeThroughputThrottleEvents on a single key");

    [Fact]
    public async Task A_new_entry_is_written_at_version_1_and_applications_shard_by_it()
    {
        var result = await Store().PutShardingAsync(Change(4), expectedVersion: null);

        Assert.True(result.Written);
        Assert.Equal(1, result.Entry.Version);
        Assert.Equal(0, result.Entry.PreviousShardCount);
        Assert.Equal(_clock.GetUtcNow(), result.Entry.UpdatedAt);

        var client = Client();
        Assert.Equal(result.Entry, await client.GetEntryAsync("Orders", "tenant-7"));
        Assert.Equal("tenant-7#0", await client.ResolveWriteKeyAsync("Orders", "tenant-7", "foobar"));
        Assert.Equal(["tenant-7#0", "tenant-7#1", "tenant-7#2", "tenant-7#3"], await client.ResolveReadKeysAsync("Orders", "tenant-7"));
        Assert.Equal("tenant-9", await client.ResolveWriteKeyAsync("Orders", "tenant-9", "foobar"));
    }

    [Fact]
    public async Task An_update_at_the_expected_version_bumps_it_and_records_the_previous_count()
    {
        var store = Store();
        await store.PutShardingAsync(Change(4), expectedVersion: null);
        _clock.Advance(TimeSpan.FromMinutes(20));

        var result = await store.PutShardingAsync(Change(8, incident: "inc-2", strategy: ShardStrategy.Random), expectedVersion: 1);

        Assert.True(result.Written);
        var stored = await store.GetAsync("Orders", "tenant-7");
        Assert.Equal(result.Entry, stored);
        Assert.Equal((2L, 8, 4, ShardStrategy.Random, "inc-2"), (stored!.Version, stored.ShardCount, stored.PreviousShardCount, stored.Strategy, stored.IncidentId));
        Assert.Equal(_clock.GetUtcNow(), stored.UpdatedAt);
    }

    [Fact]
    public async Task Writing_the_same_decision_twice_is_a_no_op_success()
    {
        var store = Store();
        var first = await store.PutShardingAsync(Change(4), expectedVersion: null);
        _clock.Advance(TimeSpan.FromMinutes(1));

        // A redelivered step repeats its input, including the now-stale expected version.
        var again = await store.PutShardingAsync(Change(4), expectedVersion: null);

        Assert.False(again.Written);
        Assert.Equal(first.Entry, again.Entry);
        Assert.Equal(first.Entry, await store.GetAsync("Orders", "tenant-7"));
    }

    [Fact]
    public async Task A_stale_expected_version_is_a_concurrent_modification_and_changes_nothing()
    {
        var store = Store();
        await store.PutShardingAsync(Change(4), expectedVersion: null);
        var current = await store.PutShardingAsync(Change(8, incident: "inc-2"), expectedVersion: 1);

        var error = await Assert.ThrowsAsync<AutomationException>(() => store.PutShardingAsync(Change(6, incident: "inc-3"), expectedVersion: 1));

        Assert.Equal(ErrorTypes.ConcurrentModification, error.ErrorType);
        Assert.Equal("expectedVersion", error.Field);
        Assert.Equal(current.Entry, await store.GetAsync("Orders", "tenant-7"));
    }

    [Fact]
    public async Task A_race_lost_between_read_and_conditional_write_is_a_concurrent_modification()
    {
        await Store().PutShardingAsync(Change(4), expectedVersion: null);
        var competitor = Store();
        using var racing = new RacingDynamoDbClient(_moto.ServiceUrl, () => competitor.PutShardingAsync(Change(8, incident: "inc-competitor"), expectedVersion: 1));

        var error = await Assert.ThrowsAsync<AutomationException>(() => Store(racing).PutShardingAsync(Change(6, incident: "inc-loser"), expectedVersion: 1));

        Assert.Equal(ErrorTypes.ConcurrentModification, error.ErrorType);
        Assert.IsType<ConditionalCheckFailedException>(error.InnerException);
        var stored = await competitor.GetAsync("Orders", "tenant-7");
        Assert.Equal(("inc-competitor", 8, 2L), (stored!.IncidentId, stored.ShardCount, stored.Version));
    }

    [Fact]
    public async Task Two_executions_creating_the_same_new_entry_race_and_the_loser_is_told_it_conflicted()
    {
        var competitor = Store();
        using var racing = new RacingDynamoDbClient(_moto.ServiceUrl, () => competitor.PutShardingAsync(Change(4, incident: "inc-a"), expectedVersion: null));

        var error = await Assert.ThrowsAsync<AutomationException>(() => Store(racing).PutShardingAsync(Change(4, incident: "inc-b"), expectedVersion: null));

        Assert.Equal(ErrorTypes.ConcurrentModification, error.ErrorType);
        Assert.Equal("inc-a", (await competitor.GetAsync("Orders", "tenant-7"))!.IncidentId);
    }

    [Fact]
    public async Task Losing_a_race_to_the_same_decision_is_the_idempotent_case()
    {
        var competitor = Store();
        using var racing = new RacingDynamoDbClient(_moto.ServiceUrl, () => competitor.PutShardingAsync(Change(4), expectedVersion: null));

        var result = await Store(racing).PutShardingAsync(Change(4), expectedVersion: null);

        Assert.False(result.Written);
        Assert.Equal(1, result.Entry.Version);
    }

    [Fact]
    public async Task Lowering_the_shard_count_needs_the_explicit_flag()
    {
        var store = Store();
        await store.PutShardingAsync(Change(8), expectedVersion: null);

        var refused = await Assert.ThrowsAsync<AutomationException>(() => store.PutShardingAsync(Change(4, incident: "inc-2"), expectedVersion: 1));
        Assert.Equal(ErrorTypes.GuardrailRefused, refused.ErrorType);
        Assert.Equal("shardCount", refused.Field);
        Assert.Equal(8, (await store.GetAsync("Orders", "tenant-7"))!.ShardCount);

        var lowered = await store.PutShardingAsync(Change(4, incident: "inc-2"), expectedVersion: 1, allowDecrease: true);
        Assert.Equal((4, 8, 2L), (lowered.Entry.ShardCount, lowered.Entry.PreviousShardCount, lowered.Entry.Version));
    }

    [Theory]
    [InlineData(0, "inc-1", "shardCount")]
    [InlineData(4, "", "incidentId")]
    public async Task A_malformed_change_is_refused_naming_the_field_and_nothing_is_written(int shardCount, string incident, string field)
    {
        var store = Store();

        var error = await Assert.ThrowsAsync<AutomationException>(() => store.PutShardingAsync(Change(shardCount, incident), expectedVersion: null));

        Assert.Equal(ErrorTypes.InvalidInput, error.ErrorType);
        Assert.Equal(field, error.Field);
        Assert.Null(await store.GetAsync("Orders", "tenant-7"));
    }

    [Fact]
    public async Task The_client_loads_all_entries_of_a_table_in_one_query_and_ignores_other_tables()
    {
        var store = Store();
        for (int i = 0; i < 30; i++)
        {
            await store.PutShardingAsync(Change(2 + (i % 5), key: $"tenant-{i}"), expectedVersion: null);
        }

        await store.PutShardingAsync(Change(3) with { TableName = "Invoices" }, expectedVersion: null);

        var client = Client();
        for (int i = 0; i < 30; i++)
        {
            Assert.Equal(2 + (i % 5), (await client.ResolveReadKeysAsync("Orders", $"tenant-{i}")).Count);
        }

        Assert.Equal(3, (await client.ResolveReadKeysAsync("Invoices", "tenant-7")).Count);
        Assert.Equal(["tenant-30"], await client.ResolveReadKeysAsync("Orders", "tenant-30"));
    }

    [Fact]
    public async Task An_application_writes_through_the_library_and_a_fan_out_query_finds_every_item()
    {
        // The README's example: an Orders table keyed (pk, sk); tenant-7 had one item before it was sharded.
        string orders = "orders-" + Guid.NewGuid().ToString("N")[..8];
        await _dynamoDb.CreateTableAsync(new CreateTableRequest
        {
            TableName = orders,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new("pk", ScalarAttributeType.S), new("sk", ScalarAttributeType.S)],
            KeySchema = [new("pk", KeyType.HASH), new("sk", KeyType.RANGE)],
        });
        await PutOrderAsync(orders, "tenant-7", "order-legacy");
        await Store().PutShardingAsync(Change(4) with { TableName = orders, MigrationWindowEndsAt = _clock.GetUtcNow().AddMinutes(15) }, expectedVersion: null);
        var client = Client();

        var written = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < 40; i++)
        {
            string orderId = $"order-{i:D3}";
            string pk = await client.ResolveWriteKeyAsync(orders, "tenant-7", orderId);
            written.Add(pk);
            await PutOrderAsync(orders, pk, orderId);
        }

        Assert.Equal(4, written.Count);
        Assert.Equal(41, (await FanOutQueryAsync(client, orders)).Count);
        var item = await client.ResolveItemReadKeysAsync(orders, "tenant-7", "order-007");
        Assert.Contains(await client.ResolveWriteKeyAsync(orders, "tenant-7", "order-007"), item);

        // After the window the unsuffixed key is no longer read: the migration must have moved its items by then.
        _clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(40, (await FanOutQueryAsync(client, orders)).Count);
    }

    [Fact]
    public async Task An_unreachable_registry_with_nothing_loaded_fails_the_call()
    {
        using var nowhere = MotoServer.CreateDynamoDbClient($"http://127.0.0.1:{MotoServer.FreePort()}");
        var client = new ShardRegistryClient(nowhere, _registry, timeProvider: _clock);

        var error = await Assert.ThrowsAsync<ShardRegistryUnavailableException>(() => client.ResolveWriteKeyAsync("Orders", "tenant-7", "x"));
        Assert.NotNull(error.InnerException);
    }

    private Task<PutItemResponse> PutOrderAsync(string table, string pk, string orderId) =>
        _dynamoDb.PutItemAsync(table, new Dictionary<string, AttributeValue>
        {
            ["pk"] = new() { S = pk },
            ["sk"] = new() { S = orderId },
        });

    private async Task<List<string>> FanOutQueryAsync(ShardRegistryClient client, string table)
    {
        var sortKeys = new List<string>();
        foreach (string pk in await client.ResolveReadKeysAsync(table, "tenant-7"))
        {
            Dictionary<string, AttributeValue>? start = null;
            do
            {
                var page = await _dynamoDb.QueryAsync(new QueryRequest
                {
                    TableName = table,
                    KeyConditionExpression = "pk = :pk",
                    ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = pk } },
                    ExclusiveStartKey = start,
                });
                sortKeys.AddRange((page.Items ?? []).Select(i => i["sk"].S));
                start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            }
            while (start is not null);
        }

        return sortKeys;
    }
}
