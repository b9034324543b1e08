using System.Text.Json;
using Amazon.DynamoDBv2;
using Automation.Aws.Incidents;
using Automation.Core.Incidents;
using Automation.Functions.Aws;
using Automation.Functions.Handlers.Incidents;
using Automation.Functions.Handlers.ThrottlingResponse;
using Automation.Functions.Host;
using Automation.Functions.Runbooks;
using Automation.Tests.Fakes;
using Automation.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Automation.Functions.Tests.Incidents;

/// <summary>The five incident handlers over a fresh moto table, a settable clock and captured metrics.</summary>
internal sealed class IncidentHandlerHarness
{
    private readonly Dictionary<string, IStepHandler> _handlers;

    private IncidentHandlerHarness(IAmazonDynamoDB dynamoDb, string table, DateTimeOffset now)
    {
        Table = table;
        Clock = new ManualTimeProvider(now);
        var provider = IncidentStoreProvider.For(dynamoDb, IncidentStoreOptions.ForTable(table));
        Store = provider.Store;
        var services = new StepServices(NullLoggerFactory.Instance, Metrics, Clock);
        IStepHandler[] handlers =
        [
            new OpenIncidentHandler(services, provider),
            new RecordIncidentStepHandler(services, provider),
            new RequestApprovalHandler(services, provider),
            new CloseIncidentHandler(services, provider, Runbooks),
            new RecordIncidentFailureHandler(services, provider, Runbooks),
        ];
        _handlers = handlers.ToDictionary(h => h.Name);
    }

    /// <summary>The bundled runbooks (what resolves an incident's segment for the per-segment metrics).</summary>
    public static readonly RunbookCatalogProvider Runbooks = RunbookCatalogProvider.ForFolder(RepoPaths.Combine("runbooks"));

    /// <summary>The ids the fixtures use: derived from the idempotency keys in events/OpenIncident.</summary>
    public const string AlarmIncidentId = "inc-2bc9e8d1c6ee14f221e8cddc";
    public const string ManualIncidentId = "inc-6fb059ada34a7eeb03366d51";

    public static readonly DateTimeOffset FixtureTime = new(2026, 11, 21, 8, 15, 43, TimeSpan.Zero);

    public string Table { get; }

    public ManualTimeProvider Clock { get; }

    public CapturingMetrics Metrics { get; } = new();

    public IIncidentStore Store { get; }

    public static async Task<IncidentHandlerHarness> CreateAsync(IAmazonDynamoDB dynamoDb, DateTimeOffset? now = null) =>
        new(dynamoDb, await IncidentTables.CreateAsync(dynamoDb), now ?? FixtureTime);

    public static string Fixture(string relativePath) => File.ReadAllText(RepoPaths.Event(relativePath));

    /// <summary>Runs the handler named by the fixture's folder (events/&lt;Handler&gt;/file.json).</summary>
    public Task<string> RunFixtureAsync(string relativePath, CancellationToken cancellationToken = default) =>
        RunAsync(relativePath.Split('/')[0], Fixture(relativePath), cancellationToken);

    public async Task<JsonElement> RunFixtureJsonAsync(string relativePath) => Parse(await RunFixtureAsync(relativePath));

    public Task<string> RunAsync(string handler, string json, CancellationToken cancellationToken = default) =>
        _handlers[handler].HandleAsync(json, Context(handler), cancellationToken);

    public async Task<JsonElement> RunJsonAsync(string handler, string json) => Parse(await RunAsync(handler, json));

    public async Task<Incident> IncidentAsync(string id = AlarmIncidentId) =>
        await Store.GetAsync(id, default) ?? throw new InvalidOperationException($"No incident {id}.");

    public async Task<IReadOnlyList<string>> TimelineStepsAsync(string id = AlarmIncidentId) =>
        [.. (await Store.GetTimelineAsync(id, default)).Select(e => e.Step)];

    private static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    private static InvocationContext Context(string handler) =>
        new("req-1", $"arn:aws:lambda:eu-west-1:123456789012:function:{handler}", DateTimeOffset.UtcNow.AddMinutes(1), null, handler);
}
