using System.Text.Json;

using Automation.Core.Errors;
using Automation.Functions.Host;

namespace Automation.Functions.Tests.Host;

/// <summary>
/// The published <c>bootstrap</c> against a fake Runtime API, started with the environment Lambda
/// gives a provided.al2023 function: what it posts, what it logs, when it exits.
/// </summary>
[Collection(nameof(PublishedBootstrapGroup))]
public sealed class BootstrapContractTests(PublishedBootstrap bootstrap)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task UnknownHandlerIsAnInitErrorNamingTheKnownHandlersAndTheProcessExits()
    {
        await using var api = FakeRuntimeApi.Start();
        await using var process = BootstrapProcess.Start(bootstrap.ExecutablePath, api.Address, "NoSuchStep");

        var error = await api.InitError.WaitAsync(Patience);
        var exitCode = await process.WaitForExitAsync();

        Assert.Equal(LambdaBootstrap.HandlerNotFoundErrorType, error.ErrorTypeHeader);
        Assert.Equal(LambdaBootstrap.HandlerNotFoundErrorType, error.ErrorType);
        Assert.Contains("'NoSuchStep'", error.ErrorMessage, StringComparison.Ordinal);
        foreach (var known in KnownHandlers())
        {
            Assert.Contains(known, error.ErrorMessage, StringComparison.Ordinal);
        }
        Assert.NotEqual(0, exitCode);
        Assert.Equal(0, api.NextRequests);
        var logged = Assert.Single(process.ReadLogs(), l => l.GetProperty("level").GetString() == "Critical");
        Assert.Contains("NoSuchStep", logged.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingHandlerIsAnInitErrorAndTheProcessExits()
    {
        await using var api = FakeRuntimeApi.Start();
        await using var process = BootstrapProcess.Start(bootstrap.ExecutablePath, api.Address, handler: null);

        var error = await api.InitError.WaitAsync(Patience);

        Assert.Equal(LambdaBootstrap.HandlerNotFoundErrorType, error.ErrorType);
        Assert.Contains("_HANDLER is not set", error.ErrorMessage, StringComparison.Ordinal);
        Assert.NotEqual(0, await process.WaitForExitAsync());
    }

    [Fact]
    public async Task ServesSeveralInvocationsPerProcessWithColdStartOnlyOnTheFirst()
    {
        await using var api = FakeRuntimeApi.Start();
        await using var process = BootstrapProcess.Start(bootstrap.ExecutablePath, api.Address, NormalizeTriggerFixtures.Handler);
        var payload = NormalizeTriggerFixtures.FirstActionable();

        var first = await api.Enqueue(payload, Soon()).WaitAsync(Patience);
        var second = await api.Enqueue(payload, Soon()).WaitAsync(Patience);
        var logs = await process.StopAndReadLogsAsync();

        Assert.True(first.ResponseJson().GetProperty("actionable").GetBoolean(), process.Diagnostics());
        Assert.Equal(first.Response, second.Response);
        var firstLines = LinesOf(logs, first.RequestId);
        var secondLines = LinesOf(logs, second.RequestId);
        Assert.NotEmpty(firstLines);
        Assert.NotEmpty(secondLines);
        Assert.All(firstLines, l => Assert.True(l.GetProperty("cold_start").GetBoolean()));
        Assert.All(secondLines, l => Assert.False(l.GetProperty("cold_start").GetBoolean()));
        Assert.All(logs, l =>
        {
            Assert.Equal("dynamodb-runbooks", l.GetProperty("service").GetString());
            Assert.Equal(BootstrapProcess.FunctionName, l.GetProperty("function_name").GetString());
        });
        Assert.All(firstLines.Concat(secondLines), l => Assert.Equal(FakeRuntimeApi.FunctionArn, l.GetProperty("function_arn").GetString()));
    }

    [Fact]
    public async Task StepFailureIsPostedAsATypedErrorWithStackAndTheNextInvocationIsServed()
    {
        await using var api = FakeRuntimeApi.Start();
        await using var process = BootstrapProcess.Start(bootstrap.ExecutablePath, api.Address, NormalizeTriggerFixtures.Handler);

        var failed = await api.Enqueue(NormalizeTriggerFixtures.FirstInvalid(), Soon()).WaitAsync(Patience);
        var next = await api.Enqueue(NormalizeTriggerFixtures.FirstActionable(), Soon()).WaitAsync(Patience);
        var logs = await process.StopAndReadLogsAsync();

        var error = failed.RequireError();
        Assert.Equal(ErrorTypes.InvalidTrigger, error.ErrorTypeHeader);
        Assert.Equal(ErrorTypes.InvalidTrigger, error.ErrorType);
        Assert.False(string.IsNullOrWhiteSpace(error.ErrorMessage));
        Assert.Contains(error.StackTrace, line => line.Contains(nameof(AutomationException), StringComparison.Ordinal));
        Assert.Contains(error.StackTrace, line => line.StartsWith("at ", StringComparison.Ordinal));
        Assert.True(next.ResponseJson().GetProperty("actionable").GetBoolean());

        var logged = Assert.Single(LinesOf(logs, failed.RequestId), l => l.GetProperty("level").GetString() == "Error");
        Assert.Equal(ErrorTypes.InvalidTrigger, logged.GetProperty("ErrorType").GetString());
        Assert.Equal(typeof(AutomationException).FullName, logged.GetProperty("exception_name").GetString());
        Assert.Contains(" at ", logged.GetProperty("exception").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeadlineHeaderIsHonoured()
    {
        await using var api = FakeRuntimeApi.Start();
        await using var process = BootstrapProcess.Start(bootstrap.ExecutablePath, api.Address, NormalizeTriggerFixtures.Handler);
        var payload = NormalizeTriggerFixtures.FirstActionable();

        // Already past the deadline: the step must not run, and the error must say why.
        var late = await api.Enqueue(payload, DateTimeOffset.UtcNow.AddSeconds(-1)).WaitAsync(Patience);
        var onTime = await api.Enqueue(payload, DateTimeOffset.UtcNow.AddMinutes(5)).WaitAsync(Patience);
        var logs = await process.StopAndReadLogsAsync();

        Assert.Equal(ErrorTypes.DeadlineExceeded, late.RequireError().ErrorType);
        Assert.True(onTime.ResponseJson().GetProperty("actionable").GetBoolean());
        // The host reads the time left from the header (logged at Debug when the step starts).
        var invoking = Assert.Single(LinesOf(logs, onTime.RequestId), l => l.TryGetProperty("RemainingMs", out _));
        Assert.InRange(invoking.GetProperty("RemainingMs").GetInt64(), 240_000, 300_000);
    }

    [Fact]
    public async Task TraceIdIsPropagatedToEveryLogLineOfItsInvocation()
    {
        await using var api = FakeRuntimeApi.Start();
        await using var process = BootstrapProcess.Start(bootstrap.ExecutablePath, api.Address, NormalizeTriggerFixtures.Handler);
        const string Trace = "Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1";

        var outcome = await api.Enqueue(NormalizeTriggerFixtures.FirstInvalid(), Soon(), Trace).WaitAsync(Patience);
        var logs = await process.StopAndReadLogsAsync();

        var lines = LinesOf(logs, outcome.RequestId);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Equal("1-67891233-abcdef012345678912345678", l.GetProperty("xray_trace_id").GetString()));
    }

    [Fact]
    public async Task ReplayClockOutsideSamLocalIsAnInitErrorAndTheProcessExits()
    {
        await using var api = FakeRuntimeApi.Start();
        await using var process = BootstrapProcess.Start(bootstrap.ExecutablePath, api.Address, NormalizeTriggerFixtures.Handler,
            environment: new Dictionary<string, string> { [HostClock.ClockVariable] = "2026-11-21T08:15:43Z" });

        var error = await api.InitError.WaitAsync(Patience);

        Assert.Equal(HostClock.InvalidClockErrorType, error.ErrorTypeHeader);
        Assert.Equal(HostClock.InvalidClockErrorType, error.ErrorType);
        Assert.Contains(HostClock.ClockVariable, error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(HostClock.SamLocalVariable, error.ErrorMessage, StringComparison.Ordinal);
        Assert.NotEqual(0, await process.WaitForExitAsync());
        Assert.Equal(0, api.NextRequests);
    }

    [Fact]
    public async Task ReplayClockUnderSamLocalLeavesTheDeadlineAndTheLogsOnTheRealClock()
    {
        await using var api = FakeRuntimeApi.Start();
        // Far from today, so a deadline or a log timestamp computed on the replay clock would be off by decades.
        await using var process = BootstrapProcess.Start(bootstrap.ExecutablePath, api.Address, NormalizeTriggerFixtures.Handler,
            environment: new Dictionary<string, string> { [HostClock.ClockVariable] = "2001-01-01T00:00:00Z", [HostClock.SamLocalVariable] = "true" });
        var payload = NormalizeTriggerFixtures.FirstActionable();

        var late = await api.Enqueue(payload, DateTimeOffset.UtcNow.AddSeconds(-1)).WaitAsync(Patience);
        var onTime = await api.Enqueue(payload, DateTimeOffset.UtcNow.AddMinutes(5)).WaitAsync(Patience);
        var logs = await process.StopAndReadLogsAsync();

        Assert.Equal(ErrorTypes.DeadlineExceeded, late.RequireError().ErrorType);
        Assert.True(onTime.ResponseJson().GetProperty("actionable").GetBoolean(), process.Diagnostics());
        var invoking = Assert.Single(LinesOf(logs, onTime.RequestId), l => l.TryGetProperty("RemainingMs", out _));
        Assert.InRange(invoking.GetProperty("RemainingMs").GetInt64(), 240_000, 300_000);
        var replay = Assert.Single(logs, l => l.TryGetProperty("ReplayInstant", out _));
        Assert.Equal("Warning", replay.GetProperty("level").GetString());
        Assert.All(logs, l => Assert.InRange(l.GetProperty("timestamp").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1)));
    }

    private static DateTimeOffset Soon() => DateTimeOffset.UtcNow.AddSeconds(30);

    private static List<JsonElement> LinesOf(IReadOnlyList<JsonElement> logs, string requestId) =>
        logs.Where(l => l.TryGetProperty("function_request_id", out var id) && id.GetString() == requestId).ToList();

    private static IEnumerable<string> KnownHandlers() => HandlerCatalog.Names;
}
