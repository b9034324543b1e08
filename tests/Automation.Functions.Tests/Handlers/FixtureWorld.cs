using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Automation.Aws.Access;
using Automation.Aws.Incidents;
using Automation.Aws.Posture;
using Automation.Aws.Queries;
using Automation.Aws.Tuning;
using Automation.Core.Triggers;
using Automation.Functions.Aws;
using Automation.Functions.Host;
using Automation.Functions.Runbooks;
using Automation.Sharding;
using Automation.Tests.Fakes;
using Automation.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Automation.Functions.Tests.Handlers;

/// <summary>
/// What an event fixture runs against: fresh incident and shard-registry tables on moto, the catalog over them with a
/// fixed clock (<see cref="Now"/>) and captured metrics, for running steps in-process (the fixtures themselves, or the
/// <c>given</c> ones before a fixture goes through the bootstrap). Alarm-started runs act (ALARM_TRIGGERED_DRY_RUN=false),
/// so fixtures show both dry-run sources apart.
/// </summary>
internal sealed class FixtureWorld
{
    private readonly AmazonDynamoDBClient _dynamoDb;
    private readonly (string Table, string[] Keys)[] _tables;
    private readonly IReadOnlyDictionary<string, IStepHandler> _handlers;

    /// <summary>The break-glass state machine the access API's answers name.</summary>
    public const string BreakGlassStateMachineArn = "arn:aws:states:eu-west-1:123456789012:stateMachine:BreakGlass";

    private FixtureWorld(AmazonDynamoDBClient dynamoDb, CreateTableRequest incidents, CreateTableRequest registry, CreateTableRequest audit, CreateTableRequest access, CreateTableRequest changes, CreateTableRequest runs, string bucket, DateTimeOffset now)
    {
        _dynamoDb = dynamoDb;
        _tables = [.. new[] { incidents, registry, audit, access, changes, runs }.Select(t => (t.TableName, t.KeySchema.Select(k => k.AttributeName).ToArray()))];
        ThresholdChangesTable = changes.TableName;
        PostureRunsTable = runs.TableName;
        (IncidentsTable, RegistryTable, QueryAuditTable, AccessRequestsTable, ResultsBucket, Now) = (incidents.TableName, registry.TableName, audit.TableName, access.TableName, bucket, now);
        var clock = new ManualTimeProvider(now);
        var services = new StepServices(NullLoggerFactory.Instance, Metrics, clock);
        var dependencies = new StepDependencies(
            IncidentStoreProvider.For(dynamoDb, IncidentStoreOptions.ForTable(IncidentsTable)),
            RunbookCatalogProvider.ForFolder(RepoPaths.Combine("runbooks")),
            ShardRegistryStoreProvider.For(dynamoDb, RegistryTable, clock),
            new TriggerOptions(AlarmTriggeredDryRun: false) { AlarmNamePrefix = "ddb-automation-" },
            QueryRunbookProvider.For(dynamoDb, SampleTables.S3Client(dynamoDb.Config.ServiceURL), new QueryResultWriterOptions(bucket), QueryAuditTable),
            AccessProvider.For(new DynamoDbAccessRequestStore(dynamoDb, AccessRequestsTable), BreakGlassStateMachineArn))
        {
            ThresholdChanges = ThresholdChangeStoreProvider.For(dynamoDb, changes.TableName),
            PostureRuns = PostureRunStoreProvider.For(dynamoDb, runs.TableName),
        };
        _handlers = HandlerCatalog.Create(services, dependencies);
    }

    public string IncidentsTable { get; }

    /// <summary>The threshold-change records (on moto).</summary>
    public string ThresholdChangesTable { get; }

    /// <summary>The posture run records (on moto).</summary>
    public string PostureRunsTable { get; }

    public string RegistryTable { get; }

    public string QueryAuditTable { get; }

    /// <summary>The break-glass request records (on moto).</summary>
    public string AccessRequestsTable { get; }

