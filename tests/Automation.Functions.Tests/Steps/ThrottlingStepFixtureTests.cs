using System.Text.Json;
using Amazon.DynamoDBv2;
using Automation.Core.Errors;
using Automation.Core.Guardrails;
using Automation.Functions.Contracts.Incidents;
using Automation.Functions.Host;
using Automation.Functions.Aws;
using Automation.Functions.Handlers.Incidents;
using Automation.Functions.Handlers.ThrottlingResponse;
using Automation.Functions.Metrics;
using Automation.Functions.Runbooks;
using Automation.Functions.Tests.Incidents;
using Automation.Sharding;
using Automation.Tests.Moto;
using Automation.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Automation.Functions.Contracts;

namespace Automation.Functions.Tests.Steps;

/// <summary>
/// Every events/ payload of the six throttling steps runs through its real handler (ApplySharding against a
/// shard-registry table on moto). Each fixture has an expectation here; a new fixture without one fails.
/// The Diagnose/Plan/RecheckPlan/ApplySharding/VerifyMitigation fixtures chain: each holds the previous step's output.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class ThrottlingStepFixtureTests(MotoServer moto) : IDisposable
{
    private static readonly string[] Handlers = ["BuildMetricQueries", "Diagnose", "Plan", "RecheckPlan", "ApplySharding", "VerifyMitigation"];
    private static readonly DateTimeOffset VerifiedAt = new(2026, 11, 21, 8, 31, 6, TimeSpan.Zero);

    /// <summary>Fixtures that must fail: the error type and the field it names.</summary>
    private static readonly Dictionary<string, (string ErrorType, string Field)> Failures = new()
    {
        ["BuildMetricQueries/index-not-found.json"] = (ErrorTypes.IndexNotFound, "trigger.indexName"),
        ["BuildMetricQueries/invalid-purpose.json"] = (ErrorTypes.InvalidInput, "purpose"),
        ["BuildMetricQueries/invalid-period.json"] = (ErrorTypes.InvalidInput, "periodSeconds"),
        ["Diagnose/invalid-unknown-result-id.json"] = (ErrorTypes.InvalidInput, "metricDataResults[0].Id"),
        ["Diagnose/invalid-rule-name.json"] = (ErrorTypes.InvalidInput, "contributorInsights.reports[0].ruleName"),
        ["Diagnose/invalid-table-missing-status.json"] = (ErrorTypes.InvalidInput, "table.TableStatus"),
        ["Plan/invalid-missing-facts.json"] = (ErrorTypes.InvalidInput, "facts"),
        ["RecheckPlan/table-updating.json"] = (Automation.Core.Errors.ErrorTypes.ResourceNotReady, "plan"),
        ["RecheckPlan/dry-run-plan.json"] = (ErrorTypes.GuardrailRefused, "plan.dryRun"),
        ["RecheckPlan/invalid-missing-table.json"] = (ErrorTypes.InvalidInput, "table"),
        ["ApplySharding/dry-run-plan.json"] = (ErrorTypes.GuardrailRefused, "plan.dryRun"),
        ["ApplySharding/invalid-not-a-sharding-plan.json"] = (ErrorTypes.InvalidInput, "plan.sharding"),
        ["VerifyMitigation/invalid-missing-applied-at.json"] = (ErrorTypes.InvalidInput, "appliedAt"),
    };

    /// <summary>What each successful fixture must produce.</summary>
    private static readonly Dictionary<string, Action<JsonElement>> Expectations = new()
    {
        ["BuildMetricQueries/diagnose-table-with-gsis.json"] = o =>
        {
            Assert.Equal(13 + (2 * 12), o.GetProperty("metricDataQueries").GetArrayLength());
            Assert.Equal("2026-11-21T07:45:00+00:00", o.GetProperty("startTime").GetString());
            Assert.Equal("2026-11-21T08:15:00+00:00", o.GetProperty("endTime").GetString());
            Assert.Equal(
                """{"Id":"m0","MetricStat":{"Metric":{"Namespace":"AWS/DynamoDB","MetricName":"ThrottledRequests","Dimensions":[{"Name":"TableName","Value":"Orders"}]},"Period":60,"Stat":"Sum"},"ReturnData":true}""",
                o.GetProperty("metricDataQueries")[0].GetRawText());
            var gsiQuery = o.GetProperty("metricDataQueries")[13].GetProperty("MetricStat").GetProperty("Metric").GetProperty("Dimensions");
            Assert.Equal("""[{"Name":"TableName","Value":"Orders"},{"Name":"GlobalSecondaryIndexName","Value":"ByCustomer"}]""", gsiQuery.GetRawText());
            Assert.Equal("""{"id":"m13","metric":"ReadProvisionedThroughputThrottleEvents","indexName":"ByCustomer","statistic":"Sum"}""", o.GetProperty("series")[13].GetRawText());
        },
        ["BuildMetricQueries/verify-after-change.json"] = o =>
        {
            Assert.Equal(11 + (2 * 10), o.GetProperty("metricDataQueries").GetArrayLength());
            Assert.Equal("2026-11-21T08:21:00+00:00", o.GetProperty("startTime").GetString());
            Assert.Equal("2026-11-21T08:31:00+00:00", o.GetProperty("endTime").GetString());
        },
        ["Diagnose/table-write-capacity-exhausted.json"] = o => AssertDiagnosis(o, "ProvisionedCapacityExhausted", null),
        ["Diagnose/hot-key-with-contributor-insights.json"] = o =>
        {
            AssertDiagnosis(o, "HotKey", null);
            Assert.Equal("customer#4711", o.GetProperty("diagnosis").GetProperty("hotKeys")[0].GetProperty("partitionKey").GetString());
            Assert.Equal(3, o.GetProperty("facts").GetProperty("contributorInsights").GetArrayLength());
        },
        ["Diagnose/gsi-write-back-pressure.json"] = o => AssertDiagnosis(o, "GsiWriteBackPressure", "ByStatus"),
        ["Diagnose/false-alarm.json"] = o => AssertDiagnosis(o, "NotThrottling", null),
        ["Plan/table-write-capacity-exhausted.json"] = o => AssertPlan(o, "UpdateTable", "IncreaseProvisionedCapacity", dryRun: false, outcome: null),
        ["Plan/hot-key-with-contributor-insights.json"] = o =>
        {
            AssertPlan(o, "WriteSharding", "ShardHotKey", dryRun: false, outcome: null);
            Assert.True(o.GetProperty("requiresApproval").GetBoolean()); // guardrails.yaml: every shard change needs approval
        },
        ["Plan/gsi-write-back-pressure.json"] = o => AssertPlan(o, "UpdateTable", "IncreaseProvisionedCapacity", dryRun: false, outcome: null),
        ["Plan/false-alarm.json"] = o => AssertPlan(o, "None", "NoAction", dryRun: false, outcome: "NoActionNeeded"),
        ["Plan/dry-run-requested.json"] = o => AssertPlan(o, "UpdateTable", "IncreaseProvisionedCapacity", dryRun: true, outcome: null),
        ["RecheckPlan/table-throughput.json"] = o =>
        {
            Assert.Equal("TableThroughput", o.GetProperty("updateKind").GetString());
            Assert.False(o.GetProperty("alreadyApplied").GetBoolean());
            var update = o.GetProperty("update");
            Assert.Equal(["TableName", "ProvisionedThroughput"], update.EnumerateObject().Select(p => p.Name));
            Assert.Equal(2000, update.GetProperty("ProvisionedThroughput").GetProperty("ReadCapacityUnits").GetInt64());
            Assert.True(update.GetProperty("ProvisionedThroughput").GetProperty("WriteCapacityUnits").GetInt64() > 1000);
        },
        ["RecheckPlan/index-throughput.json"] = o =>
        {
            Assert.Equal("IndexThroughput", o.GetProperty("updateKind").GetString());
            var update = o.GetProperty("update");
            Assert.Equal(["TableName", "GlobalSecondaryIndexUpdates"], update.EnumerateObject().Select(p => p.Name));
            var gsi = update.GetProperty("GlobalSecondaryIndexUpdates")[0].GetProperty("Update");
            Assert.Equal(["IndexName", "ProvisionedThroughput"], gsi.EnumerateObject().Select(p => p.Name));
            Assert.Equal("ByStatus", gsi.GetProperty("IndexName").GetString());
        },
        ["RecheckPlan/already-applied.json"] = o =>
        {
            Assert.Equal("None", o.GetProperty("updateKind").GetString());
            Assert.True(o.GetProperty("alreadyApplied").GetBoolean());
            Assert.Equal(JsonValueKind.Null, o.GetProperty("update").ValueKind);
        },
        ["ApplySharding/hot-key.json"] = o =>
        {
            var entry = Assert.Single(o.GetProperty("written").EnumerateArray());
            Assert.Equal("customer#4711", entry.GetProperty("logicalKey").GetString());
            Assert.Equal("Calculated", entry.GetProperty("strategy").GetString());
            Assert.Equal(1, entry.GetProperty("version").GetInt64());
            Assert.Equal(0, o.GetProperty("unchanged").GetInt32());
        },
        ["VerifyMitigation/capacity-mitigated.json"] = o => AssertVerification(o, true, "Mitigated"),
        ["VerifyMitigation/capacity-not-mitigated.json"] = o => AssertVerification(o, false, "NotMitigated"),
        ["VerifyMitigation/sharding-pending-adoption.json"] = o => AssertVerification(o, false, "PendingApplicationAdoption"),
        ["VerifyMitigation/too-early.json"] = o => AssertVerification(o, false, "TooEarly"),
    };

    private readonly AmazonDynamoDBClient _dynamoDb = moto.CreateDynamoDbClient();

    public void Dispose() => _dynamoDb.Dispose();

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var handler in Handlers)
        {
            foreach (var file in RepoPaths.EventFiles(handler))
            {
                data.Add(handler + "/" + Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Fixture_runs_through_its_handler(string fixture)
    {
        var handlers = await CreateHandlersAsync();
        var run = () => handlers[fixture.Split('/')[0]].HandleAsync(Read(fixture), Context, CancellationToken.None);
        if (Failures.TryGetValue(fixture, out var failure))
        {
            var error = await Assert.ThrowsAsync<AutomationException>(run);
            Assert.Equal(failure.ErrorType, InvocationError.From(error).ErrorType);
            Assert.Equal(failure.Field, error.Field);
            return;
        }

        Assert.False(Path.GetFileName(fixture).StartsWith("invalid-", StringComparison.Ordinal), $"{fixture} is named invalid-* but has no expected failure.");
        Assert.True(Expectations.TryGetValue(fixture, out var expect), $"{fixture} has no expectation in {nameof(ThrottlingStepFixtureTests)}.");
        using var output = JsonDocument.Parse(await run());
        expect!(output.RootElement);
    }

    [Fact]
    public async Task ApplySharding_re_run_is_a_no_op_success()
    {
        var handlers = await CreateHandlersAsync();
        await handlers["ApplySharding"].HandleAsync(Read("ApplySharding/hot-key.json"), Context, CancellationToken.None);

        using var again = JsonDocument.Parse(await handlers["ApplySharding"].HandleAsync(Read("ApplySharding/hot-key.json"), Context, CancellationToken.None));

        Assert.Equal(0, again.RootElement.GetProperty("written").GetArrayLength());
        Assert.Equal(1, again.RootElement.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task ApplySharding_for_a_dry_run_plan_writes_nothing()
    {
        var (handlers, store) = await CreateWithRegistryAsync();
        await Assert.ThrowsAsync<AutomationException>(() => handlers["ApplySharding"].HandleAsync(Read("ApplySharding/dry-run-plan.json"), Context, CancellationToken.None));

        Assert.Null(await store.Store.GetAsync("Orders", "customer#4711"));
    }

    [Theory]
    [InlineData("table-write-capacity-exhausted")]
    [InlineData("hot-key-with-contributor-insights")]
    public async Task Diagnose_fixture_queries_are_what_BuildMetricQueries_returns_and_the_output_fits_the_state(string scenario)
    {
        var handlers = await CreateHandlersAsync();
        using var diagnoseInput = JsonDocument.Parse(Read($"Diagnose/{scenario}.json"));
        var root = diagnoseInput.RootElement;
        string buildInput = $$"""{"trigger":{{root.GetProperty("trigger").GetRawText()}},"table":{{root.GetProperty("table").GetRawText()}},"now":"2026-11-21T08:15:43.512Z","purpose":"diagnose"}""";

        using var built = JsonDocument.Parse(await handlers["BuildMetricQueries"].HandleAsync(buildInput, Context, CancellationToken.None));
        string diagnosed = await handlers["Diagnose"].HandleAsync(Read($"Diagnose/{scenario}.json"), Context, CancellationToken.None);

        Assert.True(JsonElement.DeepEquals(Normalise(built.RootElement), Normalise(root.GetProperty("queries"))), "the fixture's queries drifted from BuildMetricQueries' output");
        Assert.InRange(diagnosed.Length, 1, 64 * 1024); // far below Step Functions' 256 KB state limit
    }

    [Fact]
    public async Task VerifyMitigation_output_is_accepted_whole_as_RecordIncidentStep_verification()
    {
        var handlers = await CreateHandlersAsync();
        string output = await handlers["VerifyMitigation"].HandleAsync(Read("VerifyMitigation/capacity-mitigated.json"), Context, CancellationToken.None);
        string record = $$"""{"incidentId":"inc-2bc9e8d1c6ee14f221e8cddc","step":"Verify","startedAt":"2026-11-21T08:31:05Z","verification":{{output}}}""";

        var command = StepInput.Parse(record, StepJsonContext.Default.RecordIncidentStepInput).Validate(VerifiedAt);

        Assert.True(command.Findings.Verification!.Mitigated);
        Assert.Equal(VerifiedAt, command.Findings.Verification.VerifiedAt);
    }

    [Fact]
    public void Catalog_registers_the_six_steps()
    {
        var catalog = HandlerCatalog.Create(Services(TimeProvider.System));

        Assert.All(Handlers, name => Assert.True(catalog.ContainsKey(name), name));
    }

    private static readonly InvocationContext Context = new("req-1", "arn:aws:lambda:eu-west-1:123456789012:function:Step", DateTimeOffset.UtcNow.AddMinutes(1), null, "Step");

    private static string Read(string fixture) => File.ReadAllText(RepoPaths.Event(fixture));

    private static StepServices Services(TimeProvider time) => new(NullLoggerFactory.Instance, new DiscardMetrics(), time);

    private static JsonElement Normalise(JsonElement queries)
    {
        // Timestamps may be written "Z" or "+00:00": compare instants, not spellings.
        var node = System.Text.Json.Nodes.JsonNode.Parse(queries.GetRawText())!;
        foreach (var name in new[] { "startTime", "endTime" })
        {
            node[name] = DateTimeOffset.Parse(node[name]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds();
        }

        return JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();
    }

    private async Task<Dictionary<string, IStepHandler>> CreateHandlersAsync() => (await CreateWithRegistryAsync()).Handlers;

    private async Task<(Dictionary<string, IStepHandler> Handlers, ShardRegistryStoreProvider Registry)> CreateWithRegistryAsync()
    {
        string registryTable = "shard-registry-" + Guid.NewGuid().ToString("N")[..12];
        await _dynamoDb.CreateTableAsync(ShardRegistrySchema.CreateTableRequest(registryTable));
        var clock = new ManualClock(VerifiedAt);
        var services = Services(clock);
        var guardrails = GuardrailPolicyProvider.ForFile(RepoPaths.Combine("runbooks", "guardrails.yaml"));
        var registry = ShardRegistryStoreProvider.For(_dynamoDb, registryTable, clock);
        IStepHandler[] handlers =
        [
            new BuildMetricQueriesHandler(services),
            new DiagnoseHandler(services),
            new PlanHandler(services, guardrails),
            new RecheckPlanHandler(services, guardrails),
            new ApplyShardingHandler(services, registry),
            new VerifyMitigationHandler(services),
        ];
        return (handlers.ToDictionary(h => h.Name), registry);
    }

    private static void AssertDiagnosis(JsonElement o, string kind, string? index)
    {
        var diagnosis = o.GetProperty("diagnosis");
        Assert.Equal(kind, diagnosis.GetProperty("kind").GetString());
        Assert.Equal(index, diagnosis.GetProperty("indexName").GetString());
        Assert.Equal("Orders", o.GetProperty("facts").GetProperty("table").GetProperty("tableName").GetString());
        Assert.StartsWith(kind, o.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    private static void AssertPlan(JsonElement o, string action, string remediation, bool dryRun, string? outcome)
    {
        Assert.Equal(action, o.GetProperty("action").GetString());
        Assert.Equal(remediation, o.GetProperty("plan").GetProperty("action").GetString());
        Assert.Equal(dryRun, o.GetProperty("dryRun").GetBoolean());
        Assert.Equal(outcome, o.GetProperty("outcomeIfNotApplied").GetString());
        Assert.Equal(o.GetProperty("plan").GetProperty("summary").GetString(), o.GetProperty("summary").GetString());
    }

    private static void AssertVerification(JsonElement o, bool mitigated, string outcome)
    {
        Assert.Equal(mitigated, o.GetProperty("mitigated").GetBoolean());
        Assert.Equal(outcome, o.GetProperty("detail").GetProperty("outcome").GetString());
        Assert.Equal("2026-11-21T08:31:06+00:00", o.GetProperty("verifiedAt").GetString());
        Assert.Equal(["verifiedAt", "mitigated", "summary", "detail"], o.EnumerateObject().Select(p => p.Name));
    }

    private sealed class DiscardMetrics : IMetricsWriter
    {
        public void Publish(MetricBatch batch)
        {
        }
    }
}
