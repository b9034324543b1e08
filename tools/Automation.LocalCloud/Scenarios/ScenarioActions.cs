namespace Automation.LocalCloud.Scenarios;

/// <summary>What a followed execution's interactions may do besides answering task tokens: call the access API
/// (request id default: the trigger's) and stop the execution (emitting its ABORTED status event at once).</summary>
internal sealed record ScenarioActions(
    AccessApiClient Access,
    Func<string, string, string, CancellationToken, Task> StopAsync,
    string? DefaultRequestId);
