using Automation.Core.Errors;
using Automation.Functions.Host;
using Automation.Functions.Logging;
using Automation.Functions.Tests.Support;
using Automation.Tests.Fakes;

using Microsoft.Extensions.Logging;

namespace Automation.Functions.Tests.Host;

/// <summary>
/// The event loop in-process, over real HTTP against the fake Runtime API, with test steps that
/// fail or stall on purpose (the published <c>bootstrap</c> is covered by <see cref="BootstrapContractTests"/>).
/// Serial: one test reads the process-wide <c>_X_AMZN_TRACE_ID</c>.
/// </summary>
[Collection(nameof(ProcessEnvironmentGroup))]
public sealed partial class RuntimeLoopTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000);

    [Fact]
    public async Task PostsTheStepResponseAndPassesTheInvocationContext()
    {
        InvocationContext? seen = null;
        string? seenPayload = null;
        await using var loop = await LoopHarness.StartAsync((payload, context, _) =>
        {
            (seen, seenPayload) = (context, payload);
            return Task.FromResult("""{"ok":true}""");
        });

        var outcome = await loop.Api.Enqueue("""{"in":1}""", Start.AddSeconds(30), requestId: "req-1").WaitAsync(Patience);

        Assert.Equal("""{"ok":true}""", outcome.Response);
        Assert.Equal("""{"in":1}""", seenPayload);
        Assert.NotNull(seen);
        Assert.Equal("req-1", seen.RequestId);
        Assert.Equal(FakeRuntimeApi.FunctionArn, seen.InvokedFunctionArn);
        Assert.Equal(Start.AddSeconds(30), seen.Deadline);
        Assert.Equal("loop-test", seen.FunctionName);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PayloadAndResponseTravelAsUtf8ByteForByte(bool chunked)
    {
        // Non-ASCII text in both directions (2-, 3- and 4-byte UTF-8 sequences), with and without a Content-Length.
        const string Payload = """{"summary":"Zürich – 東京 🚀","n":1}""";
        string? seenPayload = null;
        await using var loop = await LoopHarness.StartAsync((payload, _, _) =>
        {
            seenPayload = payload;
            return Task.FromResult(payload.Replace("\"n\":1", "\"n\":2", StringComparison.Ordinal));
        });

        var outcome = await loop.Api.Enqueue(Payload, Start.AddSeconds(30), chunked: chunked).WaitAsync(Patience);

        Assert.Equal(Payload, seenPayload);
        Assert.Equal("""{"summary":"Zürich – 東京 🚀","n":2}""", outcome.Response);
    }

    [Fact]
    public async Task TypedFailureIsPostedAsAnInvocationErrorAndTheLoopGoesOn()
    {
        var calls = 0;
        await using var loop = await LoopHarness.StartAsync((_, _, _) => ++calls == 1
            ? throw new AutomationException(ErrorTypes.InvalidTrigger, "detail.alarmName is missing") { Field = "detail.alarmName" }
            : Task.FromResult("""{"second":true}"""));

        var failed = await loop.Api.Enqueue("{}", Start.AddSeconds(30)).WaitAsync(Patience);
        var next = await loop.Api.Enqueue("{}", Start.AddSeconds(30)).WaitAsync(Patience);

        var error = failed.RequireError();
        Assert.Equal(ErrorTypes.InvalidTrigger, error.ErrorTypeHeader);
        Assert.Equal(ErrorTypes.InvalidTrigger, error.ErrorType);
        Assert.Equal("detail.alarmName is missing", error.ErrorMessage);
        Assert.Contains(error.StackTrace, line => line.Contains(nameof(TypedFailureIsPostedAsAnInvocationErrorAndTheLoopGoesOn), StringComparison.Ordinal));
        Assert.Equal("""{"second":true}""", next.Response);

        var logged = Assert.Single(loop.Sink.AllJson(), l => l.GetProperty("level").GetString() == "Error");
        Assert.Equal(failed.RequestId, logged.GetProperty("function_request_id").GetString());
        Assert.Equal(ErrorTypes.InvalidTrigger, logged.GetProperty("ErrorType").GetString());
        Assert.Contains("AutomationException: detail.alarmName is missing", logged.GetProperty("exception").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnexpectedExceptionIsReportedAsInternalError()
    {
        await using var loop = await LoopHarness.StartAsync((_, _, _) => throw new InvalidOperationException("bug"));

        var error = (await loop.Api.Enqueue("{}", Start.AddSeconds(30)).WaitAsync(Patience)).RequireError();

        Assert.Equal(ErrorTypes.InternalError, error.ErrorType);
        Assert.Equal("bug", error.ErrorMessage);
        Assert.StartsWith("System.InvalidOperationException: bug", error.StackTrace[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeadlineCancelsTheStepASafetyMarginBeforeTheDeadline()
    {
        var clock = new ManualTimeProvider(Start);
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var loop = await LoopHarness.StartAsync(
            async (_, _, token) =>
            {
                started.SetResult(token);
                await Task.Delay(Timeout.Infinite, token);
                return "{}";
            },
            clock);

        var pending = loop.Api.Enqueue("{}", Start.AddSeconds(3));
        var token = await started.Task.WaitAsync(Patience);
        clock.Advance(TimeSpan.FromMilliseconds(2_499));
        Assert.False(token.IsCancellationRequested, "cancelled earlier than 500 ms before the deadline");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var error = (await pending.WaitAsync(Patience)).RequireError();

        Assert.True(token.IsCancellationRequested);
        Assert.Equal(ErrorTypes.DeadlineExceeded, error.ErrorType);
        Assert.Contains("did not finish before the invocation deadline", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredDeadlineIsReportedWithoutRunningTheStep()
    {
        var ran = false;
        await using var loop = await LoopHarness.StartAsync((_, _, _) =>
        {
            ran = true;
            return Task.FromResult("{}");
        });

        var error = (await loop.Api.Enqueue("{}", Start.AddMilliseconds(-1)).WaitAsync(Patience)).RequireError();

        Assert.False(ran);
        Assert.Equal(ErrorTypes.DeadlineExceeded, error.ErrorType);
    }

    [Fact]
    public async Task TraceHeaderIsExposedAsTheXRayEnvironmentVariable()
    {
        var seen = new List<string?>();
        await using var loop = await LoopHarness.StartAsync((_, _, _) =>
        {
            seen.Add(Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID"));
            return Task.FromResult("{}");
        });

        const string Trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        await loop.Api.Enqueue("{}", Start.AddSeconds(30), Trace).WaitAsync(Patience);
        await loop.Api.Enqueue("{}", Start.AddSeconds(30), traceId: null).WaitAsync(Patience);

        Assert.Equal([Trace, null], seen);
    }

    [Fact]
    public async Task StepLogsCarryTheInvocationAndColdStartOnlyOnTheFirstInvocation()
    {
        await using var loop = await LoopHarness.StartAsync((_, context, _) =>
        {
            LoopHarness.StepLog(context.RequestId);
            return Task.FromResult("{}");
        });

        var first = await loop.Api.Enqueue("{}", Start.AddSeconds(30), "Root=1-a-b;Sampled=0").WaitAsync(Patience);
        var second = await loop.Api.Enqueue("{}", Start.AddSeconds(30), "Root=1-c-d;Sampled=0").WaitAsync(Patience);

        var stepLines = loop.Sink.AllJson().Where(l => l.GetProperty("name").GetString() == "TestStep").ToList();
        Assert.Equal(2, stepLines.Count);
        Assert.Equal(first.RequestId, stepLines[0].GetProperty("function_request_id").GetString());
        Assert.True(stepLines[0].GetProperty("cold_start").GetBoolean());
        Assert.Equal("1-a-b", stepLines[0].GetProperty("xray_trace_id").GetString());
        Assert.Equal(second.RequestId, stepLines[1].GetProperty("function_request_id").GetString());
        Assert.False(stepLines[1].GetProperty("cold_start").GetBoolean());
        Assert.Equal("1-c-d", stepLines[1].GetProperty("xray_trace_id").GetString());
        Assert.Equal(FakeRuntimeApi.FunctionArn, stepLines[1].GetProperty("function_arn").GetString());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Handling {RequestIdSeen}")]
    private static partial void LogHandling(ILogger logger, string requestIdSeen);

    /// <summary>A <see cref="RuntimeLoop"/> serving a test step until disposed.</summary>
    private sealed class LoopHarness : IAsyncDisposable
    {
        private static readonly AsyncLocal<ILogger?> StepLogger = new();
        private readonly CancellationTokenSource _stop = new();
        private Task _running = Task.CompletedTask;
        private RuntimeApiClient? _client;

        private LoopHarness(FakeRuntimeApi api) => Api = api;

        public FakeRuntimeApi Api { get; }

        public MemoryLineSink Sink { get; } = new();

        public static void StepLog(string requestId)
        {
            Assert.NotNull(StepLogger.Value);
            RuntimeLoopTests.LogHandling(StepLogger.Value, requestId);
        }

        public static Task<LoopHarness> StartAsync(Func<string, InvocationContext, CancellationToken, Task<string>> step, TimeProvider? time = null)
        {
            var clock = time ?? new FixedTimeProvider(Start);
            var harness = new LoopHarness(FakeRuntimeApi.Start());
            var logContext = new LambdaLogContext("loop-tests", "loop-test", "$LATEST", 128);
            var provider = new JsonLoggerProvider(harness.Sink, logContext, clock, LogLevel.Debug);
            StepLogger.Value = provider.CreateLogger("TestStep");
            harness._client = new RuntimeApiClient(harness.Api.Address, "loop-test");
            var loop = new RuntimeLoop(harness._client, new DelegateStep(step), logContext, provider.CreateLogger("Loop"), clock);
            harness._running = loop.RunAsync(harness._stop.Token);
            return Task.FromResult(harness);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _running.WaitAsync(Patience);
            _client?.Dispose();
            await Api.DisposeAsync();
            _stop.Dispose();
        }
    }

    private sealed class DelegateStep(Func<string, InvocationContext, CancellationToken, Task<string>> run) : IStepHandler
    {
        public string Name => "TestStep";

        public IReadOnlyList<string> RetryableErrors => [];

        public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> utf8Input, InvocationContext context, CancellationToken cancellationToken) =>
            System.Text.Encoding.UTF8.GetBytes(await run(System.Text.Encoding.UTF8.GetString(utf8Input.Span), context, cancellationToken));
    }
}

/// <summary>Tests that read or write process-wide environment variables run one at a time.</summary>
[CollectionDefinition(nameof(ProcessEnvironmentGroup), DisableParallelization = true)]
public sealed class ProcessEnvironmentGroup;
