using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Automation.Aws.Incidents;
using Automation.Core.Errors;
using Automation.Core.Triggers;
using Automation.Functions.Aws;
using Automation.Functions.Host;
using Automation.Functions.Runbooks;
using Automation.Functions.Tests.Incidents;
using Automation.LocalCloud.Scenarios.Expectations;
using Automation.Sharding;
using Automation.Tests.Fakes;
using Automation.Tests.Moto;
using Automation.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Automation.Functions.Tests.Handlers;

/// <summary>
/// The one event-fixture test: every <c>events/&lt;workflow&gt;/&lt;Step&gt;/&lt;case&gt;.json</c> (the
/// <c>sam local invoke</c> payloads) runs through its step's handler from <see cref="HandlerCatalog"/>, against
/// DynamoDB tables on moto, and must produce what <c>&lt;case&gt;.expected.json</c> next to it says:
/// <list type="bullet">
/// <item><c>given</c>: fixtures (paths under events/) run first, e.g. the OpenIncident that creates the incident.</item>
/// <item><c>now</c>: the clock (default <see cref="DefaultNow"/>).</item>
/// <item><c>error</c>: <c>{errorType, field}</c>: the step must fail so and no table may change; for bad input (InvalidInput, InvalidTrigger) the message must name the field.</item>
/// <item><c>output</c>: JSON path → value or matcher (the scenario dialect: <c>$regex</c>, <c>$length</c>, <c>$keys</c>, ...).</item>
/// <item><c>metricBatches</c>: how many EMF batches the step publishes.</item>
/// </list>
/// Alarm-started runs act (ALARM_TRIGGERED_DRY_RUN=false) here, so fixtures show both dry-run sources apart.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class EventFixtureTests(MotoServer moto) : IDisposable
{
    private static readonly DateTimeOffset DefaultNow = new(2026, 11, 21, 8, 15, 43, TimeSpan.Zero);
    private static readonly string[] ExpectationFields = ["given", "now", "error", "output", "metricBatches"];

    private readonly AmazonDynamoDBClient _dynamoDb = moto.CreateDynamoDbClient();

    public void Dispose() => _dynamoDb.Dispose();

    /// <summary>Every fixture of every catalogued step, as <c>Step/case.json</c>.</summary>
    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var step in CatalogNames().Order(StringComparer.Ordinal))
        {
            foreach (var file in RepoPaths.EventFiles(step))
            {
                data.Add(step + "/" + Path.GetFileName(file));
            }
        }

        return data;
    }

    [Fact]
    public void Every_step_folder_is_a_catalogued_step_and_every_payload_has_its_expected_outcome()
    {
        var steps = CatalogNames();
        foreach (var workflow in Directory.GetDirectories(RepoPaths.Combine("events")))
        {
            foreach (var folder in Directory.GetDirectories(workflow))
            {
                Assert.True(steps.Contains(Path.GetFileName(folder)), $"{folder} is not the events folder of any step in HandlerCatalog.");
                foreach (var file in Directory.GetFiles(folder, "*.json"))
                {
                    string partner = file.EndsWith(".expected.json", StringComparison.Ordinal)
                        ? file[..^".expected.json".Length] + ".json"
                        : file[..^".json".Length] + ".expected.json";
                    Assert.True(File.Exists(partner), $"{file} has no {Path.GetFileName(partner)} next to it.");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Fixture_produces_its_expected_outcome(string fixture)
    {
        string path = RepoPaths.Event(fixture);
        var expected = JsonNode.Parse(File.ReadAllText(path[..^".json".Length] + ".expected.json"))!.AsObject();
        foreach (var (field, _) in expected)
        {
            Assert.True(ExpectationFields.Contains(field), $"{fixture}: unknown field '{field}' in its expected outcome (allowed: {string.Join(", ", ExpectationFields)}).");
        }

        var now = expected["now"] is { } n ? DateTimeOffset.Parse(n.GetValue<string>(), CultureInfo.InvariantCulture) : DefaultNow;
        var world = await World.CreateAsync(_dynamoDb, now);
        foreach (var given in expected["given"]?.AsArray() ?? [])
        {
            string relative = given!.GetValue<string>();
            await world.RunAsync(relative.Split('/')[1], File.ReadAllText(RepoPaths.Combine(["events", .. relative.Split('/')])));
        }

        string step = fixture.Split('/')[0];
        string input = File.ReadAllText(path);
        if (expected["error"] is JsonObject error)
        {
            Assert.Null(expected["output"]);
            var before = await world.SnapshotAsync();
            var failure = await Assert.ThrowsAsync<AutomationException>(() => world.RunAsync(step, input));
            Assert.Equal(error["errorType"]!.GetValue<string>(), InvocationError.From(failure).ErrorType);
            string field = error["field"]!.GetValue<string>();
            Assert.Equal(field, failure.Field);
            if (failure.ErrorType is ErrorTypes.InvalidInput or ErrorTypes.InvalidTrigger)
            {
                // Bad input: the message itself (which becomes the execution's cause) names the field.
                Assert.Contains(field.TrimStart('$', '.'), failure.Message, StringComparison.Ordinal);
            }

            Assert.Equal(before, await world.SnapshotAsync());
            return;
        }

        Assert.False(Path.GetFileName(fixture).StartsWith("invalid-", StringComparison.Ordinal), $"{fixture} is named invalid-* but its expected outcome is a success.");
        int batchesBefore = world.Metrics.Batches.Count;
        var output = JsonNode.Parse(await world.RunAsync(step, input));
        foreach (var (name, _) in output!.AsObject())
        {
            Assert.True(char.IsLower(name[0]), $"{fixture}: output property '{name}' is not camelCase.");
        }

        var outputExpectations = Assert.IsType<JsonObject>(expected["output"], exactMatch: false);
        var problems = new List<string>();
        foreach (var (jsonPath, value) in outputExpectations)
        {
            var (found, actual) = JsonPath.Select(output, jsonPath);
            if (ValueMatcher.Mismatch(found, actual, value) is { } mismatch)
            {
                problems.Add($"{jsonPath}: {mismatch}");
            }
        }

        Assert.True(problems.Count == 0, $"{fixture}:\n" + string.Join("\n", problems));
        if (expected["metricBatches"] is { } batches)
        {
            Assert.Equal(batches.GetValue<int>(), world.Metrics.Batches.Count - batchesBefore);
        }
    }

    private static HashSet<string> CatalogNames() => [.. StoreFreeCatalog.Create().Keys];

    /// <summary>Fresh incident and shard-registry tables, the catalog over them, a fixed clock, captured metrics.</summary>
    private sealed class World
    {
        private readonly AmazonDynamoDBClient _dynamoDb;
        private readonly string[] _tables;
        private readonly IReadOnlyDictionary<string, IStepHandler> _handlers;

        private World(AmazonDynamoDBClient dynamoDb, string incidents, string registry, DateTimeOffset now)
        {
            _dynamoDb = dynamoDb;
            _tables = [incidents, registry];
            var clock = new ManualTimeProvider(now);
            var services = new StepServices(NullLoggerFactory.Instance, Metrics, clock);
            var dependencies = new StepDependencies(
                IncidentStoreProvider.For(dynamoDb, IncidentStoreOptions.ForTable(incidents)),
                RunbookCatalogProvider.ForFolder(RepoPaths.Combine("runbooks")),
                ShardRegistryStoreProvider.For(dynamoDb, registry, clock),
                new TriggerOptions(AlarmTriggeredDryRun: false));
            _handlers = HandlerCatalog.Create(services, dependencies);
        }

        public CapturingMetrics Metrics { get; } = new();

        public static async Task<World> CreateAsync(AmazonDynamoDBClient dynamoDb, DateTimeOffset now)
        {
            string incidents = await IncidentTables.CreateAsync(dynamoDb);
            string registry = "shard-registry-" + Guid.NewGuid().ToString("N")[..12];
            await dynamoDb.CreateTableAsync(ShardRegistrySchema.CreateTableRequest(registry));
            return new World(dynamoDb, incidents, registry, now);
        }

        public Task<string> RunAsync(string step, string input) =>
            _handlers[step].HandleAsync(input, new InvocationContext("req-1", $"arn:aws:lambda:eu-west-1:123456789012:function:{step}", DateTimeOffset.UtcNow.AddMinutes(1), null, step), CancellationToken.None);

        /// <summary>Every item of both tables, canonical JSON, sorted: equal snapshots mean nothing changed.</summary>
        public async Task<string> SnapshotAsync()
        {
            var items = new List<string>();
            foreach (var table in _tables)
            {
                Dictionary<string, AttributeValue>? start = null;
                do
                {
                    var page = await _dynamoDb.ScanAsync(new ScanRequest { TableName = table, ConsistentRead = true, ExclusiveStartKey = start });
                    items.AddRange((page.Items ?? []).Select(item => table[..8] + ":" + string.Join(",", item.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + Describe(a.Value)))));
                    start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
                }
                while (start is not null);
            }

            return string.Join("\n", items.Order(StringComparer.Ordinal));
        }

        private static string Describe(AttributeValue v) =>
            v.S ?? v.N ?? (v.BOOL is { } b ? b.ToString() : null) ?? (v.M is { Count: > 0 } m ? "{" + string.Join(",", m.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + Describe(a.Value))) + "}" : null)
            ?? (v.L is { Count: > 0 } l ? "[" + string.Join(",", l.Select(Describe)) + "]" : null) ?? (v.SS is { Count: > 0 } ss ? string.Join("|", ss) : null) ?? (v.NULL == true ? "null" : "?");
    }
}