    /// <summary>The query runbook's results bucket (on moto).</summary>
    public string ResultsBucket { get; }

    public DateTimeOffset Now { get; }

    public CapturingMetrics Metrics { get; } = new();

    public static async Task<FixtureWorld> CreateAsync(AmazonDynamoDBClient dynamoDb, DateTimeOffset now)
    {
        string incidents = await IncidentTables.CreateAsync(dynamoDb);
        var registry = ShardRegistrySchema.CreateTableRequest("shard-registry-" + Guid.NewGuid().ToString("N")[..12]);
        await dynamoDb.CreateTableAsync(registry);
        var audit = SampleTables.QueryAuditTableRequest("query-audit-" + Guid.NewGuid().ToString("N")[..12]);
        await dynamoDb.CreateTableAsync(audit);
        var access = DynamoDbAccessRequestStore.CreateTableRequest("access-requests-" + Guid.NewGuid().ToString("N")[..12]);
        await dynamoDb.CreateTableAsync(access);
        var changes = DynamoDbThresholdChangeStore.CreateTableRequest("threshold-changes-" + Guid.NewGuid().ToString("N")[..12]);
        await dynamoDb.CreateTableAsync(changes);
        var runs = DynamoDbPostureRunStore.CreateTableRequest("posture-runs-" + Guid.NewGuid().ToString("N")[..12]);
        await dynamoDb.CreateTableAsync(runs);
        await SampleTables.EnsureAsync(dynamoDb);
        string bucket = await SampleTables.CreateBucketAsync(dynamoDb.Config.ServiceURL);
        return new FixtureWorld(dynamoDb, IncidentTableSchema.CreateTableRequest(incidents), registry, audit, access, changes, runs, bucket, now);
    }

    public Task<string> RunAsync(string step, string input) =>
        _handlers[step].HandleAsync(input, new InvocationContext("req-1", $"arn:aws:lambda:eu-west-1:123456789012:function:{step}", DateTimeOffset.UtcNow.AddMinutes(1), null, step), CancellationToken.None);

    /// <summary>Runs the fixture's <c>given</c> fixtures, in order.</summary>
    public async Task RunGivenAsync(EventFixture fixture)
    {
        foreach (var (step, input) in fixture.Given)
        {
            await RunAsync(step, input);
        }
    }

    /// <summary>Deletes every item of both tables: the next fixture starts as on fresh tables.</summary>
    public async Task ResetAsync()
    {
        foreach (var (table, keys) in _tables)
        {
            foreach (var item in await ScanAsync(table))
            {
                await _dynamoDb.DeleteItemAsync(new DeleteItemRequest { TableName = table, Key = keys.ToDictionary(k => k, k => item[k]) });
            }
        }
    }

    /// <summary>Every item of both tables, canonical JSON, sorted: equal snapshots mean nothing changed.</summary>
    public async Task<string> SnapshotAsync()
    {
        var items = new List<string>();
        foreach (var (table, _) in _tables)
        {
            items.AddRange((await ScanAsync(table)).Select(item => table[..8] + ":" + string.Join(",", item.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + Describe(a.Value)))));
        }

        return string.Join("\n", items.Order(StringComparer.Ordinal));
    }

    private async Task<List<Dictionary<string, AttributeValue>>> ScanAsync(string table)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await _dynamoDb.ScanAsync(new ScanRequest { TableName = table, ConsistentRead = true, ExclusiveStartKey = start });
            items.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return items;
    }

    private static string Describe(AttributeValue v) =>
        v.S ?? v.N ?? (v.BOOL is { } b ? b.ToString() : null) ?? (v.M is { Count: > 0 } m ? "{" + string.Join(",", m.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + Describe(a.Value))) + "}" : null)
        ?? (v.L is { Count: > 0 } l ? "[" + string.Join(",", l.Select(Describe)) + "]" : null) ?? (v.SS is { Count: > 0 } ss ? string.Join("|", ss) : null) ?? (v.NULL == true ? "null" : "?");
}
