using Amazon.DynamoDBv2;
using Automation.Core.Errors;
using Automation.Functions.Host;
using Automation.Tests.Moto;
using Automation.Tests.Shared;

namespace Automation.Functions.Tests.Handlers;

/// <summary>
/// The in-process event-fixture test: every <c>events/&lt;workflow&gt;/&lt;Step&gt;/&lt;case&gt;.json</c> (the
/// <c>sam local invoke</c> payloads) runs through its step's handler from <see cref="HandlerCatalog"/>, against
/// DynamoDB tables on moto (<see cref="FixtureWorld"/>), and must produce what <c>&lt;case&gt;.expected.json</c> next
/// to it says (<see cref="EventFixture"/>, judged by <see cref="EventExpectations"/>). The published bootstrap runs the
/// same files against the same expectations in <see cref="Host.BootstrapEventFixtureTests"/>.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class EventFixtureTests(MotoServer moto) : IDisposable
{
    private readonly AmazonDynamoDBClient _dynamoDb = moto.CreateDynamoDbClient();

    public void Dispose() => _dynamoDb.Dispose();

    /// <summary>Every fixture of every catalogued step, as <c>Step/case.json</c>.</summary>
    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var step in EventFixture.Steps())
        {
            foreach (var name in EventFixture.Names(step))
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Fact]
    public void Every_step_folder_is_a_catalogued_step_and_every_payload_has_its_expected_outcome()
    {
        var steps = EventFixture.Steps();
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
    public async Task Fixture_produces_its_expected_outcome(string name)
    {
        var fixture = EventFixture.Load(name);
        var world = await FixtureWorld.CreateAsync(_dynamoDb, fixture.Now);
        await world.RunGivenAsync(fixture);

        string? before = fixture.Error is null ? null : await world.SnapshotAsync();
        int batchesBefore = world.Metrics.Batches.Count;
        FixtureOutcome outcome;
        try
        {
            string output = await world.RunAsync(fixture.Step, fixture.Input);
            outcome = new FixtureOutcome.Succeeded(output, world.Metrics.Batches.Count - batchesBefore);
        }
        catch (AutomationException failure)
        {
            bool changed = before is not null && before != await world.SnapshotAsync();
            // In-process the field is always seen: a failure without one must not skip the check.
            outcome = new FixtureOutcome.Failed(InvocationError.From(failure).ErrorType, failure.Message, failure.Field ?? "(no field)", changed);
        }

        var problems = EventExpectations.Problems(fixture, outcome);
        Assert.True(problems.Count == 0, $"{name}:\n" + string.Join("\n", problems));
    }
}
