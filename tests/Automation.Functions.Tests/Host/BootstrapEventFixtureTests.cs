using System.Globalization;
using System.Text.Json;
using Automation.Aws.Access;
using Automation.Aws.Posture;
using Automation.Aws.Tuning;
using Automation.Functions.Aws;
using Automation.Functions.Handlers.ThrottlingResponse;
using Automation.Functions.Host;
using Automation.Functions.Tests.Handlers;
using Automation.Tests.Moto;

namespace Automation.Functions.Tests.Host;

/// <summary>
/// Every <c>events/</c> file through the published (Native AOT) <c>bootstrap</c>, judged by the same
/// <c>.expected.json</c> as the in-process <see cref="EventFixtureTests"/> (<see cref="EventExpectations"/>). One
/// process per step (per step and <c>now</c>, should a step's fixtures differ in it) serves that step's fixtures one
/// after another, so the warm path runs them all; it is configured as <c>sam local invoke</c> would be to replay them:
/// the tables on moto, <c>ALARM_TRIGGERED_DRY_RUN=false</c>, and the fixture's <c>now</c> as <c>AUTOMATION_CLOCK</c>
/// under <c>AWS_SAM_LOCAL=true</c>. Between fixtures the tables are emptied; <c>given</c> fixtures run in-process
/// against the same tables. <c>metricBatches</c> is the number of EMF lines (<c>_aws</c>) on stdout during the
/// invocation; an error must be posted with its type (body and header), name the field for bad input, and leave
/// the tables as they were.
/// </summary>
[Collection(nameof(PublishedBootstrapGroup))]
public sealed class BootstrapEventFixtureTests(PublishedBootstrap bootstrap, MotoServer moto)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Steps()
    {
        var data = new TheoryData<string>();
        foreach (var step in EventFixture.Steps())
        {
            data.Add(step);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task EveryFixtureOfTheStepGetsItsExpectedOutcomeFromOneWarmBootstrap(string step)
    {
        using var dynamoDb = moto.CreateDynamoDbClient();
        var problems = new List<string>();
        var fixtures = EventFixture.Names(step).Select(EventFixture.Load).ToList();
        foreach (var sameClock in fixtures.GroupBy(f => f.Now))
        {
            var world = await FixtureWorld.CreateAsync(dynamoDb, sameClock.Key);
            await using var api = FakeRuntimeApi.Start();
            await using var process = BootstrapProcess.Start(bootstrap.ExecutablePath, api.Address, step, environment: Environment(world));
            var runs = new List<(EventFixture Fixture, InvocationOutcome Outcome, bool TablesChanged)>();
            foreach (var fixture in sameClock)
            {
                await world.ResetAsync();
                await world.RunGivenAsync(fixture);
                string? before = fixture.Error is null ? null : await world.SnapshotAsync();
                var outcome = await api.Enqueue(fixture.Input, DateTimeOffset.UtcNow.AddSeconds(30)).WaitAsync(Patience);
                runs.Add((fixture, outcome, before is not null && before != await world.SnapshotAsync()));
            }

            // Stopping drains stdout, so every EMF line of every invocation is in.
            var emfLines = EmfLinesByRequest(await process.StopAndReadLogsAsync());
            foreach (var (fixture, outcome, changed) in runs)
            {
                FixtureOutcome observed;
                if (outcome.Error is { } error)
                {
                    if (error.ErrorTypeHeader != error.ErrorType)
                    {
                        problems.Add($"{fixture.Name}: error-type header {error.ErrorTypeHeader} differs from the body's {error.ErrorType}.");
                    }

                    observed = new FixtureOutcome.Failed(error.ErrorType, error.ErrorMessage, Field: null, changed);
                }
                else
                {
                    observed = new FixtureOutcome.Succeeded(outcome.Response!, emfLines.GetValueOrDefault(outcome.RequestId));
                }

                problems.AddRange(EventExpectations.Problems(fixture, observed).Select(p => $"{fixture.Name}: {p}"));
            }

            if (problems.Count > 0)
            {
                Assert.Fail(string.Join("\n", problems) + "\n" + process.Diagnostics());
            }
        }
    }

    /// <summary>EMF documents carry no request id: each belongs to the invocation whose log lines surround it
    /// (the host logs <c>Invoking ...</c> with the request id before the step runs; invocations never overlap).</summary>
    private static Dictionary<string, int> EmfLinesByRequest(IReadOnlyList<JsonElement> lines)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in lines)
        {
            if (line.TryGetProperty("function_request_id", out var id))
            {
                current = id.GetString();
                counts.TryAdd(current!, 0);
            }
            else if (line.TryGetProperty("_aws", out _))
            {
                Assert.True(current is not null, $"an EMF line before any invocation: {line}");
                counts[current] += 1;
            }
        }

        return counts;
    }

    private Dictionary<string, string> Environment(FixtureWorld world) => new()
    {
        ["AWS_ENDPOINT_URL"] = moto.ServiceUrl,
        ["AWS_REGION"] = MotoServer.Region,
        ["AWS_DEFAULT_REGION"] = MotoServer.Region,
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["INCIDENTS_TABLE"] = world.IncidentsTable,
        ["SHARD_REGISTRY_TABLE"] = world.RegistryTable,
        ["QUERY_AUDIT_TABLE"] = world.QueryAuditTable,
        ["QUERY_RESULTS_BUCKET"] = world.ResultsBucket,
        [DynamoDbAccessRequestStore.TableVariable] = world.AccessRequestsTable,
        [DynamoDbThresholdChangeStore.TableVariable] = world.ThresholdChangesTable,
        [DynamoDbPostureRunStore.TableVariable] = world.PostureRunsTable,
        [AccessProvider.StateMachineVariable] = FixtureWorld.BreakGlassStateMachineArn,
        [NormalizeTriggerHandler.AlarmDryRunVariable] = "false",
        [NormalizeTriggerHandler.AlarmNamePrefixVariable] = "ddb-automation-",
        [HostClock.SamLocalVariable] = "true",
        [HostClock.ClockVariable] = world.Now.ToString("O", CultureInfo.InvariantCulture),
    };
}
