using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Automation.Functions.Aws;
using Automation.Functions.Contracts;
using Automation.Functions.Handlers.ThrottlingResponse;
using Automation.Functions.Host;
using Automation.Functions.Tests.Incidents;
using Automation.Sharding;
using Automation.Tests.Fakes;
using Automation.Tests.Moto;
using Automation.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Automation.Functions.Tests.Handlers.ThrottlingResponse;

/// <summary>
/// What the single-fixture outcomes of EventFixtureTests cannot show: the throttling fixtures chain (each holds the
/// previous step's real output), a step's output is accepted whole by the next, and a redelivered ApplySharding is a
/// no-op success.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class ThrottlingStepChainTests(MotoServer moto) : IDisposable
{
    private static readonly DateTimeOffset VerifiedAt = new(2026, 11, 21, 8, 31, 6, TimeSpan.Zero);
    private static readonly InvocationContext Context = new("req-1", "arn:aws:lambda:eu-west-1:123456789012:function:Step", DateTimeOffset.UtcNow.AddMinutes(1), null, "Step");

    private readonly AmazonDynamoDBClient _dynamoDb = moto.CreateDynamoDbClient();

    public void Dispose() => _dynamoDb.Dispose();

    [Fact]
    public async Task ApplySharding_re_run_is_a_no_op_success()
    {
        var step = await ApplyShardingAsync();
        await step.HandleAsync(Read("ApplySharding/hot-key.json"), Context, CancellationToken.None);

        using var again = JsonDocument.Parse(await step.HandleAsync(Read("ApplySharding/hot-key.json"), Context, CancellationToken.None));

        Assert.Equal(0, again.RootElement.GetProperty("written").GetArrayLength());
        Assert.Equal(1, again.RootElement.GetProperty("unchanged").GetInt32());
    }

    [Theory]
    [InlineData("table-write-capacity-exhausted")]
    [InlineData("hot-key-with-contributor-insights")]
    public async Task Diagnose_fixture_queries_are_what_BuildMetricQueries_returns_and_the_output_fits_the_state(string scenario)
    {
        var services = Services(TimeProvider.System);
        using var diagnoseInput = JsonDocument.Parse(Read($"Diagnose/{scenario}.json"));
        var root = diagnoseInput.RootElement;
        string buildInput = $$"""{"trigger":{{root.GetProperty("trigger").GetRawText()}},"table":{{root.GetProperty("table").GetRawText()}},"now":"2026-11-21T08:15:43.512Z","purpose":"diagnose"}""";

        using var built = JsonDocument.Parse(await new BuildMetricQueriesHandler(services).HandleAsync(buildInput, Context, CancellationToken.None));
        string diagnosed = await new DiagnoseHandler(services).HandleAsync(Read($"Diagnose/{scenario}.json"), Context, CancellationToken.None);

        Assert.True(JsonElement.DeepEquals(Normalise(built.RootElement), Normalise(root.GetProperty("queries"))), "the fixture's queries drifted from BuildMetricQueries' output");
        Assert.InRange(diagnosed.Length, 1, 64 * 1024); // far below Step Functions' 256 KB state limit
    }

    [Fact]
    public async Task VerifyMitigation_output_is_accepted_whole_as_RecordIncidentStep_verification()
    {
        string output = await new VerifyMitigationHandler(Services(new ManualTimeProvider(VerifiedAt))).HandleAsync(Read("VerifyMitigation/capacity-mitigated.json"), Context, CancellationToken.None);
        string record = $$"""{"incidentId":"inc-2bc9e8d1c6ee14f221e8cddc","step":"Verify","startedAt":"2026-11-21T08:31:05Z","verification":{{output}}}""";

        var command = StepInput.Parse(record, StepJsonContext.Default.RecordIncidentStepInput).Validate(VerifiedAt);

        Assert.True(command.Findings.Verification!.Mitigated);
        Assert.Equal(VerifiedAt, command.Findings.Verification.VerifiedAt);
    }

    private static string Read(string fixture) => File.ReadAllText(RepoPaths.Event(fixture));

    private static StepServices Services(TimeProvider time) => new(NullLoggerFactory.Instance, new DiscardMetrics(), time);

    private static JsonElement Normalise(JsonElement queries)
    {
        // Timestamps may be written "Z" or "+00:00": compare instants, not spellings.
        var node = JsonNode.Parse(queries.GetRawText())!;
        foreach (var name in new[] { "startTime", "endTime" })
        {
            node[name] = DateTimeOffset.Parse(node[name]!.GetValue<string>(), CultureInfo.InvariantCulture).ToUnixTimeSeconds();
        }

        return JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();
    }

    private async Task<IStepHandler> ApplyShardingAsync()
    {
        string registryTable = "shard-registry-" + Guid.NewGuid().ToString("N")[..12];
        await _dynamoDb.CreateTableAsync(ShardRegistrySchema.CreateTableRequest(registryTable));
        var clock = new ManualTimeProvider(VerifiedAt);
        return new ApplyShardingHandler(Services(clock), ShardRegistryStoreProvider.For(_dynamoDb, registryTable, clock));
    }
}
